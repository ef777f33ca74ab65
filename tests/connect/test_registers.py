"""Registers: officials merged across spellings, figures classified and paired."""

from __future__ import annotations

import pytest

from zholdau.connect import registers


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("В следующем году планируется построить 3 школы на 900 мест.", "plan"),
        ("Аким области поручил до конца года сдать детский сад на 280 мест.", "plan"),
        ("Алдағы жылы 3 мектеп салу жоспарланған.", "plan"),
        ("В Рудном построены 3 школы на 900 мест.", "report"),
        ("Стоимость строительства составила 7,8 млрд тенге.", "report"),
        ("Биыл 120 ауыл интернетке қосылды.", "report"),
        ("В регионе 46 сельских школ.", None),
    ],
)
def test_classify(sentence: str, kind: str | None) -> None:
    assert registers.classify(sentence) == kind


def record(
    id_: str,
    text: str,
    figures: list[dict[str, object]],
    published: str,
    region: str = "KZ-39",
    lang: str = "ru",
) -> dict[str, object]:
    ev = [
        [
            {
                "rule": "r",
                "start": text.index(f["text"]),
                "end": text.index(f["text"]) + len(str(f["text"])),  # type: ignore[arg-type]
                "text": f["text"],
                "field": "text",
            }
        ]
        for f in figures
    ]
    return {
        "id": id_,
        "text": text,
        "figures": figures,
        "published": published,
        "primary_region": region,
        "lang": lang,
        "evidence": {"figures": ev},
    }


def test_promised_and_reported_side_by_side() -> None:
    plan = record(
        "p",
        "Аким поручил до конца года построить 3 школы на 900 мест.",
        [{"text": "900 мест", "value": 900, "unit": "count", "measure": "место"}],
        "2024-09-06",
    )
    rep = record(
        "r",
        "Облыста 900 орындық үш мектеп салынды.",
        [{"text": "900 орындық", "value": 900, "unit": "count", "measure": "орын"}],
        "2025-09-01",
        lang="kk",
    )
    elsewhere = record(
        "x",
        "В Атырау построены школы на 1200 мест.",
        [{"text": "1200 мест", "value": 1200, "unit": "count", "measure": "место"}],
        "2025-09-01",
        region="KZ-23",
    )
    rows = [vars_of(f) for r in (plan, rep, elsewhere) for f in registers.figure_facts(r)]
    pairs = registers.pair_figures(rows)
    assert len(pairs) == 1
    assert pairs[0]["measure"] == "seat" and pairs[0]["promised"]["value"] == 900
    assert pairs[0]["reported"]["article_id"] == "r" and pairs[0]["ratio"] == 1.0


def vars_of(f: registers.FigureFact) -> dict[str, object]:
    return {k: getattr(f, k) for k in f.__slots__}


def test_a_promise_without_report_shows_none() -> None:
    plan = record(
        "p",
        "В следующем году планируется открыть 2 детских сада на 560 мест.",
        [{"text": "560 мест", "value": 560, "unit": "count", "measure": "место"}],
        "2024-09-06",
    )
    (row,) = registers.pair_figures([vars_of(f) for f in registers.figure_facts(plan)])
    assert row["reported"] is None and row["ratio"] is None


@pytest.mark.parametrize(
    ("name", "post", "lang"),
    [
        ("Амандык Баталов", "аким области", "ru"),
        ("Амандық Баталов", "облыс әкімі", "kk"),
    ],
)
def test_kazakh_and_russian_spellings_are_one_person_and_post(name: str, post: str, lang: str) -> None:
    (s,) = registers.official_sightings(
        {
            "id": "a",
            "lang": lang,
            "published": "2023-09-01",
            "primary_region": "KZ-19",
            "officials": [{"name": name, "post": post, "level": "region"}],
        }
    )
    assert s.person == "амандык баталов"
    assert s.post_key == registers.post_key("аким области", "ru")
