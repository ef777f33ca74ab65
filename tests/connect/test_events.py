"""Events: the score of an article against an event, named part by part, and the decision."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from zholdau.connect import events
from zholdau.connect.features import ArticleFacts, facts_of, surname_key


def facts(
    lang: str = "ru",
    day: str = "2023-09-12",
    region: str = "KZ-27",
    chair: str | None = "Жаксыбаев",
    names: tuple[str, ...] = ("Жаксыбаев", "Мусина", "Кайырова"),
    figures: tuple[tuple[float, str], ...] = ((9.8e9, "KZT"), (140.0, "km"), (1500.0, "count")),
    places: tuple[str, ...] = ("uralsk",),
    addresses: tuple[str, ...] = ("2023-09-01",),
    id_: str = "a1",
) -> ArticleFacts:
    return ArticleFacts(
        id_,
        f"{id_}.txt",
        lang,
        date.fromisoformat(day),
        None,
        region,
        frozenset({region}),
        frozenset(addresses),
        surname_key(chair) if chair else None,
        frozenset(surname_key(n) for n in names),
        frozenset(figures),
        frozenset(places),
    )


def event_of(*members: ArticleFacts) -> events.EventState:
    e = events.EventState("E-1", members[0].region, None, None)
    for m in members:
        e.add(m)
    return e


KK = dict(lang="kk", names=("Жақсыбаевтың", "Мұсинаның", "Қайырова"), chair="Жақсыбаев")


@pytest.mark.parametrize(
    ("article", "joins", "reason"),
    [
        # the Kazakh report of the meeting: the same chair, people and figures under other spellings
        (facts(**KK, day="2023-09-13", id_="kk"), True, "same_chair +3"),
        # a maslikhat session the same day, same Address: another chair, other people, other figures
        (
            facts(
                chair="Волков",
                names=("Волков", "Есенова"),
                figures=((1.2e9, "KZT"), (30.0, "count")),
                id_="m",
            ),
            False,
            "other_chair -4",
        ),
        # the same people a week later: another meeting (outside the block)
        (facts(day="2023-09-20", id_="late"), False, None),
        # another region
        (facts(region="KZ-23", id_="atyrau"), False, None),
        # another Address
        (facts(addresses=("2022-09-01",), id_="old"), False, None),
        # no chair named, but the same people and figures two days later
        (facts(chair=None, day="2023-09-14", id_="later"), True, "days_apart(2) -0.75"),
    ],
)
def test_decide(article: ArticleFacts, joins: bool, reason: str | None) -> None:
    e = event_of(facts())
    d = events.decide(article, [e])
    assert (d.event is not None) == joins
    if reason:
        assert d.score is not None and reason in d.score.reasons


def test_facts_of_a_record_fold_kazakh_spellings() -> None:
    ru = facts_of(
        {
            "id": "r",
            "lang": "ru",
            "published": "2023-09-12",
            "primary_region": "KZ-27",
            "addresses": ["2023-09-01"],
            "chair": "Серик Жаксыбаев",
            "officials": [
                {"name": "Серик Жаксыбаев", "level": "region"},
                {"name": "Касым-Жомарт Токаев", "level": "national"},
            ],
            "text": "Аким области Серик Жаксыбаев поручил. Глава государства Касым-Жомарт Токаев сказал.",
        }
    )
    kk = facts_of(
        {
            "id": "k",
            "lang": "kk",
            "published": "2023-09-12",
            "primary_region": "KZ-27",
            "addresses": ["2023-09-01"],
            "chair": "Серік Жақсыбаев",
            "text": "Облыс әкімі Серік Жақсыбаевтың төрағалығымен. Мемлекет басшысы Қасым-Жомарт Тоқаевтың.",
        }
    )
    assert ru.chair == kk.chair == "жаксыбаев"
    assert ru.names == kk.names == {"жаксыбаев"}  # the President says nothing about the meeting


class FixedEmbedder:
    name = "fixed"

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors

    def embed(self, texts: list[str], langs: list[str | None]) -> np.ndarray:
        return np.array([self.vectors[t] for t in texts], dtype=np.float32)


@pytest.mark.parametrize(("cos_vector", "joins"), [([1.0, 0.0], True), ([0.0, 1.0], False)])
def test_embedding_decides_when_facts_leave_it_open(cos_vector: list[float], joins: bool) -> None:
    e = event_of(facts(chair=None, names=("Жаксыбаев",), figures=(), places=()))
    e.vector = np.array([1.0, 0.0], dtype=np.float32)
    # one shared name (+1.5) and the same day (+0.5): open; the embedding settles it
    other = facts(lang="kk", chair=None, names=("Жақсыбаев", "Ахметов"), figures=(), places=(), id_="kk")
    calls: list[int] = []

    def embed() -> np.ndarray:
        calls.append(1)
        return np.array(cos_vector, dtype=np.float32)

    d = events.decide(other, [e], embed)
    assert (d.event is not None) == joins and calls == [1]
    assert d.score is not None and any(r.startswith("embedding") for r in d.score.reasons)


def test_clear_decisions_never_ask_for_an_embedding() -> None:
    def embed() -> np.ndarray:
        raise AssertionError("not needed")

    assert events.decide(facts(**KK, id_="kk"), [event_of(facts())], embed).event is not None


@pytest.mark.parametrize(
    ("cos", "same_lang", "sign"),
    [(0.5, False, 1), (0.3, False, 0), (0.1, False, -1), (0.5, True, 1), (0.35, True, -1)],
)
def test_embedding_points(cos: float, same_lang: bool, sign: int) -> None:
    assert np.sign(round(events.embedding_points(cos, same_lang), 6)) == sign


def test_event_state_round_trips() -> None:
    e = event_of(facts(), facts(**KK, id_="kk"))
    back = events.EventState.from_data(e.event_id, e.region, "2023-09-12", "2023-09-12", e.to_data())
    assert (back.names, back.figures, back.chairs, back.members, back.langs) == (
        e.names,
        e.figures,
        e.chairs,
        2,
        {"kk", "ru"},
    )


def test_new_event_id_is_readable() -> None:
    assert events.new_event_id(facts(id_="4b9721fbf6247e4d")) == "E-KZ-27-2023-09-12-4b9721"


@pytest.mark.parametrize(
    ("article_lang", "event_langs", "asks"),
    [
        ("kk", ("ru",), True),  # across languages the spellings differ: the embedding settles it
        ("ru", ("ru",), False),  # in one language the facts decide
        ("ru", ("ru", "kk"), False),  # the event already has a report in the article's language
        ("kk", ("ru", "ru"), True),
    ],
)
def test_the_embedding_is_asked_only_across_languages(
    article_lang: str, event_langs: tuple[str, ...], asks: bool
) -> None:
    members = [
        facts(lang=lang, chair=None, names=("Жаксыбаев",), figures=(), places=(), id_=f"m{i}")
        for i, lang in enumerate(event_langs)
    ]
    e = event_of(*members)
    e.vector = np.array([1.0, 0.0], dtype=np.float32)
    other = facts(
        lang=article_lang, chair=None, names=("Жаксыбаев", "Ахметов"), figures=(), places=(), id_="x"
    )
    calls: list[int] = []

    def embed() -> np.ndarray:
        calls.append(1)
        return np.array([1.0, 0.0], dtype=np.float32)

    events.decide(other, [e], embed)
    assert bool(calls) is asks
    assert (e in events.open_candidates(other, [e])) is asks
