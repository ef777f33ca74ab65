"""Address linking, one rule at a time, in Russian and Kazakh, with the traps (foreign Addresses)."""

from __future__ import annotations

from datetime import date

import pytest

from zholdau.extractors.addresses import extract_addresses

D = date.fromisoformat


def link(text: str, published: str | None) -> list[tuple[str, str]]:
    return sorted(
        {
            (m.value, m.rule)
            for m in extract_addresses(text, D(published) if published else None, today=D("2026-11-23"))
        }
    )


def ids(text: str, published: str | None) -> set[str]:
    return {v for v, _ in link(text, published)}


@pytest.mark.parametrize(
    ("text", "published", "expected", "rule"),
    [
        # full titles, any case form, either language
        (
            "Актив обсудил Послание «Единство народа и системные реформы – прочная основа процветания страны».",
            "2021-09-10",
            "2021-09-01",
            "address_title",
        ),
        (
            "Жиында «Әділетті мемлекет. Біртұтас ұлт. Берекелі қоғам» атты Жолдау талқыланды.",
            "2022-09-05",
            "2022-09-01",
            "address_title",
        ),
        (
            "Послание «Казахстан в эпоху искусственного интеллекта: актуальные вопросы и их решение посредством "
            "радикальных цифровых преобразований» Глава государства озвучил недавно.",
            "2025-09-10",
            "2025-09-08",
            "address_title",
        ),
        (
            "Мемлекет басшысының «Жаңа жағдайдағы Қазақстан: іс-қимыл кезеңі» атты Жолдауын түсіндіру жалғасуда.",
            "2020-09-10",
            "2020-09-01",
            "address_title",
        ),
        # a quoted title in another translation: most words match
        (
            "Обсуждение Послания «Справедливый Казахстан: закон, порядок, экономический рост и общественный "
            "оптимизм» прошло в акимате.",
            "2024-09-06",
            "2024-09-02",
            "address_title",
        ),
        # short names and years
        ("В районе обсудили Послание-2025 Главы государства.", "2025-09-12", "2025-09-08", "address_alias"),
        (
            "Аудан әкімі 2019 жылғы Жолдауда айтылған міндеттерге тоқталды.",
            "2019-10-01",
            "2019-09-02",
            "address_year",
        ),
        (
            "Задачи Послания 2018 года Главы государства выполняются.",
            "2018-11-20",
            "2018-10-05",
            "address_year",
        ),
        (
            "По поручению, данному на встрече по Посланию Главы государства в 2023 году, расширяют поливные земли.",
            "2025-10-02",
            "2023-09-01",
            "address_year",
        ),
        (
            "Биылғы Жолдауда Мемлекет басшысы жасанды интеллектке ерекше мән берді.",
            "2025-09-20",
            "2025-09-08",
            "address_year",
        ),
        # themes decide with the article's date
        (
            "В Послании Президента особое внимание уделено четвертой промышленной революции.",
            "2018-01-20",
            "2018-01-10",
            "address_theme",
        ),
        (
            "Мемлекет басшысы Жолдауында Әділетті Қазақстан құру жолын айқындады.",
            "2023-09-10",
            "2023-09-01",
            "address_theme",
        ),
        (
            "Мемлекет басшысы Жолдауында Әділетті Қазақстан құру жолын айқындады.",
            "2024-09-10",
            "2024-09-02",
            "address_theme",
        ),
        # a programme the Address launched
        (
            "Мемлекет басшысының Жолдауы аясында «Ауыл – ел бесігі» жобасы бойынша жолдар жөнделді.",
            "2019-06-01",
            "2018-10-05",
            "address_theme|address_programme",
        ),
        (
            "Мемлекет басшысының Жолдауы аясында «Нұрлы жол» бағдарламасы бойынша жолдар жөнделді.",
            "2015-06-01",
            "2014-11-11",
            "address_alias|address_programme",
        ),
        # a bare mention: the latest Address before the article's date
        (
            "Аким района разъяснил жителям Послание Главы государства.",
            "2021-09-10",
            "2021-09-01",
            "address_bare",
        ),
        (
            "Аким района разъяснил жителям Послание Главы государства.",
            "2022-03-20",
            "2022-03-16",
            "address_bare",
        ),
        (
            "Аким района разъяснил жителям Послание Главы государства.",
            "2022-09-05",
            "2022-09-01",
            "address_bare",
        ),
        (
            "Мемлекет басшысының Жолдауы ауыл тұрғындарына түсіндірілді.",
            "2020-09-03",
            "2020-09-01",
            "address_bare",
        ),
        ("Елбасы Жолдауын талқылау жиыны өтті.", "2017-02-10", "2017-01-31", "address_bare"),
        # no publication date: a delivery date next to the keyword decides
        (
            "Послание, которое Глава государства огласил 1 сентября 2020 года, обсудили в районе.",
            None,
            "2020-09-01",
            "address_date",
        ),
    ],
)
def test_address_rules(text: str, published: str | None, expected: str, rule: str) -> None:
    assert any((expected, r) in link(text, published) for r in rule.split("|"))
    assert ids(text, published) == {expected}


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Президент России Владимир Путин обратился с Посланием к Федеральному Собранию.", "2024-02-29"),
        ("Ресей Президенті Владимир Путин Федералдық Жиналысқа Жолдауын жариялады.", "2024-02-29"),
        ("Александр Лукашенко огласил Послание белорусскому народу и Национальному собранию.", "2023-03-31"),
        ("Школьники оставили послание потомкам в капсуле времени.", "2025-09-15"),
        ("Аудан әкімі ардагерлерге құттықтау хат жолдады.", "2023-05-09"),
        ("Министерство обсудило развитие искусственного интеллекта в экономике.", "2025-10-01"),
        ("В рамках Стратегии «Казахстан-2050» в области открыт новый завод.", "2016-05-01"),
        # a bare mention with no date anywhere: we do not guess
        ("Аким района разъяснил жителям Послание Главы государства.", None),
        # an Address cannot be discussed before it was delivered
        ("В Послании Президента уделено внимание искусственному интеллекту.", "2024-05-01"),
    ],
)
def test_not_our_address(text: str, published: str | None) -> None:
    found = ids(text, published)
    if "искусственному интеллекту" in text:
        assert "2025-09-08" not in found
    else:
        assert found == set()


def test_two_addresses_in_one_article() -> None:
    text = (
        "Послание «Новый Казахстан: путь обновления и модернизации» и Послание «Справедливое государство. "
        "Единая нация. Благополучное общество» обсудили вместе."
    )
    assert ids(text, "2022-09-10") == {"2022-03-16", "2022-09-01"}


def test_evidence_span_is_the_matched_text() -> None:
    text = "Жиында Послание-2025 талқыланды, деп хабарлайды Мемлекет басшысының баспасөз қызметі."
    (m,) = [m for m in extract_addresses(text, D("2025-09-12")) if m.rule == "address_alias"]
    assert text[m.start : m.end] == "Послание-2025"
