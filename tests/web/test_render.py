"""The pure parts of the dashboard: highlights, heat levels, timeline, snippets, languages, map layout."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zholdau.knowledge import load_knowledge
from zholdau.web import render
from zholdau.web.i18n import LANGS, messages, negotiate, translator
from zholdau.web.labels import labels, tiles
from zholdau.web.params import BadParams, parse_listing

TEXT = "Аким области Нурлан Сапаров поручил построить 2 школы."


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], [(TEXT, [])]),
        (
            [render.Span("officials", "ru_post_before_name", 0, 27)],
            [("Аким области Нурлан Сапаров", [("officials", "ru_post_before_name")]), (TEXT[27:], [])],
        ),
        # nested: the figure inside the assignment is covered by both
        (
            [render.Span("assignments", "poruchil", 28, 53), render.Span("figures", "count", 46, 53)],
            [
                (TEXT[:28], []),
                (TEXT[28:46], [("assignments", "poruchil")]),
                (TEXT[46:53], [("assignments", "poruchil"), ("figures", "count")]),
                (TEXT[53:], []),
            ],
        ),
        # the same span from two rules of one field, and a span running past the end
        (
            [
                render.Span("regions", "a", 5, 12),
                render.Span("regions", "b", 5, 12),
                render.Span("x", "r", 50, 999),
            ],
            [
                (TEXT[:5], []),
                (TEXT[5:12], [("regions", "a"), ("regions", "b")]),
                (TEXT[12:50], []),
                (TEXT[50:], [("x", "r")]),
            ],
        ),
    ],
)
def test_segments_cut_the_text_where_evidence_starts_and_ends(
    spans: list[render.Span], expected: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    got = render.segments(TEXT, spans)
    assert [(s.text, s.marks) for s in got] == expected
    assert "".join(s.text for s in got) == TEXT


@given(
    text=st.text(max_size=80), cuts=st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=8)
)
def test_segments_always_give_back_the_whole_text(text: str, cuts: list[tuple[int, int]]) -> None:
    spans = [render.Span("f", "r", a, b) for a, b in cuts if a >= 0]
    assert "".join(s.text for s in render.segments(text, spans)) == text


def test_evidence_spans_read_list_and_scalar_fields() -> None:
    rec = {
        "evidence": {
            "title": [{"rule": "container_title", "start": -1, "end": -1, "text": "T", "field": "meta"}],
            "regions": [[{"rule": "region_name", "start": 3, "end": 9, "text": "x"}]],
            "chair": [[{"rule": "chair_rule", "start": 0, "end": 2, "text": "x", "field": "text"}]],
            "bad": [[{"rule": "r", "start": "x", "end": 2}], None, [{"start": 5, "end": 2}]],
        }
    }
    assert [(s.field, s.rule, s.start, s.end) for s in render.evidence_spans(rec)] == [
        ("regions", "region_name", 3, 9),
        ("chair", "chair_rule", 0, 2),
    ]
    assert render.metadata_evidence(rec) == [
        {"name": "title", "rule": "container_title", "from": "meta", "text": "T"}
    ]


@pytest.mark.parametrize(
    ("n", "top", "level"),
    [(0, 10, 0), (1, 1, 5), (1, 1000, 1), (10, 10, 5), (30, 1000, 3), (5, 0, 0), (-1, 10, 0)],
)
def test_heat_levels(n: int, top: int, level: int) -> None:
    assert render.heat(n, top) == level


@given(snippet=st.text(max_size=60))
def test_snippets_are_escaped_except_the_marks(snippet: str) -> None:
    html = str(render.marked(snippet))
    assert "<script" not in html.lower()
    assert re.sub(r"</?mark>", "", html).count("<") == 0


@pytest.mark.parametrize(
    ("counts", "unit", "labels"),
    [
        (
            {"2024-09-02": 2, "2024-09-23": 1},
            "week",
            ["2024-09-02", "2024-09-09", "2024-09-16", "2024-09-23"],
        ),
        ({"2023-11": 1, "2024-02": 4}, "month", ["2023-11", "2023-12", "2024-01", "2024-02"]),
        ({}, "week", []),
    ],
)
def test_timeline_bars_fill_the_empty_weeks(counts: dict[str, int], unit: str, labels: list[str]) -> None:
    bars = render.timeline_bars(counts, unit)
    assert [b.label for b in bars] == labels
    assert [b.n for b in bars] == [counts.get(x, 0) for x in labels]
    if bars:
        assert max(b.height for b in bars) == 120.0


@pytest.mark.parametrize(
    ("asked", "cookie", "header", "expected"),
    [
        ("kk", "ru", "en", "kk"),
        (None, "ru", "kk", "ru"),
        ("de", None, "ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        (None, None, "de;q=1, kk;q=0.5, ru;q=0.7", "ru"),
        (None, None, "kk-KZ", "kk"),
        (None, None, "", "en"),
        (None, None, "q=;;,", "en"),
    ],
)
def test_interface_language_choice(asked: str | None, cookie: str | None, header: str, expected: str) -> None:
    assert negotiate(asked, cookie, header) == expected


def test_every_language_has_every_string_and_templates_use_only_known_keys() -> None:
    keys = set(messages("en"))
    for lang in LANGS:
        assert set(messages(lang)) == keys, lang
        assert all(v.strip() for v in messages(lang).values())
    templates = Path(render.__file__).parent / "templates"
    used = {
        m for f in templates.glob("*.html") for m in re.findall(r"\bt\('([a-z_]+)'[,)]", f.read_text("utf-8"))
    }
    assert used and used <= keys
    assert translator("kk")("n_articles", n=3) == "мақала саны: 3"


def test_the_map_places_each_current_region_once_inside_the_grid() -> None:
    layout = tiles()
    current = {r.code for r in load_knowledge().regions_valid_on(date.today())}
    assert set(layout["tiles"]) == current and len(current) == 20
    cells = [tuple(v) for v in layout["tiles"].values()]
    assert len(set(cells)) == 20
    assert all(1 <= r <= layout["rows"] and 1 <= c <= layout["columns"] for r, c in cells)


@pytest.mark.parametrize(
    ("ui", "code", "name"),
    [
        ("kk", "KZ-39", "Қостанай облысы"),
        ("ru", "KZ-39", "Костанайская область"),
        ("en", "KZ-71", "Astana"),
        ("en", "KZ-99", "KZ-99"),
    ],
)
def test_labels_come_from_the_knowledge_base(ui: str, code: str, name: str) -> None:
    assert labels(ui).region(code) == name


@pytest.mark.parametrize(
    ("params", "problems"),
    [
        ({"region": "kz-55", "lang": "kk", "since": "2021-01-01"}, []),
        ({"region": "KZ-5"}, ["region"]),
        ({"since": "2021-02-30", "until": "2021-01"}, ["since", "until"]),
        ({"since": "2022-01-01", "until": "2021-12-31"}, ["until"]),
        ({"lang": "KK", "topic": "sport", "address": "2021"}, ["address", "lang", "topic"]),
        ({"outlet": "x" * 201, "q": "   "}, ["outlet"]),
    ],
)
def test_listing_parameters_are_checked_all_at_once(params: dict[str, str], problems: list[str]) -> None:
    if not problems:
        listing = parse_listing(params)
        assert listing.filters.region == "KZ-55" and listing.q is None
        return
    with pytest.raises(BadParams) as err:
        parse_listing(params)
    assert sorted(p for p, _ in err.value.problems) == problems
