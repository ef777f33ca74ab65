"""Registers built from the records: officials over time, and promised vs reported figures.

Officials: one row per (person, post, region). A person is the name folded across kk/ru spellings
("Амандық Баталов" = "Амандык Баталов"); a post is its knowledge-base key when the post phrase names
one ("облыс әкімі" = "аким области" = ``region_akim``), else the folded phrase; the region is the
article's primary region. Each row keeps the spellings seen, the first and last publication dates and
the number of articles.

Figures: every figure of an article is classified by the words of its sentence as a ``plan``
("планируется построить 3 школы", "120 ауылды … қосуды тапсырды") or a ``report`` ("построено 3
школы", "120 ауыл … қосылды"), or neither. A plan and a later report in the same region, with the same
unit and the same measure (a count's noun, or for sums and physical quantities the purpose named in
the sentence, language-neutral keys from ``lexicon.yaml``), are shown side by side.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from zholdau.connect.features import fold, lexicon, parse_day, person_key, sentence_at


@functools.lru_cache(maxsize=65_536)
def post_key(post: str | None, lang: str | None) -> str | None:
    """The knowledge-base key of a post phrase ("аким области" → ``region_akim``), else the folded
    phrase; ``None`` without a post."""
    if not post or not post.strip():
        return None
    try:
        from zholdau.extractors.officials import post_key_of

        found = post_key_of(post, lang or "ru")
    except (ImportError, ValueError, KeyError):
        found = None
    return found.key if found is not None else fold(post).strip()


@dataclass(frozen=True, slots=True)
class OfficialSighting:
    person: str  # folded name
    name: str  # as the record spells it
    post_key: str | None
    post: str | None
    level: str | None
    region: str | None
    published: str | None
    lang: str | None
    article_id: str


def official_sightings(rec: Mapping[str, Any]) -> list[OfficialSighting]:
    """The officials of a record, one per person (the first mention's post)."""
    seen: dict[str, OfficialSighting] = {}
    lang = rec.get("lang")
    for o in rec.get("officials") or []:
        if not isinstance(o, Mapping) or not isinstance(o.get("name"), str) or not o["name"].strip():
            continue
        person = person_key(o["name"])
        if not person or person in seen:
            continue
        post = o.get("post") if isinstance(o.get("post"), str) else None
        seen[person] = OfficialSighting(
            person,
            o["name"].strip(),
            post_key(post, lang),
            post,
            o.get("level"),
            rec.get("primary_region"),
            rec.get("published"),
            lang,
            str(rec["id"]),
        )
    return list(seen.values())


@dataclass(frozen=True, slots=True)
class FigureFact:
    """One figure of an article, classified."""

    article_id: str
    index: int
    kind: str  # plan | report
    unit: str
    measure: str | None
    value: float
    text: str
    region: str | None
    published: str | None
    sentence: str


def _figure_sentence(rec: Mapping[str, Any], index: int) -> str:
    text = str(rec.get("text") or "")
    ev = (rec.get("evidence") or {}).get("figures") or []
    spans = ev[index] if index < len(ev) and isinstance(ev[index], list) else []
    for e in spans:
        if (
            isinstance(e, Mapping)
            and isinstance(e.get("start"), int)
            and e["start"] >= 0
            and e.get("field", "text") == "text"
        ):
            s, t = sentence_at(text, e["start"])
            return text[s:t]
    return ""


def classify(sentence: str) -> str | None:
    """``plan`` or ``report`` by the cues of the sentence (``None`` when it says neither or both equally)."""
    lex = lexicon()
    plan, report = lex.plan.count(sentence), lex.report.count(sentence)
    if plan > report:
        return "plan"
    if report > plan:
        return "report"
    return None


def figure_facts(rec: Mapping[str, Any]) -> list[FigureFact]:
    """The classified figures of a record (figures whose sentence is neither plan nor report are left out)."""
    lex = lexicon()
    out = []
    for i, f in enumerate(rec.get("figures") or []):
        # a share ("4,5 %") has no "same thing" to compare with a later share: not paired
        if not isinstance(f, Mapping) or f.get("value") is None or f.get("unit") in (None, "", "percent"):
            continue
        sentence = _figure_sentence(rec, i)
        kind = classify(sentence)
        if kind is None:
            continue
        if f.get("unit") == "count":
            measure = lex.measure_of(str(f.get("measure") or "")) or lex.measure_of(str(f.get("text") or ""))
        else:
            measure = lex.measure_of(sentence)
        try:
            value = float(f["value"])
        except (TypeError, ValueError):
            continue
        out.append(
            FigureFact(
                str(rec["id"]),
                i,
                kind,
                str(f["unit"]),
                measure,
                value,
                str(f.get("text") or ""),
                rec.get("primary_region"),
                rec.get("published"),
                sentence.strip()[:400],
            )
        )
    return out


def pair_figures(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Plans side by side with the later reports of the same region, unit and measure.

    ``rows`` are stored figure facts (dicts with ``kind``, ``region``, ``unit``, ``measure``,
    ``published``, ``value``, ``text``, ``article_id``, ``sentence``); each plan gets the latest
    report after it (or none: promised, not yet reported).
    """
    plans, reports = [], []
    for r in rows:
        if not r.get("measure") or not r.get("region"):
            continue
        (plans if r["kind"] == "plan" else reports).append(r)
    out = []
    for p in sorted(plans, key=lambda r: (r["region"], r["published"] or "", r["article_id"])):
        pd = parse_day(p.get("published"))
        later = [
            r
            for r in reports
            if r["region"] == p["region"]
            and r["unit"] == p["unit"]
            and r["measure"] == p["measure"]
            and pd
            and parse_day(r.get("published"))
            and parse_day(r.get("published")) > pd
            and r["article_id"] != p["article_id"]
        ]  # type: ignore[operator]
        rep = max(later, key=lambda r: (r["published"], r["article_id"])) if later else None
        out.append(
            {
                "region": p["region"],
                "measure": p["measure"],
                "unit": p["unit"],
                "promised": {k: p[k] for k in ("value", "text", "published", "article_id", "sentence")},
                "reported": {k: rep[k] for k in ("value", "text", "published", "article_id", "sentence")}
                if rep
                else None,
                "ratio": round(rep["value"] / p["value"], 3) if rep and p["value"] else None,
            }
        )
    return out
