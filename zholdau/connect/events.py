"""Events: the reports of one meeting, in either language, share one ``event_id``.

An article about an Address joins an existing event when it is in the *block* of that event, the same
primary region, an Address in common, published from :data:`DAYS_BEFORE` days before to
:data:`DAYS_AFTER` days after the event's first report, and its facts agree with the event's facts
well enough. The score is a sum of named parts (``EventScore.reasons`` says which):

* ``same_chair`` +3 / ``other_chair`` −4: the chairs, as surname keys folded across kk/ru spellings;
  two meetings in one region on one Address (an akimat meeting and a maslikhat session) differ here;
* ``shared_names`` +1.5 each (up to 3) / ``no_shared_names`` −2 when both name two people or more;
* ``shared_figures`` +1.5 each (up to 3), same value and unit / ``no_shared_figures`` −1.5;
* ``shared_places`` +0.75 each (up to 2), knowledge-base place ids;
* ``same_day`` +0.5 / ``days_apart`` −0.75 a day beyond the first;
* ``embedding`` −3 … +3: the language-centred multilingual embedding (see ``embedding.py``), asked
  only when the facts leave the decision open (a score in :data:`OPEN`) and the event has no report in
  the article's language yet (in one language the same names and figures are spelled alike, and the
  facts decide), so most articles cost nothing.

The best-scoring event at or above :data:`JOIN` wins; otherwise the article opens a new event.
Blocks are small (one region, a week), so assigning an article costs O(1) expected with the store's
index on (region, first date).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from zholdau.connect.features import ArticleFacts

DAYS_BEFORE = 2  # an article may be dated a little before the event's first report (time zones, late dates)
DAYS_AFTER = 4  # ... and a few days after (weekly papers, the other language's version)
JOIN = 3.0
OPEN = (0.0, 5.0)  # facts alone leave the decision open here: ask the embedding
# centred cosine that says nothing either way: reports in one language stay closer than across languages
# (on the demo corpus, kk/ru reports of one meeting score 0.41-0.52, other meetings of the region below 0.3)
EMBED_CENTRE = {False: 0.30, True: 0.45}  # by "same language"
EMBED_SCALE = 10.0
EMBED_CAP = 3.0
DAY_PENALTY = 0.75  # per day apart beyond the first: reports of one meeting come out within a day or two


@dataclass(slots=True)
class EventState:
    """One event as the matcher sees it: the union of its members' facts."""

    event_id: str
    region: str | None
    first: date | None
    last: date | None
    addresses: set[str] = field(default_factory=set)
    chairs: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    figures: set[tuple[float, str]] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    langs: set[str] = field(default_factory=set)
    members: int = 0
    vector: np.ndarray | None = None  # mean centred embedding of the members that have one
    vectors: int = 0
    title: str | None = None

    def add(self, f: ArticleFacts, vector: np.ndarray | None = None) -> None:
        """Take a member's facts into the event."""
        if f.published:
            self.first = min(self.first, f.published) if self.first else f.published
            self.last = max(self.last, f.published) if self.last else f.published
        self.addresses |= f.addresses
        if f.chair:
            self.chairs.add(f.chair)
        self.names |= f.names
        self.figures |= f.figures
        self.places |= f.places
        if f.lang:
            self.langs.add(f.lang)
        self.members += 1
        self.title = self.title or f.title
        if vector is not None:
            self.add_vector(vector)

    def add_vector(self, vector: np.ndarray) -> None:
        v = np.asarray(vector, dtype=np.float32)
        self.vector = v if self.vector is None else (self.vector * self.vectors + v) / (self.vectors + 1)
        self.vectors += 1

    def to_data(self) -> dict[str, Any]:
        """The JSON the store keeps for the event (the vector is stored apart)."""
        return {
            "addresses": sorted(self.addresses),
            "chairs": sorted(self.chairs),
            "names": sorted(self.names),
            "figures": [list(f) for f in sorted(self.figures)],
            "places": sorted(self.places),
            "langs": sorted(self.langs),
            "members": self.members,
            "vectors": self.vectors,
            "title": self.title,
        }

    @classmethod
    def from_data(
        cls,
        event_id: str,
        region: str | None,
        first: str | None,
        last: str | None,
        data: dict[str, Any],
        vector: np.ndarray | None = None,
    ) -> EventState:
        return cls(
            event_id,
            region,
            _day(first),
            _day(last),
            set(data.get("addresses", [])),
            set(data.get("chairs", [])),
            set(data.get("names", [])),
            {(float(v), str(u)) for v, u in data.get("figures", [])},
            set(data.get("places", [])),
            set(data.get("langs", [])),
            int(data.get("members", 0)),
            vector,
            int(data.get("vectors", 0)),
            data.get("title"),
        )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(slots=True)
class EventScore:
    score: float
    reasons: list[str]
    embedded: bool = False

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(f"{reason} {points:+g}")


def eligible(f: ArticleFacts) -> bool:
    """Only articles about an Address, with a region and a date, take part in events."""
    return bool(f.addresses and f.region and f.published)


def block(f: ArticleFacts) -> tuple[str, date, date]:
    """(region, since, until) of the events' first dates an article may join."""
    assert f.region and f.published
    return f.region, f.published - timedelta(days=DAYS_AFTER), f.published + timedelta(days=DAYS_BEFORE)


def in_block(f: ArticleFacts, e: EventState) -> bool:
    if not (f.region and f.published and e.first) or f.region != e.region:
        return False
    if not (f.addresses & e.addresses):
        return False
    return -DAYS_BEFORE <= (f.published - e.first).days <= DAYS_AFTER


def score_facts(f: ArticleFacts, e: EventState) -> EventScore:
    """The structured part of the score (see the module docstring)."""
    s = EventScore(0.0, [])
    if f.chair and e.chairs:
        if f.chair in e.chairs:
            s.add(3.0, "same_chair")
        else:
            s.add(-4.0, "other_chair")
    shared = len(f.names & e.names)
    if shared:
        s.add(1.5 * min(shared, 3), "shared_names")
    elif len(f.names) >= 2 and len(e.names) >= 2:
        s.add(-2.0, "no_shared_names")
    shared = len(f.figures & e.figures)
    if shared:
        s.add(1.5 * min(shared, 3), "shared_figures")
    elif len(f.figures) >= 2 and len(e.figures) >= 2:
        s.add(-1.5, "no_shared_figures")
    shared = len(f.places & e.places)
    if shared:
        s.add(0.75 * min(shared, 2), "shared_places")
    if f.published and e.first:
        days = abs((f.published - e.first).days)
        if days == 0:
            s.add(0.5, "same_day")
        elif days > 1:
            s.add(-DAY_PENALTY * (days - 1), f"days_apart({days})")
    return s


def embedding_points(cos: float, same_lang: bool) -> float:
    return float(np.clip((cos - EMBED_CENTRE[same_lang]) * EMBED_SCALE, -EMBED_CAP, EMBED_CAP))


@dataclass(slots=True)
class Decision:
    event: EventState | None  # None: open a new event
    score: EventScore | None
    vector: np.ndarray | None  # the article's embedding, when one was computed


def decide(
    f: ArticleFacts, candidates: Iterable[EventState], embed: Callable[[], np.ndarray | None] | None = None
) -> Decision:
    """Join the best candidate event scoring at least :data:`JOIN`, or open a new one.

    ``embed`` computes the article's embedding on demand (called at most once); the event's vector
    must be on the :class:`EventState` (the caller fills it for events that lack one via ``need_vector``).
    """
    vector: np.ndarray | None = None
    asked = False
    best: tuple[float, EventState, EventScore] | None = None
    for e in candidates:
        if not in_block(f, e):
            continue
        s = score_facts(f, e)
        if embed is not None and e.vector is not None and is_open(f, e, s):
            if not asked:
                vector, asked = embed(), True
            if vector is not None:
                cos = float(np.dot(vector, e.vector) / max(float(np.linalg.norm(e.vector)), 1e-9))
                same = bool(f.lang) and e.langs == {f.lang}
                s.add(round(embedding_points(cos, same), 2), f"embedding(cos={cos:.2f})")
                s.embedded = True
        if best is None or s.score > best[0]:
            best = (s.score, e, s)
    if best is not None and best[0] >= JOIN:
        return Decision(best[1], best[2], vector)
    return Decision(None, best[2] if best else None, vector)


def is_open(f: ArticleFacts, e: EventState, s: EventScore) -> bool:
    """Whether the facts leave joining ``e`` open, so the embedding is asked. Only across languages: in
    one language the two reports spell the same names, figures and places alike, so the facts decide."""
    return OPEN[0] <= s.score < OPEN[1] and bool(f.lang) and f.lang not in e.langs


def open_candidates(f: ArticleFacts, candidates: Sequence[EventState]) -> list[EventState]:
    """The candidates whose facts leave the decision open: the only ones :func:`decide` compares by
    embedding (so the only ones worth giving a vector)."""
    return [e for e in candidates if in_block(f, e) and is_open(f, e, score_facts(f, e))]


def new_event_id(f: ArticleFacts) -> str:
    """A readable, stable id: region, date of the first report, and the first report's id."""
    day = f.published.isoformat() if f.published else "undated"
    return f"E-{f.region or 'KZ'}-{day}-{f.id[:6]}"
