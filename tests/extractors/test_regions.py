"""Regions and places, time-aware (2018 and 2022 splits), in Russian and Kazakh."""

from __future__ import annotations

from datetime import date

import pytest

from zholdau.extractors.regions import extract_regions

D = date.fromisoformat


def primary(text: str, on: str, **kw: str) -> str | None:
    res = extract_regions(text, D(on), **kw)
    return res.primary.value if res.primary else None


@pytest.mark.parametrize(
    ("text", "on", "code"),
    [
        ("В Павлодарской области обсудили Послание.", "2021-09-10", "KZ-55"),
        ("Абай облысында Жолдау талқыланды.", "2023-09-05", "KZ-10"),
        ("Актив Алматинской области собрался в Талдыкоргане.", "2021-09-10", "KZ-19"),
        ("Алматы облысының әкімі жиын өткізді.", "2024-09-05", "KZ-19"),
        ("В Алматы прошло заседание городского маслихата.", "2024-09-05", "KZ-75"),
        ("В ВКО обсудили Послание.", "2022-09-06", "KZ-63"),
        ("Шығыс Қазақстан облысында жиын өтті.", "2022-09-06", "KZ-63"),
        ("БҚО әкімдігінде кеңес өтті.", "2018-10-11", "KZ-27"),
        ("Екібастұзда жаңа мектеп ашылды.", "2021-12-27", "KZ-55"),
        ("В Экибастузе открылась новая школа.", "2021-12-27", "KZ-55"),
        ("В Бородулихинском районе прошла встреча с жителями.", "2021-05-01", "KZ-63"),
        ("В Бородулихинском районе прошла встреча с жителями.", "2023-05-01", "KZ-10"),
        ("В Жезказгане обсудили Послание.", "2021-09-10", "KZ-35"),
        ("В Жезказгане обсудили Послание.", "2023-09-10", "KZ-62"),
        # time-aware places (the 2018 and 2022 decrees)
        ("Семейде Мемлекет басшысының Жолдауы талқыланды.", "2021-09-08", "KZ-63"),
        ("Семейде Мемлекет басшысының Жолдауы талқыланды.", "2023-09-08", "KZ-10"),
        ("В Талдыкоргане обсудили цифровизацию.", "2018-03-14", "KZ-19"),
        ("В Талдыкоргане обсудили цифровизацию.", "2024-09-05", "KZ-33"),
        ("Актив Шымкента обсудил Послание.", "2017-02-07", "KZ-61"),
        ("Шымкентте Жолдау талқыланды.", "2019-09-06", "KZ-79"),
        ("Түркістан облысында бес мектеп салынады.", "2022-09-06", "KZ-61"),
        ("В столице обсудили Послание.", "2021-09-08", "KZ-71"),
        ("Нұр-Сұлтан қаласында жиын өтті.", "2020-09-03", "KZ-71"),
    ],
)
def test_primary_region(text: str, on: str, code: str) -> None:
    assert primary(text, on) == code


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("Помощь оказана 120 многодетных семей.", "2023-05-01"),  # "семей" is not Semey
        (
            "Послание Нурсултана Назарбаева стало программой действий.",
            "2017-02-01",
        ),  # a person, not Nur-Sultan
        ("Выступил директор школы Алтай Сейткалиев.", "2023-05-01"),  # a given name, not Altai
        ("Подробнее на сайте aktobe-vestnik.kz и в соцсетях.", "2023-05-01"),  # a host name
        ("Аким провёл встречу с жителями.", "2023-05-01"),
    ],
)
def test_no_region(text: str, on: str) -> None:
    assert primary(text, on) is None


def test_dateline_city_counts_for_the_region_of_its_date() -> None:
    assert primary("Аким области провёл совещание.", "2025-09-11", dateline_city="Семей") == "KZ-10"
    assert primary("Аким области провёл совещание.", "2021-09-08", dateline_city="Семей") == "KZ-63"


def test_title_and_lead_outweigh_a_passing_mention() -> None:
    text = (
        "В Костанайской области обсудили Послание\nАким Костанайской области провёл совещание. "
        + "Работа продолжается. " * 40
        + "Опыт коллег из Павлодарской области также изучен."
    )
    res = extract_regions(text, D("2025-09-10"))
    assert res.primary is not None and res.primary.value == "KZ-39"
    assert {m.value for m in res.regions} == {"KZ-39", "KZ-55"}


def test_places_carry_their_region_and_nominative_name() -> None:
    res = extract_regions(
        "Жиынға Екібастұз және Ақсу қалаларының әкімдері қатысты.", D("2021-09-09"), lang="kk"
    )
    names = {(p.value["name"], p.value["region"]) for p in res.places}
    assert ("Екібастұз", "KZ-55") in names


def test_evidence_spans_point_at_the_name() -> None:
    text = "Вчера в Павлодарской области прошёл форум."
    res = extract_regions(text, D("2024-01-01"))
    assert res.primary is not None
    assert text[res.primary.start : res.primary.end] == "Павлодарской области"


@pytest.mark.parametrize(
    ("text", "lang", "on", "expected"),
    [
        (
            "Отставание есть в Иртышском и Майском районах.",
            "ru",
            "2022-02-11",
            {("Иртышский район", "KZ-55"), ("Майский район", "KZ-55")},
        ),
        (
            "Жиынға Ертіс, Май аудандарының әкімдері қатысты.",
            "kk",
            "2022-02-11",
            {("Ертіс ауданы", "KZ-55"), ("Май ауданы", "KZ-55")},
        ),
        # a city of republican significance is a place too, under its name on that date
        ("В Нур-Султане прошёл форум.", "ru", "2020-05-01", {("Нур-Султан", "KZ-71")}),
        ("В Астане прошёл форум.", "ru", "2024-05-01", {("Астана", "KZ-71")}),
    ],
)
def test_places(text: str, lang: str, on: str, expected: set[tuple[str, str]]) -> None:
    res = extract_regions(text, D(on), lang=lang)
    assert {(p.value["name"], p.value["region"]) for p in res.places} == expected


@pytest.mark.parametrize(
    ("text", "lang", "on", "places", "regions"),
    [
        # districts of Astana named like the city of Almaty
        (
            "Астанада Есіл және Алматы аудандарында мектептер салынады.",
            "kk",
            "2019-09-10",
            {"Есіл ауданы", "Алматы ауданы"},
            {"KZ-71"},
        ),
        # a region created in 2022 cannot be meant in 2017: "Ұлытау өңірі" is the area
        ("Жезқазғанда Ұлытау өңірінің тарихы туралы айтылды.", "kk", "2017-02-07", {"Жезқазған"}, {"KZ-35"}),
    ],
)
def test_names_shared_by_regions_and_districts(
    text: str, lang: str, on: str, places: set[str], regions: set[str]
) -> None:
    res = extract_regions(text, D(on), lang=lang)
    assert {p.value["name"] for p in res.places} >= places
    assert {m.value for m in res.regions} == regions
