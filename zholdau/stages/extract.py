"""Extraction stages: each wraps one pure extractor and puts its facts (with evidence) on the article."""

from __future__ import annotations

import functools
from datetime import date

from zholdau.config import Settings
from zholdau.extractors.base import Match, to_facts
from zholdau.model import Article, Fact


def article_date(article: Article, settings: Settings) -> date:
    """The date that decides which region extent applies: published; else the delivery date of the
    latest Address the article discusses (it was written soon after); else today."""
    published = _published(article)
    if published:
        return published
    linked = []
    for f in article.facts.get("addresses", []):
        try:
            linked.append(date.fromisoformat(str(f.value)))
        except ValueError:
            continue
    return max(linked) if linked else settings.today


def _published(article: Article) -> date | None:
    p = article.get("published")
    try:
        return date.fromisoformat(str(p)) if p else None
    except ValueError:
        return None


@functools.cache
def _outlet_homes() -> dict[str, str]:
    from zholdau.knowledge.loader import load_knowledge

    return {o.name.casefold(): o.home_region for o in load_knowledge().outlets if o.home_region}


def link_addresses(article: Article, settings: Settings) -> None:
    from zholdau.extractors.addresses import extract_addresses

    matches = extract_addresses(article.analysis_text, _published(article), today=settings.today)
    facts = to_facts(article, matches)
    weight: dict[str, float] = {}
    for m in matches:
        weight[m.value] = weight.get(m.value, 0.0) + m.score
    facts.sort(key=lambda f: -weight.get(f.value, 0.0))
    article.facts["addresses"] = facts


def find_regions(article: Article, settings: Settings) -> None:
    from zholdau.extractors.regions import extract_regions

    outlet = article.get("outlet")
    home = _outlet_homes().get(str(outlet).casefold()) if outlet else None
    res = extract_regions(
        article.analysis_text,
        article_date(article, settings),
        article.lang,
        dateline_city=article.get("dateline_city"),
        outlet_home=home,
        cased=article.script != "arab",
    )
    article.facts["primary_region"] = to_facts(article, [res.primary]) if res.primary else []
    regions = to_facts(article, res.regions)
    order = {m.value: i for i, m in enumerate(res.regions)}
    regions.sort(key=lambda f: order.get(f.value, 0))
    article.facts["regions"] = regions
    article.facts["places"] = _merge_places(to_facts(article, res.places, merge=False))


def _merge_places(facts: list[Fact]) -> list[Fact]:
    out: dict[str, Fact] = {}
    for f in facts:
        key = f.value["id"]
        if key in out:
            out[key].evidence.extend(f.evidence)
        else:
            out[key] = f
    return list(out.values())


def find_topics(article: Article, settings: Settings) -> None:
    from zholdau.extractors.topics import extract_topics

    matches = extract_topics(article.analysis_text)
    score = {m.value: m.score for m in matches}
    facts = to_facts(article, matches)
    facts.sort(key=lambda f: -score[f.value])
    article.facts["topics"] = facts


def find_figures(article: Article, settings: Settings) -> None:
    from zholdau.extractors.figures import extract_figures

    # the same figure mentioned twice is one fact with two pieces of evidence
    article.facts["figures"] = _merge_figures(
        to_facts(article, extract_figures(article.analysis_text, article.lang), merge=False)
    )


def _merge_figures(facts: list[Fact]) -> list[Fact]:
    out: dict[tuple[object, ...], Fact] = {}
    for f in facts:
        v = f.value
        key = (v.get("value"), v.get("unit"), v.get("measure"))
        if key in out:
            out[key].evidence.extend(f.evidence)
        else:
            out[key] = f
    return list(out.values())


@functools.lru_cache(maxsize=4)
def _officials_and_chair(text: str, lang: str | None) -> tuple[list[Match], Match | None]:
    """Official mentions and the chair, computed once per text for the two stages that need them."""
    from zholdau.extractors.chair import extract_chair
    from zholdau.extractors.officials import extract_officials

    mentions = extract_officials(text, lang)
    return mentions, extract_chair(text, lang, mentions)


def find_officials(article: Article, settings: Settings) -> None:
    """Officials (one fact per person, every mention as evidence) and the chair of the meeting."""
    mentions, chair = _officials_and_chair(article.analysis_text, article.lang)
    people: dict[str, Fact] = {}
    for fact in to_facts(article, mentions, merge=False):
        key = person_key(fact.value.get("name", ""))
        known = people.get(key)
        if known is None:
            people[key] = fact
            continue
        known.evidence.extend(fact.evidence)
        if not known.value.get("post_key") and fact.value.get("post_key"):
            known.value = {**fact.value, "name": known.value["name"]}
    article.facts["officials"] = list(people.values())
    article.facts["chair"] = to_facts(article, [chair]) if chair else []


def find_assignments(article: Article, settings: Settings) -> None:
    from zholdau.extractors.assignments import extract_assignments

    text = article.analysis_text
    mentions, chair = _officials_and_chair(text, article.lang)
    found = extract_assignments(text, article.lang, _published(article), mentions, chair)
    facts = to_facts(article, found, merge=False)
    if article.text_cyrillic:
        # Latin/Arabic-script Kazakh: the sentence is quoted as the article wrote it, not transliterated
        for fact, match in zip(facts, sorted(found, key=lambda m: (m.start, m.end)), strict=False):
            sentence = fact.value.get("sentence")
            if sentence and text[match.start : match.end] == sentence and fact.evidence:
                fact.value = {**fact.value, "sentence": fact.evidence[0].text}
    article.facts["assignments"] = facts


def person_key(name: str) -> str:
    """A person's name folded for merging mentions: case, ё/е and Kazakh/Russian letters."""
    from zholdau.evaluation import fold_name

    return fold_name(name)
