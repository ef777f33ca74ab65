"""Assignment follow-up: later articles that report progress on an instruction, and each
instruction's status.

A *report* is an article with follow-up cues ("по поручению акима области…", "напомним, …",
"тапсырмасы бойынша", "тапсырған болатын") and/or outcome cues ("построены", "введены в
эксплуатацию", "аяқталды", "қосылды" = done; "ведутся", "жүргізілуде" = ongoing). Its *windows* are
the sentences with a cue and their neighbours; each window keeps its content keys (search keys cut
to 6 letters, the genre's generic words left out), the numbers it says, the measures it names
(language-neutral, "школ"/"мектеп" → ``school``) and the surnames.

A report follows up an assignment of an earlier article when they are in the same region, the report
is later (within :data:`MAX_YEARS` years), it is not a report of the same meeting, and one window
matches the assignment (rule names in ``Link.reasons``):

* ``shared_numbers`` +2 each (up to 2): "120 ауылды" … "120 ауыл", "600 мест" … "600 мест";
* ``shared_measures`` +1.5 each (up to 2): schools, villages, internet, irrigation …;
* ``shared_words`` +1 each (up to 4): "разработать планы мероприятий" … "планы … разработаны";
* ``names_issuer`` +1: the window names the issuer or the addressee;
* ``recap`` +3: the report retells the assignment (an assignment of its own with the same deadline
  and most of the same words: "…қосуды тапсырған болатын").

At :data:`LINK` points or more the report is linked, provided the window has specific evidence (a
number, a name, a recap or two content words) and the report says it follows an instruction (a
follow-up cue) or repeats the assignment's numbers. Later meetings list last year's achievements in the
same sectors and give new instructions on the same kind of work, so a link also needs (unless the report
retells the assignment): a shared number, or a follow-up cue in the window with the same specific object
in the cue's own sentence (schools, not "villages": ``generic_measures`` in the lexicon) or the issuer's
name and two words; and no conflict: not another count of it (600 vs 1 200 seats), not another town or
district, not a meeting on another named Address. The report's own new instructions are not windows,
and a retold assignment is not a link target (the link goes to where it was given). The link is ``done`` when a window that names the
assignment's outcome (numbers, two words or a recap) has a done cue, else ``in_progress``. An assignment's status: ``done`` (a done report), ``overdue`` (deadline
passed, no done report), ``in_progress`` (a report, deadline not passed), ``assigned``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zholdau.connect.features import (
    fold,
    ids_in,
    lexicon,
    parse_day,
    sentence_spans,
    surname_key,
    text_surnames,
)
from zholdau.morph.dates import KK_MONTH_STEMS, RU_MONTH_FORMS

KK_MONTH_STEMS_FLAT = tuple(stem for stems in KK_MONTH_STEMS.values() for stem in stems)

MAX_YEARS = 3
LINK = 4.0
STATUSES = ("assigned", "in_progress", "done", "overdue")
_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d])|(?<![\d,.])\d+(?:[.,]\d+)?")
_RECAP = re.compile(r"болатын|напомн|ранее|еске сал|бұған дейін|былтыр|в прошлом году|прошлого года|требовал")
_YEAR_LIKE = re.compile(r"^(?:19|20)\d\d$")
_WORD = re.compile(r"\w+")
_MONTH_AFTER = re.compile(
    r"\s*(?:" + "|".join([*(stem for stem, _ in RU_MONTH_FORMS.values()), *KK_MONTH_STEMS_FLAT]) + ")",
    re.IGNORECASE,
)


def _numbers(text: str) -> frozenset[str]:
    """Numbers worth matching: not years, not days of a date ("до 20 ноября"), not 1-9 (ordinals, "two"
    said as a digit)."""
    out = set()
    for m in _NUMBER.finditer(text):
        if _MONTH_AFTER.match(text, m.end()):
            continue
        raw = re.sub(r"[ \u00a0]", "", m.group(0)).replace(",", ".")
        if _YEAR_LIKE.match(raw):
            continue
        try:
            v = float(raw)
        except ValueError:
            continue
        if v >= 10 or (v != int(v)):
            out.add(f"{v:g}")
    return frozenset(out)


def content_keys(text: str, lang: str | None) -> frozenset[str]:
    """Content words as cut search keys (the genre's generic words left out)."""
    from zholdau.instructions import content_keys as keys

    return keys(text, lang)


def measures(text: str) -> frozenset[str]:
    """Language-neutral keys of what the text counts or builds (see ``lexicon.yaml``)."""
    lex = lexicon()
    return frozenset(key for key, cues in lex.measures if cues.find(text))


@dataclass(frozen=True, slots=True)
class AssignmentRef:
    """An assignment of a stored article, as the follow-up matcher sees it."""

    article_id: str
    index: int
    lang: str | None
    region: str | None
    published: date | None
    deadline: date | None
    event_id: str | None
    keys: frozenset[str]
    numbers: frozenset[str]
    measures: frozenset[str]
    names: frozenset[str]
    places: frozenset[str] = frozenset()  # knowledge-base ids of the places the assignment names
    addresses: frozenset[str] = frozenset()  # the Addresses its article is about

    def to_data(self) -> dict[str, Any]:
        return {
            "addresses": sorted(self.addresses),
            "keys": sorted(self.keys),
            "numbers": sorted(self.numbers),
            "measures": sorted(self.measures),
            "names": sorted(self.names),
            "places": sorted(self.places),
            "lang": self.lang,
            "event_id": self.event_id,
        }

    @classmethod
    def from_data(
        cls,
        article_id: str,
        index: int,
        region: str | None,
        published: str | None,
        deadline: str | None,
        data: Mapping[str, Any],
    ) -> AssignmentRef:
        return cls(
            article_id,
            index,
            data.get("lang"),
            region,
            parse_day(published),
            parse_day(deadline),
            data.get("event_id"),
            frozenset(data.get("keys", [])),
            frozenset(data.get("numbers", [])),
            frozenset(data.get("measures", [])),
            frozenset(data.get("names", [])),
            frozenset(data.get("places", [])),
            frozenset(data.get("addresses", [])),
        )


def named_addresses(rec: Mapping[str, Any]) -> frozenset[str]:
    """The Addresses a record names by title, alias, year or date: not the ones only guessed from its
    publication date (a bare "по Посланию" in a report may mean an older Address)."""
    ids = ids_in(rec.get("addresses"), "id", "value")
    evidence = (rec.get("evidence") or {}).get("addresses") or []
    out = set()
    for i, address in enumerate(ids):
        spans = evidence[i] if i < len(evidence) and isinstance(evidence[i], list) else []
        if any(isinstance(sp, Mapping) and sp.get("rule") not in (None, "address_bare") for sp in spans):
            out.add(address)
    return frozenset(out)


def place_spans(rec: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, place id) of every place the record names, by its evidence (none when the evidence
    points into a text other than the one the follow-up matcher reads: Latin or Arabic script)."""
    text, cyr = rec.get("text"), rec.get("text_cyrillic")
    if cyr and cyr != text:
        return []
    evidence = (rec.get("evidence") or {}).get("places") or []
    out = []
    for place, spans in zip(rec.get("places") or [], evidence, strict=False):
        pid = place.get("id") if isinstance(place, Mapping) else None
        for sp in spans if pid and isinstance(spans, list) else []:
            if isinstance(sp, Mapping) and sp.get("field", "text") == "text" and "start" in sp:
                out.append((int(sp["start"]), int(sp["end"]), str(pid)))
    return out


def places_in(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> frozenset[str]:
    return frozenset(pid for s, e, pid in spans if start <= s and e <= end)


def assignment_refs(rec: Mapping[str, Any], event_id: str | None = None) -> list[AssignmentRef]:
    """The assignments of a record (what to do, to whom, by whom) as matcher entries."""
    out = []
    lang = rec.get("lang")
    spans = place_spans(rec)
    evidence = (rec.get("evidence") or {}).get("assignments") or []
    addresses = named_addresses(rec)
    for i, a in enumerate(rec.get("assignments") or []):
        # a retold assignment ("…тапсырған болатын") was given elsewhere: reports link to where it was given
        if not isinstance(a, Mapping) or _RECAP.search(fold(str(a.get("sentence") or ""))):
            continue
        ev = [
            sp
            for sp in (evidence[i] if i < len(evidence) and isinstance(evidence[i], list) else [])
            if isinstance(sp, Mapping) and "start" in sp
        ]
        places = (
            places_in(spans, min(sp["start"] for sp in ev), max(sp["end"] for sp in ev))
            if ev
            else frozenset()
        )
        what = " ".join(str(a.get(k) or "") for k in ("action", "addressee"))
        if not what.strip():
            what = str(a.get("sentence") or "")
        names = {
            surname_key(str(n).split()[-1])
            for n in (a.get("issuer"), a.get("addressee"))
            if isinstance(n, str) and n.strip()
        }
        names |= text_surnames(str(a.get("addressee") or "") + " " + str(a.get("issuer") or ""))
        out.append(
            AssignmentRef(
                str(rec["id"]),
                i,
                lang,
                rec.get("primary_region"),
                parse_day(rec.get("published")),
                parse_day(a.get("deadline")),
                event_id,
                content_keys(what, lang),
                _numbers(what) | _numbers(str(a.get("sentence") or "")),
                measures(what),
                frozenset(names),
                places,
                addresses,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Window:
    """Sentences of a report around a cue."""

    kind: str  # done | in_progress
    text: str
    keys: frozenset[str]
    numbers: frozenset[str]
    measures: frozenset[str]
    names: frozenset[str]
    # what the cue sentence itself names: the object a link must share (the neighbours only add context)
    core_numbers: frozenset[str] = frozenset()
    core_measures: frozenset[str] = frozenset()
    cued: bool = True  # a follow-up cue ("по поручению", "тапсырмасы бойынша") is in the window
    places: frozenset[str] = frozenset()  # knowledge-base ids of the places the window names

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "keys": sorted(self.keys),
            "numbers": sorted(self.numbers),
            "measures": sorted(self.measures),
            "names": sorted(self.names),
            "core_numbers": sorted(self.core_numbers),
            "core_measures": sorted(self.core_measures),
            "cued": self.cued,
            "places": sorted(self.places),
        }

    @classmethod
    def from_data(cls, d: Mapping[str, Any]) -> Window:
        numbers, measures_ = frozenset(d["numbers"]), frozenset(d["measures"])
        return cls(
            d["kind"],
            d["text"],
            frozenset(d["keys"]),
            numbers,
            measures_,
            frozenset(d["names"]),
            frozenset(d.get("core_numbers", numbers)),
            frozenset(d.get("core_measures", measures_)),
            bool(d.get("cued", True)),
            frozenset(d.get("places", ())),
        )


@dataclass(frozen=True, slots=True)
class Report:
    """An article that reports on earlier instructions."""

    article_id: str
    lang: str | None
    region: str | None
    regions: frozenset[str]
    published: date | None
    event_id: str | None
    windows: tuple[Window, ...]
    # (deadline, keys, numbers) of the assignments it retells
    recaps: tuple[tuple[str | None, frozenset[str], frozenset[str]], ...]
    cued: bool = False  # it says it reports on an instruction ("по поручению", "тапсырмасы бойынша", ...)
    addresses: frozenset[str] = frozenset()  # the Addresses it names

    def to_data(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "region": self.region,
            "regions": sorted(self.regions),
            "event_id": self.event_id,
            "windows": [w.to_data() for w in self.windows],
            "recaps": [[d, sorted(k), sorted(n)] for d, k, n in self.recaps],
            "cued": self.cued,
            "addresses": sorted(self.addresses),
        }

    @classmethod
    def from_data(
        cls, article_id: str, region: str | None, published: str | None, data: Mapping[str, Any]
    ) -> Report:
        return cls(
            article_id,
            data.get("lang"),
            data.get("region", region),
            frozenset(data.get("regions", [])),
            parse_day(published),
            data.get("event_id"),
            tuple(Window.from_data(w) for w in data.get("windows", [])),
            tuple(
                (r[0], frozenset(r[1]), frozenset(r[2] if len(r) > 2 else ())) for r in data.get("recaps", [])
            ),
            bool(data.get("cued")),
            frozenset(data.get("addresses", [])),
        )


def instruction_sentences(
    text: str, spans: Sequence[tuple[int, int]], assignments: Iterable[Any]
) -> set[int]:
    """The sentences of ``text`` that give a new instruction (the record's own assignments, retellings
    such as "…тапсырған болатын" excepted): a meeting that assigns this year's work again is not a report
    on last year's assignment, so these sentences never count as report windows."""
    wanted = []
    for a in assignments:
        sentence = str(a.get("sentence") or "") if isinstance(a, Mapping) else ""
        if sentence.strip() and not _RECAP.search(fold(sentence)):
            wanted.append(set(_WORD.findall(fold(sentence))))
    if not wanted:
        return set()
    out = set()
    for n, (s, e) in enumerate(spans):
        words = set(_WORD.findall(fold(text[s:e])))
        if words and any(len(w & words) >= 0.8 * len(w) for w in wanted if w):
            out.add(n)
    return out


def report_of(rec: Mapping[str, Any], event_id: str | None = None) -> Report | None:
    """The record as a report (``None`` when it has no follow-up or outcome cue)."""
    lex = lexicon()
    text = str(rec.get("text_cyrillic") or rec.get("text") or "")
    lang = rec.get("lang")
    spans = sentence_spans(text)
    own = instruction_sentences(text, spans, rec.get("assignments") or [])
    places = place_spans(rec)
    cued: list[tuple[int, bool, bool, bool]] = []
    for n, (s, e) in enumerate(spans):
        if n in own:
            continue
        sent = text[s:e]
        follow, done, ongoing = lex.followup.count(sent), lex.done.count(sent), lex.ongoing.count(sent)
        if follow or done or ongoing:
            cued.append((n, bool(follow), bool(done), bool(ongoing)))
    if not cued or (not any(f for _, f, _, _ in cued) and not any(d for _, _, d, _ in cued)):
        return None
    windows = []
    for n, _follow, _done, _ongoing in cued:
        lo, hi = max(0, n - 1), min(len(spans) - 1, n + 1)
        wtext = " ".join(text[spans[k][0] : spans[k][1]].strip() for k in range(lo, hi + 1) if k not in own)
        # done only when nothing around says the work goes on ("52 of 85 km repaired, the rest in spring")
        kind = "done" if lex.done.count(wtext) and not lex.ongoing.count(wtext) else "in_progress"
        core = text[spans[n][0] : spans[n][1]]
        windows.append(
            Window(
                kind,
                wtext[:600],
                content_keys(wtext, lang),
                _numbers(wtext),
                measures(wtext),
                frozenset(text_surnames(wtext)),
                _numbers(core),
                measures(core),
                bool(lex.followup.count(wtext)),
                places_in(places, spans[lo][0], spans[hi][1]),
            )
        )
    recaps = []
    for a in rec.get("assignments") or []:
        if isinstance(a, Mapping) and _RECAP.search(fold(str(a.get("sentence") or ""))):
            what = " ".join(str(a.get(k) or "") for k in ("action", "addressee"))
            recaps.append((a.get("deadline"), content_keys(what, lang), _numbers(what)))
    regions = {str(r) for r in rec.get("regions") or [] if isinstance(r, str)}
    cued = any(f for _, f, _, _ in cued) or bool(recaps)
    return Report(
        str(rec["id"]),
        lang,
        rec.get("primary_region"),
        frozenset(regions),
        parse_day(rec.get("published")),
        event_id,
        tuple(windows),
        tuple(recaps),
        cued,
        named_addresses(rec),
    )


@dataclass(slots=True)
class Link:
    """A report linked to an assignment."""

    article_id: str  # the assignment's article
    index: int
    report_id: str
    kind: str  # done | in_progress
    score: float
    reasons: list[str] = field(default_factory=list)
    evidence: str = ""
    report_published: date | None = None


def assignment_anchors(a: AssignmentRef) -> frozenset[str]:
    """What a report must share with the assignment to be compared at all: a number, a surname or
    a measure (the store indexes these, so a report meets only the assignments it has one in common with)."""
    return frozenset(
        {f"n:{x}" for x in a.numbers} | {f"p:{x}" for x in a.names} | {f"m:{x}" for x in a.measures}
    )


def report_anchors(r: Report) -> frozenset[str]:
    """The anchors of all the windows of a report (see :func:`assignment_anchors`)."""
    out: set[str] = set()
    for w in r.windows:
        out |= {f"n:{x}" for x in w.numbers} | {f"p:{x}" for x in w.names} | {f"m:{x}" for x in w.measures}
    return frozenset(out)


def may_follow(a: AssignmentRef, r: Report) -> bool:
    """The blocking rules: same region, report later (within :data:`MAX_YEARS`), another meeting."""
    if a.article_id == r.article_id or not (a.published and r.published):
        return False
    if not (a.region and (a.region == r.region or a.region in r.regions)):
        return False
    days = (r.published - a.published).days
    if days <= 0 or days > 366 * MAX_YEARS:
        return False
    # "the instruction given at the meeting on the Address X": not an instruction of a meeting on Y
    if a.addresses and r.addresses and not a.addresses & r.addresses:
        return False
    return not (a.event_id and a.event_id == r.event_id)


def match(a: AssignmentRef, r: Report) -> Link | None:
    """The best window of ``r`` for assignment ``a`` as a :class:`Link` (``None`` below :data:`LINK`)."""
    if not may_follow(a, r):
        return None
    recap = any(
        (d == (a.deadline.isoformat() if a.deadline else None) or not d or not a.deadline)
        and len(a.keys & k) >= max(2, len(a.keys) // 2)
        # a retelling with other numbers retells another assignment ("…200 камер", not "…758 камер")
        and (not (a.numbers and n) or bool(a.numbers & n))
        for d, k, n in r.recaps
    )
    best: Link | None = None
    done = False
    for w in r.windows:
        score, reasons = 0.0, []
        numbers, words_ = a.numbers & w.numbers, a.keys & w.keys
        for points, cap, shared, name in (
            (2.0, 2, numbers, "shared_numbers"),
            (1.5, 2, a.measures & w.measures, "shared_measures"),
            (1.0, 4, words_, "shared_words"),
        ):
            if shared:
                score += points * min(len(shared), cap)
                reasons.append(f"{name}({','.join(sorted(shared)[:4])})")
        names = bool(a.names & w.names)
        if names:
            score += 1.0
            reasons.append("names_issuer")
        if recap:
            score += 3.0
            reasons.append("recap")
        # a window that names the outcome of this assignment: what a done report needs
        if w.kind == "done" and (numbers or len(words_) >= 2 or recap):
            done = True
        specific = bool(numbers or names or recap or len(words_) >= 2)
        # ... and says what was done about the same object: a number, a specific measure (schools, km of
        # road; not "villages" or "families", named in every report), a retelling, or words and names
        # (a count of the same thing that differs from the assignment's is another piece of work)
        objects = (a.measures & w.core_measures) - lexicon().generic_measures
        # ... and so is the same work in another town or district ("a 600-seat school" in Semey, not Ayagoz)
        conflict = bool(a.numbers and w.numbers and not numbers) or bool(
            a.places and w.places and not a.places & w.places
        )
        if not recap and (
            conflict or not (numbers or (w.cued and (objects or (names and len(words_) >= 2))))
        ):
            continue
        # a report that never says it follows an instruction must at least repeat its numbers
        if not specific or not (r.cued or numbers):
            continue
        if best is None or score > best.score:
            best = Link(a.article_id, a.index, r.article_id, w.kind, score, reasons, w.text, r.published)
    if best is None or best.score < LINK:
        return None
    best.kind = "done" if done else "in_progress"
    return best


def status(deadline: date | None, links: Sequence[Link], today: date) -> str:
    """assigned | in_progress | done | overdue (see the module docstring)."""
    if any(lk.kind == "done" for lk in links):
        return "done"
    if deadline and deadline < today:
        return "overdue"
    return "in_progress" if links else "assigned"


def best_per_event(
    links: Iterable[Link],
    event_of: Mapping[str, str | None],
    lang_of: Mapping[str, str | None],
    report_lang: str | None,
) -> list[Link]:
    """One linked article per reported meeting: the same language as the report first, then the best
    score (the other versions of the meeting get the status through their own assignments)."""
    groups: dict[str, list[Link]] = {}
    for lk in links:
        groups.setdefault(event_of.get(lk.article_id) or lk.article_id, []).append(lk)
    out = []
    for group in groups.values():
        by_article: dict[str, list[Link]] = {}
        for lk in group:
            by_article.setdefault(lk.article_id, []).append(lk)
        chosen = max(
            by_article,
            key=lambda aid: (lang_of.get(aid) == report_lang, max(lk.score for lk in by_article[aid])),
        )
        out.extend(by_article[chosen])
    return out
