"""Which Address(es) an article discusses.

Rules (strongest first):

* ``address_title``: the title of an Address, in Russian, Kazakh or English, in any inflected form,
  or a quoted title whose words mostly match one (translations differ).
* ``address_alias``: a short name ("Послание-2025", "Третья модернизация", "Нұрлы жол – болашаққа
  бастар жол").
* ``address_year``: "Послание-2025", "2025 жылғы Жолдау", "в Послании 2018 года", "биылғы Жолдау".
* ``address_date``: a date near the keyword that is the delivery date of an Address.
* ``address_theme``: a theme phrase ("четвертая промышленная революция", "жасанды интеллект"); a theme
  shared by several Addresses goes to the latest delivered before the article's date.
* ``address_programme``: a programme the Address launched ("Нұрлы жол", "Ауыл – ел бесігі").
* ``address_bare``: "Послание Главы государства" / "Мемлекет басшысының Жолдауы" alone: the latest
  Address delivered before the article's date (or before the latest date it mentions).

Everything but a full title needs at least one mention of the keyword (Послание / Жолдау) that is
ours: qualified ("Главы государства", "Мемлекет басшысының") or written as a proper noun, and with no
foreign cue nearby (Russia's, Belarus's, Uzbekistan's Addresses use the same word).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

import yaml

from zholdau import textindex
from zholdau.errors import KnowledgeError
from zholdau.extractors.base import Match, per_knowledge
from zholdau.extractors.phrases import PhraseMatcher, TokenKeys
from zholdau.knowledge.loader import Address, Knowledge, load_knowledge
from zholdau.morph.dates import find_dates

_YEAR = r"((?:19|20)\d{2})"
_YEAR_RULES = [
    re.compile(rf"\b(?:Послани[еяюимх]\w*|Жолдау\w*)\s*[-–—]\s*{_YEAR}\b", re.IGNORECASE),
    # "Послание 2018 года", "по Посланию Главы государства в 2023 году"
    re.compile(rf"\bПослани[еяюимх]\w*\s+(?:\w+\s+){{0,3}}?(?:в\s+)?{_YEAR}\s+год[ау]\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}\s+жыл(?:ғы|дың|ы)\s+(?:[\w-]+\s+){{0,3}}?Жолдау\w*", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}\s*(?:года|г\.)?\s+Послани[еяюимх]\w*", re.IGNORECASE),
]


@dataclass(frozen=True)
class Cues:
    keywords: dict[str, tuple[str, ...]]
    qualifiers: PhraseMatcher
    qualifier_window: int
    foreign: PhraseMatcher
    foreign_window: int
    this_year: PhraseMatcher


@functools.cache
def cues() -> Cues:
    raw = yaml.safe_load(
        resources.files("zholdau.knowledge").joinpath("address_cues.yaml").read_text("utf-8")
    )
    try:
        kw = {lang: tuple(raw["keywords"][lang]) for lang in ("ru", "kk")}
        q, f, t = raw["qualifiers"], raw["foreign"], raw["this_year"]
        return Cues(
            keywords=kw,
            qualifiers=PhraseMatcher((p, lang, "q") for lang in ("ru", "kk") for p in q[lang]),
            qualifier_window=int(q["window"]),
            foreign=PhraseMatcher((p, lang, "f") for lang in ("ru", "kk") for p in f[lang]),
            foreign_window=int(f["window"]),
            this_year=PhraseMatcher((p, lang, "y") for lang in ("ru", "kk") for p in t[lang]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeError(f"address_cues.yaml: missing or invalid entry {exc}") from exc


def _content_stems(text: str, lang: str) -> set[str]:
    return {textindex.key(t.text, lang) for t in textindex.tokens(text) if len(t.text) > 3}


@dataclass(frozen=True)
class AddressIndex:
    titles: PhraseMatcher
    aliases: PhraseMatcher
    themes: PhraseMatcher
    programmes: PhraseMatcher
    title_stems: tuple[tuple[Address, str, frozenset[str]], ...]


@per_knowledge
def address_index(kb: Knowledge) -> AddressIndex:
    kb = kb or load_knowledge()
    titles, aliases, themes, stems = [], [], [], []
    for a in kb.addresses:
        for lang, title in (("ru", a.title_ru), ("kk", a.title_kk), ("ru", a.title_en)):
            if not title:
                continue
            words = textindex.tokens(title)
            if len(words) >= 4:
                # the first words of a long title are distinctive and survive abridged quoting
                head = title[: words[min(len(words), 5) - 1].end]
                titles.append((head, lang, a))
                stems.append((a, lang, frozenset(_content_stems(title, lang))))
        aliases += [(p, "ru", a) for p in a.aliases_ru] + [(p, "kk", a) for p in a.aliases_kk]
        themes += [(p, "ru", a) for p in a.themes_ru] + [(p, "kk", a) for p in a.themes_kk]
    progs = []
    for p in kb.programmes:
        if not p.launched_by_address or not p.address_ids:
            continue
        for name in (p.name_ru, p.name_kk, *p.aliases_ru, *p.aliases_kk):
            if name:
                progs.append((name, "kk" if any(ch in "әғқңөұүһі" for ch in name.lower()) else "ru", p))
    return AddressIndex(
        PhraseMatcher(titles),
        PhraseMatcher(aliases),
        PhraseMatcher(themes),
        PhraseMatcher(progs),
        tuple(stems),
    )


@dataclass
class KeywordMention:
    start: int
    end: int
    token: int
    ours: bool
    qualified: bool


def keyword_mentions(tk: TokenKeys) -> list[KeywordMention]:
    """Every Послание / Жолдау in the text, marked ours or foreign."""
    c = cues()
    kw_ru = {textindex.key(w, "ru") for w in c.keywords["ru"]}
    kw_kk = {textindex.key(w, "kk") for w in c.keywords["kk"]}
    ru, kk = tk.keys("ru"), tk.keys("kk")
    quals = c.qualifiers.find(tk)
    foreign = c.foreign.find(tk)
    out = []
    for i, tok in enumerate(tk.tokens):
        if ru[i] not in kw_ru and kk[i] not in kw_kk:
            continue
        low = tok.text.lower()
        if not (low.startswith("послан") or low.startswith("жолдау")):
            continue  # "жолдады" (sent), "посланный" share no key, but be explicit
        qualified = any(
            abs(q.first_token - i) <= c.qualifier_window or abs(q.last_token - i) <= c.qualifier_window
            for q in quals
        )
        proper = tok.text[0].isupper() and not _sentence_start(tk.text, tok.start)
        is_foreign = any(abs(f.first_token - i) <= c.foreign_window for f in foreign)
        # in an article about another country's Address, an unqualified "Жолдауда" is theirs too
        ours = (qualified and not is_foreign) or (proper and not foreign)
        out.append(KeywordMention(tok.start, tok.end, i, ours, qualified))
    return out


def _sentence_start(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t«\"'(“„":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;…"


def _latest_before(candidates: list[Address], ref: date | None) -> Address | None:
    if not candidates:
        return None
    if ref is None:
        return max(candidates, key=lambda a: a.date)
    before = [a for a in candidates if a.date <= ref]
    return max(before, key=lambda a: a.date) if before else None


def _near(start: int, mentions: list[KeywordMention], chars: int = 200) -> bool:
    return any(m.ours and abs(m.start - start) <= chars for m in mentions)


def extract_addresses(
    text: str, published: date | None, kb: Knowledge | None = None, today: date | None = None
) -> list[Match]:
    """Matches whose value is an Address id, each from a named rule."""
    kb = kb or load_knowledge()
    idx = address_index(kb)
    tk = TokenKeys.of(text)
    mentions = keyword_mentions(tk)
    ours = [m for m in mentions if m.ours]
    matches: list[Match] = []

    for h in idx.titles.find(tk):
        matches.append(Match(h.payload.id, h.start, h.end, "address_title"))
    matches += _quoted_titles(text, idx)
    if not ours:
        return _dedupe(matches)

    ref = published
    if ref is None:
        mentioned = [m.date for m in find_dates(text) if m.year_given and (today is None or m.date <= today)]
        ref = max(mentioned) if mentioned else None

    # an alias two Addresses share ("Послание-2018": January and October) goes by the date
    alias_hits: dict[tuple[int, int], list[Address]] = {}
    for h in idx.aliases.find(tk):
        alias_hits.setdefault((h.start, h.end), []).append(h.payload)
    for (s, e), cands in alias_hits.items():
        pick = cands[0] if len(cands) == 1 else _latest_before(cands, ref) or cands[-1]
        matches.append(Match(pick.id, s, e, "address_alias"))

    # years: "Послание-2025", "2025 жылғы Жолдау"
    for rx in _YEAR_RULES:
        for m in rx.finditer(text):
            year = int(m.group(1))
            cands = [a for a in kb.addresses if a.date.year == year]
            pick = _latest_before(cands, ref if ref and ref.year == year else None) or (
                cands[-1] if cands else None
            )
            if pick:
                matches.append(Match(pick.id, m.start(), m.end(), "address_year"))
    for h in cues().this_year.find(tk):
        if ref and _near(h.start, ours, 60):
            cands = [a for a in kb.addresses if a.date.year == ref.year]
            pick = _latest_before(cands, ref)
            if pick:
                matches.append(Match(pick.id, h.start, h.end, "address_year"))

    # a delivery date written next to the keyword
    by_date = {a.date: a for a in kb.addresses}
    for dm in find_dates(text, ref):
        a = by_date.get(dm.date)
        if a is not None and _near(dm.start, ours):
            matches.append(Match(a.id, dm.start, dm.end, "address_date"))

    strong = {m.value for m in matches}
    theme_hits: dict[tuple[int, int], list[Address]] = {}
    for h in idx.themes.find(tk):
        theme_hits.setdefault((h.start, h.end), []).append(h.payload)
    for (s, e), cands in theme_hits.items():
        if strong:
            # with a title, alias, year or date found, a theme only confirms one of those
            cands = [a for a in cands if a.id in strong]
        pick = _latest_before(cands, ref) or (cands[0] if strong and cands else None)
        if pick:
            matches.append(Match(pick.id, s, e, "address_theme", 0.6))

    if not strong:
        for h in idx.programmes.find(tk):
            ids = h.payload.address_ids
            cands = [kb.address(i) for i in ids]
            pick = _latest_before(cands, ref) or cands[0]
            matches.append(Match(pick.id, h.start, h.end, "address_programme", 0.5))

    if not strong and not any(m.rule == "address_theme" for m in matches):
        pick = _latest_before(list(kb.addresses), ref) if ref else None
        if pick is not None:
            first = ours[0]
            matches.append(Match(pick.id, first.start, first.end, "address_bare", 0.5))
    return _dedupe(matches)


def _quoted_titles(text: str, idx: AddressIndex) -> list[Match]:
    """A quoted title whose content words mostly match one Address title (translations differ)."""
    out = []
    for m in re.finditer(r"[«“\"]([^»”\"]{20,300})[»”\"]", text):
        quoted = m.group(1)
        for lang in ("ru", "kk"):
            qs = _content_stems(quoted, lang)
            if len(qs) < 3:
                continue
            best: tuple[float, Address] | None = None
            for a, tlang, ts in idx.title_stems:
                if tlang != lang or not ts:
                    continue
                score = len(qs & ts) / max(len(ts), len(qs))
                if score >= 0.5 and (best is None or score > best[0]):
                    best = (score, a)
            if best:
                out.append(Match(best[1].id, m.start(1), m.end(1), "address_title", best[0]))
                break
    return out


def _dedupe(matches: list[Match]) -> list[Match]:
    seen: set[tuple[Any, int, int]] = set()
    out = []
    for m in matches:
        k = (m.value, m.start, m.end)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out
