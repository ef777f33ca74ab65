"""Numbers written with digits and in words, in Russian and Kazakh."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zholdau.extractors.numbers import DIGITS, parse_number, words_to_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,4", 12.4),
        ("12.4", 12.4),
        ("12 400", 12_400),
        ("12 400,5", 12_400.5),
        ("1,2", 1.2),
        ("1 200,5", 1_200.5),
        ("12\u00a0400", 12_400),  # no-break space, as typeset pages write it
        ("12\u202f400", 12_400),  # narrow no-break space
        ("1 200 000", 1_200_000),
        ("1,200,000", 1_200_000),
        ("1.200.000", 1_200_000),
        ("0,5", 0.5),
        ("658", 658),
        ("-5", -5),
        (" 42 ", 42),
        ("двадцать пять", 25),
        ("екі жүз", 200),
        ("полтора миллиона", 1_500_000),
        ("", None),
        ("тенге", None),
        ("12 40", None),
        ("1,2,3", None),
        ("12,", None),
        ("1 2345", None),
        ("полтора", None),
        ("пять школ", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


def test_whole_numbers_are_int() -> None:
    assert type(parse_number("12 400")) is int
    assert type(parse_number("12,4")) is float


# fmt: off
WORDS: list[tuple[str, str, tuple[int, int] | None]] = [
    # Russian: every case, compound numbers, stops at the first word that does not continue
    ("двух школ", "ru", (2, 1)),
    ("три", "ru", (3, 1)),
    ("трём", "ru", (3, 1)),
    ("трёх квартир", "ru", (3, 1)),
    ("пятью", "ru", (5, 1)),
    ("пятьсот", "ru", (500, 1)),
    ("одиннадцати", "ru", (11, 1)),
    ("девяноста", "ru", (90, 1)),
    ("ста", "ru", (100, 1)),
    ("сорока двух", "ru", (42, 2)),
    ("двадцать пять мест", "ru", (25, 2)),
    ("сто двадцать", "ru", (120, 2)),
    ("двести тысяч", "ru", (200_000, 2)),
    ("две тысячи пятьсот", "ru", (2_500, 3)),
    ("пятьдесят тысяч", "ru", (50_000, 2)),
    ("три миллиона двести тысяч", "ru", (3_200_000, 4)),
    ("полтора миллиона", "ru", (1_500_000, 2)),
    ("полутора миллиардов", "ru", (1_500_000_000, 2)),
    ("тысяча", "ru", (1_000, 1)),
    ("миллиард тенге", "ru", (1_000_000_000, 1)),
    ("два три", "ru", (2, 1)),
    ("двадцать двадцать", "ru", (20, 1)),
    ("полтора", "ru", None),
    ("тысяч", "ru", None),
    ("миллионов", "ru", None),
    ("второй", "ru", None),
    ("семью", "ru", None),
    ("он", "ru", None),
    # Kazakh: case endings and the collective end the number
    ("бір", "kk", (1, 1)),
    ("екі", "kk", (2, 1)),
    ("үш", "kk", (3, 1)),
    ("бес", "kk", (5, 1)),
    ("он", "kk", (10, 1)),
    ("жүз", "kk", (100, 1)),
    ("мың", "kk", (1_000, 1)),
    ("екі жүз", "kk", (200, 2)),
    ("бес мыңнан астам", "kk", (5_000, 2)),
    ("бесеуі де", "kk", (5, 1)),
    ("екеуі", "kk", (2, 1)),
    ("үшке", "kk", (3, 1)),
    ("екіге", "kk", (2, 1)),
    ("елуге", "kk", (50, 1)),
    ("қырыққа", "kk", (40, 1)),
    ("жүзден астам", "kk", (100, 1)),
    ("он бес", "kk", (15, 2)),
    ("сексен бес", "kk", (85, 2)),
    ("жүз жиырма", "kk", (120, 2)),
    ("жиырма бес мың", "kk", (25_000, 3)),
    ("бір жарым миллион", "kk", (1_500_000, 3)),
    ("мың тоғыз жүз", "kk", (1_900, 3)),
    ("екi", "kk", (2, 1)),  # Latin i for і, as many Kazakh sites type it
    ("бір жарым", "kk", (1, 1)),
    ("бірге", "kk", None),
    ("бірден", "kk", None),
    ("онда", "kk", None),
    ("екінші", "kk", None),
    ("бесінші", "kk", None),
    ("үшін", "kk", None),
    ("жүзеге", "kk", None),
    ("жетті", "kk", None),
    ("алтын", "kk", None),
    ("мектеп", "kk", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "lang", "expected"), WORDS)
def test_words_to_number(text: str, lang: str, expected: tuple[int, int] | None) -> None:
    assert words_to_number(text.split(), lang) == expected


def test_empty_tokens() -> None:
    assert words_to_number([], "ru") is None


# --------------------------------------------------------------------------- properties

_KK_UNITS = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
_KK_TENS = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]
_RU_UNITS = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_RU_TEENS = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
             "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"]  # fmt: skip
_RU_TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят",
            "девяносто"]  # fmt: skip
_RU_HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
                "девятьсот"]  # fmt: skip


def _kk_below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = ([_KK_UNITS[hundreds]] if hundreds > 1 else []) + (["жүз"] if hundreds else [])
    return [*words, *(w for w in (_KK_TENS[rest // 10], _KK_UNITS[rest % 10]) if w)]


def _kk_words(n: int) -> list[str]:
    thousands, rest = divmod(n, 1000)
    return ([*_kk_below_thousand(thousands), "мың"] if thousands else []) + _kk_below_thousand(rest)


def _ru_below_thousand(n: int, feminine: bool = False) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = [_RU_HUNDREDS[hundreds]] if hundreds else []
    if 10 <= rest < 20:
        return [*words, _RU_TEENS[rest - 10]]
    unit = _RU_UNITS[rest % 10]
    if feminine:
        unit = {"один": "одна", "два": "две"}.get(unit, unit)
    return [*words, *(w for w in (_RU_TENS[rest // 10], unit) if w)]


def _ru_words(n: int) -> list[str]:
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands:
        last = thousands % 100
        form = ("тысяча" if last % 10 == 1 and last != 11 else
                "тысячи" if last % 10 in (2, 3, 4) and last not in (12, 13, 14) else "тысяч")  # fmt: skip
        words = [*_ru_below_thousand(thousands, feminine=True), form]
    return words + _ru_below_thousand(rest)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_kazakh_words_round_trip(n: int) -> None:
    words = _kk_words(n)
    assert words_to_number([*words, "мектеп"], "kk") == (n, len(words))


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_russian_words_round_trip(n: int) -> None:
    words = _ru_words(n)
    assert words_to_number([*words, "школ"], "ru") == (n, len(words))


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_typeset_numbers_round_trip(n: int, cents: int) -> None:
    grouped = f"{n:,}".replace(",", "\u00a0")
    assert parse_number(grouped) == n
    assert parse_number(f"{grouped},{cents:02d}") == pytest.approx(n + cents / 100)
    assert re.fullmatch(DIGITS, grouped)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["ru", "kk"]))
def test_never_crash(text: str, lang: str) -> None:
    parse_number(text)
    found = words_to_number(text.split(), lang)
    assert found is None or 1 <= found[1] <= len(text.split())
