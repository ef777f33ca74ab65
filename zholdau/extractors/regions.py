"""Regions and places an article is about, valid on the article's date.

Rules:

* ``region_name``: a region's name in any case form ("Алматинской области", "Абай облысында",
  "ВКО", "Almaty oblysy"), from the knowledge base's forms, stems and abbreviations;
* ``place_name``: a city, town or district ("Екібастұзда", "Бородулихинском районе") mapped to the
  region it belonged to on the article's date (Semey is East Kazakhstan before 8 June 2022, Abai
  region after; Shymkent is South Kazakhstan before 19 June 2018, its own city after);
* ``dateline_city``: the city of the dateline ("СЕМЕЙ. KAZINFORM –");
* ``outlet_home``: the home region of a regional outlet (weak).

The primary region is the one with the most weighted evidence (mentions in the title and first
paragraph count more); ties go to the earliest mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from zholdau.extractors.base import Match, per_knowledge
from zholdau.extractors.phrases import NameMatcher, StemMatcher, TokenKeys
from zholdau.knowledge.loader import Knowledge, Place, Region, load_knowledge

WEIGHTS = {"region_name": 3.0, "place_name": 2.0, "dateline_city": 3.0, "outlet_home": 1.0}
LEAD_CHARS = 400  # title and first paragraph: mentions here weigh double


@dataclass(frozen=True)
class RegionIndex:
    names: NameMatcher  # payload: tuple of Region entries sharing the name
    stems: StemMatcher  # payload: tuple of Region entries sharing the stem
    abbreviations: tuple[tuple[re.Pattern[str], tuple[Region, ...]], ...]
    places: NameMatcher  # payload: tuple of Place rows sharing the name
    district_heads: NameMatcher  # "Иртышский" of "Иртышский район": payload tuple of Place rows


@per_knowledge
def region_index(kb: Knowledge) -> RegionIndex:
    kb = kb or load_knowledge()
    by_name: dict[str, list[Region]] = {}
    by_stem: dict[str, list[Region]] = {}
    by_abbr: dict[str, list[Region]] = {}
    for r in kb.regions:
        for name in (
            r.name_kk,
            r.name_ru,
            r.name_en,
            *r.names_latin,
            *r.forms_ru,
            *r.forms_kk,
            *r.demonyms_ru,
            *r.demonyms_kk,
        ):
            if name:
                by_name.setdefault(name, []).append(r)
        for stem in (*r.stems_ru, *r.stems_kk):
            by_stem.setdefault(stem, []).append(r)
        for abbr in r.abbreviations:
            by_abbr.setdefault(abbr, []).append(r)
    names = NameMatcher((n, tuple(rs)) for n, rs in by_name.items())
    stems = StemMatcher((s, tuple(rs)) for s, rs in by_stem.items())
    abbrs = tuple(
        (re.compile(r"(?<![\w-])" + re.escape(a) + r"(?![\w-])"), tuple(rs)) for a, rs in by_abbr.items()
    )
    by_place: dict[str, list[Place]] = {}
    for p in kb.places:
        for name in p.names():
            if name:
                by_place.setdefault(name, []).append(p)
    places = NameMatcher((n, tuple(ps)) for n, ps in by_place.items())
    heads: dict[str, list[Place]] = {}
    for name, rows in by_place.items():
        words = name.split()
        if len(words) == 2 and _DISTRICT_WORD.match(words[1].lower()) and rows[0].kind == "district":
            heads.setdefault(words[0], []).extend(rows)
    return RegionIndex(names, stems, abbrs, places, NameMatcher((h, tuple(rs)) for h, rs in heads.items()))


_DISTRICT_WORD = re.compile(r"^(?:район|аудан)")
_COORD = frozenset({"и", "және", "мен", "бен", "пен", "а", "также"})


_SURNAME_NEXT = re.compile(
    r"\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+(?:ов|ев|ин|ова|ева|ина|ұлы|улы|қызы|кызы)\w*"
)
_GLUE = ".-/@_"


def plausible_name_span(text: str, start: int, end: int) -> bool:
    """A place or region name must be written as a name: capitalised somewhere ("многодетных семей" is
    not Semey), not part of a URL or host ("aktobe-vestnik.kz"), not the given name of a person
    ("Алтай Сейтказиев")."""
    span = text[start:end]
    if not any(w[:1].isupper() for w in span.split()):
        return False
    if start > 0 and text[start - 1] in _GLUE and start > 1 and text[start - 2].isalnum():
        return False
    if end < len(text) - 1 and text[end] in _GLUE and text[end + 1].isalpha() and text[end] != "-":
        return False
    if end < len(text) - 1 and text[end] == "-" and text[end + 1].isascii() and text[end + 1].isalpha():
        return False
    return not _SURNAME_NEXT.match(text, end)


def _pick_region(entries: tuple[Region, ...], on: date) -> Region | None:
    """The entry valid on ``on``; else the latest one that had already existed (a historical name such as
    ЮКО in a 2020 article); ``None`` when every entry was created later ("Ұлытау өңірі" in 2017 is the
    area, not the region created in 2022)."""
    valid = [r for r in entries if r.valid_on(on)]
    if valid:
        return valid[0]
    past = [r for r in entries if (r.period.valid_from or date.min) <= on]
    return max(past, key=lambda r: r.period.valid_from or date.min) if past else None


def _pick_place(rows: tuple[Place, ...], on: date) -> Place | None:
    valid = [p for p in rows if p.period.contains(on)]
    if not valid:
        return None
    ids = {p.id for p in valid}
    # one name, several places (Абайский район exists in three regions): ambiguous, skip
    return valid[0] if len(ids) == 1 else None


@dataclass
class RegionResult:
    primary: Match | None
    regions: list[Match]
    places: list[Match]
    scores: dict[str, float]


def _spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def extract_regions(
    text: str,
    on: date,
    lang: str | None = None,
    kb: Knowledge | None = None,
    dateline_city: str | None = None,
    outlet_home: str | None = None,
    cased: bool = True,
) -> RegionResult:
    """Regions (ISO codes valid on ``on``) and places named in ``text``, with the primary region.

    ``cased=False`` for text without letter case (Kazakh in Arabic script): names are then not required
    to be capitalised."""
    kb = kb or load_knowledge()
    idx = region_index(kb)
    tk = TokenKeys.of(text)

    def plausible(s: int, e: int) -> bool:
        return plausible_name_span(text, s, e) if cased else True

    # a longer place name contains a region's name: "Алматы ауданы" (a district of Astana) is not Almaty
    place_hits = [h for h in idx.places.find(tk) if plausible(h.start, h.end)]

    def inside_longer_place(s: int, e: int) -> bool:
        return any(h.start <= s and e <= h.end and (h.end - h.start) > (e - s) for h in place_hits)

    # place candidates: (start, end, rule, rows valid on the date); coordinated district names first
    # ("Ақсу, Сарқан аудандарында": Ақсу is the district here, not the town of Aksu in Pavlodar region)
    candidates: list[tuple[int, int, str, list[Place], str]] = []
    toks = tk.tokens
    for h in idx.district_heads.find(tk):
        if not plausible(h.start, h.end):
            continue
        j = h.last_token + 1
        ok = False
        while j < len(toks) and j <= h.last_token + 16:
            w = toks[j].text.lower()
            if _DISTRICT_WORD.match(w):
                # right after the head, a singular "X ауданы" is an ordinary match; a plural closes a list
                ok = j > h.last_token + 1 or w.startswith(
                    ("аудандар", "районы", "районов", "районах", "районам")
                )
                break
            if w not in _COORD and cased and not toks[j].text[:1].isupper():
                break
            j += 1
        rows = [p for p in h.payload if p.period.contains(on)]
        if ok and rows:
            candidates.append((h.start, h.end, "place_name_coordinated", rows, ""))
    raw_hits: list[tuple[int, int, Region | None]] = []
    for h in idx.names.find(tk):
        # generic names in the data ("столица", "елорда") are written in lower case
        if plausible(h.start, h.end) or h.phrase.islower():
            raw_hits.append((h.start, h.end, _pick_region(h.payload, on)))
    for h in idx.stems.find(tk):
        if plausible(h.start, h.end):
            raw_hits.append((h.start, h.end, _pick_region(h.payload, on)))
    for rx, entries in idx.abbreviations:
        for m in rx.finditer(text):
            raw_hits.append((m.start(), m.end(), _pick_region(entries, on)))
    # "Есіл және Алматы аудандарында": Алматы is a district of Astana here, not the city
    coordinated = [(c[0], c[1]) for c in candidates]
    region_hits = [
        (s, e, r)
        for s, e, r in raw_hits
        if r is not None
        and not inside_longer_place(s, e)
        and not any(_spans_overlap((s, e), c) for c in coordinated)
    ]
    # longest first; a shorter hit inside a longer one is dropped ("Алматы" inside "Алматы облысы")
    region_hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    kept: list[tuple[int, int, Region]] = []
    for h in region_hits:
        if not any(_spans_overlap((h[0], h[1]), (k[0], k[1])) for k in kept):
            kept.append(h)

    matches: list[Match] = []
    place_matches: list[Match] = []
    for s, e, r in kept:
        if r.kind == "city" and not r.valid_on(on):
            # "Шымкент" in 2017 is a city of South Kazakhstan, not yet a region of its own
            continue
        matches.append(Match(r.code, s, e, "region_name"))
    taken = [(s, e) for s, e, r in kept if r.kind != "city" or r.valid_on(on)]
    for h in sorted(place_hits, key=lambda h: -(h.end - h.start)):
        spans = taken + [(c[0], c[1]) for c in candidates]
        if any(_spans_overlap((h.start, h.end), t) for t in spans):
            continue
        rows = [p for p in h.payload if p.period.contains(on)]
        if rows:
            candidates.append((h.start, h.end, "place_name", rows, h.phrase))
    candidates.sort(key=lambda c: c[0])

    def place_match(s: int, e: int, rule: str, place: Place, phrase: str = "") -> None:
        region = kb.region_of_place(place.id, on)
        code = region.code if region else place.region
        name = place.name_kk if lang == "kk" else place.name_ru
        if phrase and phrase not in (place.name_kk, place.name_ru) and not phrase.isascii():
            name = phrase  # a former or variant name ("Зеленов ауданы" before 2018) is kept as written
        place_matches.append(
            Match({"name": name, "region": code, "kind": place.kind, "id": place.id}, s, e, rule)
        )
        matches.append(Match(code, s, e, "place_name"))

    ambiguous = []
    for s, e, rule, rows, phrase in candidates:
        if len({p.id for p in rows}) == 1:
            place_match(s, e, rule, rows[0], phrase)
        else:
            ambiguous.append((s, e, rule, rows))
    if ambiguous:
        # one name, several places (Абай ауданы is in three regions): the region the article is about decides
        evidence: dict[str, int] = {}
        for m in matches:
            evidence[m.value] = evidence.get(m.value, 0) + 1
        if dateline_city:
            for p in kb.places_named(dateline_city):
                evidence[p.region] = evidence.get(p.region, 0) + 2
        for s, e, rule, rows in ambiguous:
            scored = sorted(rows, key=lambda p: -evidence.get(p.region, 0))
            if evidence.get(scored[0].region, 0) > 0 and (
                len(scored) == 1 or evidence.get(scored[0].region, 0) > evidence.get(scored[1].region, 0)
            ):
                place_match(s, e, rule + "_disambiguated", scored[0])
    # cities of republican significance are places too, under the name they had on the date
    for s, e, r in kept:
        if r.kind == "city" and r.valid_on(on):
            place_matches.append(
                Match(
                    {"name": _city_name(r, on, lang), "region": r.code, "kind": "city", "id": r.id},
                    s,
                    e,
                    "city_of_republican_significance",
                )
            )
    place_matches.sort(key=lambda m: m.start)
    if dateline_city:
        for p in kb.places_named(dateline_city):
            if p.period.contains(on):
                region = kb.region_of_place(p.id, on)
                if region:
                    matches.append(Match(region.code, -1, -1, "dateline_city"))
                    if p.id not in {m.value["id"] for m in place_matches}:
                        place_matches.append(
                            Match(
                                {
                                    "name": p.name_kk if lang == "kk" else p.name_ru,
                                    "region": region.code,
                                    "kind": p.kind,
                                    "id": p.id,
                                },
                                -1,
                                -1,
                                "dateline_city",
                            )
                        )
                    break
    if outlet_home:
        matches.append(Match(outlet_home, -1, -1, "outlet_home"))

    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for m in matches:
        w = WEIGHTS[m.rule] * (2.0 if 0 <= m.start < LEAD_CHARS else 1.0)
        scores[m.value] = scores.get(m.value, 0.0) + w
        first[m.value] = min(first.get(m.value, 10**9), m.start if m.start >= 0 else 10**8)
    primary: Match | None = None
    if scores:
        best = max(scores, key=lambda c: (scores[c], -first[c]))
        ev = [m for m in matches if m.value == best]
        with_span = [m for m in ev if m.start >= 0]
        pm = with_span[0] if with_span else ev[0]
        primary = Match(best, pm.start, pm.end, pm.rule, scores[best])
    ordered = sorted(
        matches, key=lambda m: (m.value != (primary.value if primary else None), -scores[m.value])
    )
    return RegionResult(primary, ordered, place_matches, scores)


def _city_name(r: Region, on: date, lang: str | None) -> str:
    for former in r.former_names:
        if former.period.contains(on):
            return former.name_kk if lang == "kk" else former.name_ru
    return r.name_kk if lang == "kk" else r.name_ru


def region_label(code: str, lang: str = "ru", kb: Knowledge | None = None) -> str:
    kb = kb or load_knowledge()
    try:
        r = kb.region(code)
    except KeyError:
        return code
    return {"kk": r.name_kk, "en": r.name_en}.get(lang, r.name_ru)
