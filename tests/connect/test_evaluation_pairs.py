"""`zholdau eval` scores duplicates, events and follow-up links as pairs."""

from __future__ import annotations

from typing import Any

import pytest

from zholdau.evaluation import evaluate

GOLD = [
    {"source": "txt/a.txt", "duplicate_of": None, "event": "E-1", "follows_up": []},
    {"source": "txt/b.txt", "duplicate_of": "txt/a.txt", "event": "E-1", "follows_up": []},
    {"source": "html/c.html", "duplicate_of": None, "event": "E-1", "follows_up": []},
    {"source": "txt/d.txt", "duplicate_of": None, "event": "E-2", "follows_up": []},
    {"source": "txt/e.txt", "duplicate_of": None, "event": None, "follows_up": ["txt/a.txt"]},
]


def records(
    dup: dict[str, str], events: dict[str, str], follows: dict[str, list[str]]
) -> list[dict[str, Any]]:
    out = []
    for src in (
        "demo/corpus/txt/a.txt",
        "demo/corpus/txt/b.txt",
        "demo/corpus/html/c.html",
        "demo/corpus/txt/d.txt",
        "demo/corpus/txt/e.txt",
    ):
        name = src.rsplit("/", 1)[1][0]
        out.append(
            {
                "id": f"id-{name}",
                "source": src,
                "duplicate_of": dup.get(name),
                "event_id": events.get(name),
                "follows_up": follows.get(name, []),
            }
        )
    return out


@pytest.mark.parametrize(
    ("dup", "events", "follows", "expected"),
    [
        # all right
        (
            {"b": "id-a"},
            {"a": "x", "b": "x", "c": "x", "d": "y"},
            {"e": ["id-a"]},
            {"duplicate_of": (1, 0, 0), "event": (3, 0, 0), "follows_up": (1, 0, 0)},
        ),
        # the Kazakh version in its own event; the copy missed; the follow-up points at the copy
        (
            {},
            {"a": "x", "b": "x", "c": "z", "d": "y"},
            {"e": ["id-b"]},
            {"duplicate_of": (0, 0, 1), "event": (1, 0, 2), "follows_up": (0, 1, 1)},
        ),
        # two meetings merged into one event
        (
            {"b": "id-a"},
            {"a": "x", "b": "x", "c": "x", "d": "x"},
            {"e": ["id-a"]},
            {"duplicate_of": (1, 0, 0), "event": (3, 3, 0), "follows_up": (1, 0, 0)},
        ),
    ],
)
def test_pair_scores(
    dup: dict[str, str],
    events: dict[str, str],
    follows: dict[str, list[str]],
    expected: dict[str, tuple[int, int, int]],
) -> None:
    report = evaluate(GOLD, records(dup, events, follows), fields=["lang", *expected])
    for name, (tp, fp, fn) in expected.items():
        sc = report.field(name)
        assert (sc.tp, sc.fp, sc.fn) == (tp, fp, fn), (name, sc.misses)


def test_pair_fields_only_when_asked() -> None:
    report = evaluate(GOLD, records({}, {}, {}), fields=["lang"])
    assert [f.name for f in report.fields] == ["lang"]
