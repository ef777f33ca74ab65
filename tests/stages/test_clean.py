"""Cleaning rules, one table per rule, plus properties (never crashes, idempotent)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zholdau.config import Settings
from zholdau.model import Article
from zholdau.stages.clean import clean, clean_version, split_qtranslate

S = Settings()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[:ru]Аким провёл встречу.[:]", [("ru", "Аким провёл встречу.")]),
        ("[:kk]Әкім кездесу өткізді.[:]", [("kk", "Әкім кездесу өткізді.")]),
        ("[:kz]Әкім кездесу өткізді.[:]", [("kk", "Әкім кездесу өткізді.")]),
        (
            "[:kk]Жиын өтті.[:][:ru]Состоялось собрание.[:]",
            [("kk", "Жиын өтті."), ("ru", "Состоялось собрание.")],
        ),
        (
            "<!--:ru-->Текст на русском.<!--:--><!--:kk-->Қазақша мәтін.<!--:-->",
            [("ru", "Текст на русском."), ("kk", "Қазақша мәтін.")],
        ),
        ("{:ru}Короткая заметка.{:}", [("ru", "Короткая заметка.")]),
        ("ШАПКА\n[:ru]Текст.[:]", [("ru", "ШАПКА\nТекст.")]),
        ("[:ru]Первая часть.[:]\n[:ru]Вторая часть.[:]", [("ru", "Первая часть.\nВторая часть.")]),
        ("[:ru]Без закрывающего маркера", [("ru", "Без закрывающего маркера")]),
        ("Обычный текст без маркеров.", [(None, "Обычный текст без маркеров.")]),
        ("[:ru] [:][:kk]Тек қазақша.[:]", [("kk", "Тек қазақша.")]),
    ],
)
def test_qtranslate_split(raw: str, expected: list[tuple[str | None, str]]) -> None:
    assert split_qtranslate(raw) == expected


def _clean(raw: str) -> list[Article]:
    out = clean(Article(source="t.txt", raw_text=raw), S)
    assert out is not None
    return out


def test_both_languages_become_two_articles_with_fragment_sources() -> None:
    arts = _clean(
        "АЛТЫН ОРДА\n[:kk]Облыста Жолдау талқыланды.\nМәтін.[:][:ru]В области обсудили Послание.\nТекст.[:]"
    )
    assert [a.source for a in arts] == ["t.txt#kk", "t.txt#ru"]
    assert arts[0].text.startswith("Облыста Жолдау") and arts[1].text.startswith("В области обсудили")
    assert all(a.raw_text.startswith("АЛТЫН ОРДА") for a in arts)  # the raw input stays whole


@pytest.mark.parametrize(
    ("raw", "text", "headers"),
    [
        (
            "АЛТЫНОРДА\nНовости КазахстанаРегионы\nЗаголовок статьи\nТекст статьи.",
            "Заголовок статьи\nТекст статьи.",
            ["АЛТЫНОРДА"],
        ),
        (
            "ЖАЙЫҚ ПРЕСС\nЖаңалықтарӨңір\nОблыста жиын өтті\nМәтін.",
            "Облыста жиын өтті\nМәтін.",
            ["ЖАЙЫҚ ПРЕСС"],
        ),
        ("Главная / Новости / Регионы\nЗаголовок\nТекст.", "Заголовок\nТекст.", []),
        ("Басты бет » Жаңалықтар » Аймақ\nТақырып\nМәтін.", "Тақырып\nМәтін.", []),
        ("Home > News > Regions\nЗаголовок\nТекст.", "Заголовок\nТекст.", []),
        ("Поделиться\nЗаголовок\nТекст.", "Заголовок\nТекст.", []),
        # a short all-caps line that is the only line is kept (it is the text)
        ("ЖОЛДАУ", "ЖОЛДАУ", []),
        # an all-caps sentence in the body is not chrome
        (
            "Заголовок\nАКИМ ПОРУЧИЛ ЗАВЕРШИТЬ РЕМОНТ.\nТекст.",
            "Заголовок\nАКИМ ПОРУЧИЛ ЗАВЕРШИТЬ РЕМОНТ.\nТекст.",
            [],
        ),
        # a normal title is not chrome
        ("В Павлодаре обсудили Послание\nТекст.", "В Павлодаре обсудили Послание\nТекст.", []),
    ],
)
def test_leading_chrome(raw: str, text: str, headers: list[str]) -> None:
    c = clean_version(raw)
    assert c.text == text
    assert c.header_lines == headers


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Заголовок\nТекст статьи.\nПоделиться:", "Заголовок\nТекст статьи."),
        ("Заголовок\nТекст статьи.\nТеги: Послание, аким\nПросмотров: 125", "Заголовок\nТекст статьи."),
        ("Тақырып\nМәтін.\nБөлісу", "Тақырып\nМәтін."),
        (
            "Заголовок\nТекст статьи.\nДинара Есентаева,\nsite.kz",
            "Заголовок\nТекст статьи.\nДинара Есентаева,\nsite.kz",
        ),
    ],
)
def test_trailing_chrome(raw: str, text: str) -> None:
    assert clean_version(raw).text == text


@pytest.mark.parametrize(
    ("raw", "date", "text"),
    [
        (
            " date 2025-09-10 Под председательством акима состоялось заседание.",
            "2025-09-10",
            "Под председательством акима состоялось заседание.",
        ),
        ("date 2021-09-09 Заголовок\nТекст.", "2021-09-09", "Заголовок\nТекст."),
        (" date 2024-01-05 14:30 Жиын өтті.", "2024-01-05", "Жиын өтті."),
        ("\ufeff date 2019-09-03 Тақырып", "2019-09-03", "Тақырып"),
        ("Текст про date 2025-09-10 в середине.", None, "Текст про date 2025-09-10 в середине."),
    ],
)
def test_date_prefix_line(raw: str, date: str | None, text: str) -> None:
    c = clean_version(raw)
    assert c.prefix_date == date
    assert c.text == text


def test_date_prefix_becomes_published_candidate() -> None:
    (art,) = _clean(" date 2025-09-10 Заголовок\nТекст.")
    assert [f.value for f in art.candidates["published"]] == ["2025-09-10"]
    assert art.candidates["published"][0].evidence[0].rule == "date_prefix_line"


@pytest.mark.parametrize(
    ("raw", "city", "agency", "text"),
    [
        (
            "Заголовок\nСЕМЕЙ. KAZINFORM – Сегодня в Семее прошло заседание.",
            "Семей",
            "KAZINFORM",
            "Заголовок\nСегодня в Семее прошло заседание.",
        ),
        (
            "УРАЛЬСК. КАЗИНФОРМ — Аким области провёл совещание.",
            "Уральск",
            "КАЗИНФОРМ",
            "Аким области провёл совещание.",
        ),
        ("ОРАЛ. ҚАЗАҚПАРАТ – Облыс әкімі жиын өткізді.", "Орал", "ҚАЗАҚПАРАТ", "Облыс әкімі жиын өткізді."),
        (
            "Заголовок\nАСТАНА, 10 сентября. KAZINFORM - В столице обсудили Послание.",
            "Астана",
            "KAZINFORM",
            "Заголовок\nВ столице обсудили Послание.",
        ),
        ("УСТЬ-КАМЕНОГОРСК. KAZINFORM – Текст.", "Усть-Каменогорск", "KAZINFORM", "Текст."),
        (
            "Заголовок\nТекст без датлайна. ПАВЛОДАР. KAZINFORM – не в начале строки.",
            None,
            None,
            "Заголовок\nТекст без датлайна. ПАВЛОДАР. KAZINFORM – не в начале строки.",
        ),
        ("АКИМ. Рассказ о работе.", None, None, "АКИМ. Рассказ о работе."),
    ],
)
def test_dateline(raw: str, city: str | None, agency: str | None, text: str) -> None:
    c = clean_version(raw)
    assert (c.dateline_city, c.dateline_agency, c.text) == (city, agency, text)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Заголовок\n\n\n\nТекст   статьи\t с  пробелами.  ", "Заголовок\nТекст статьи с пробелами."),
        ("Строка\r\nВторая\rТретья", "Строка\nВторая\nТретья"),
        ("Аки\u0306", "Акй"),  # decomposed й → NFC
        ("Жол\u200bдау", "Жолдау"),  # zero-width space
        ("Пере\u00adнос", "Перенос"),  # soft hyphen
        ("658\u00a0млн теңге", "658 млн теңге"),
    ],
)
def test_whitespace_and_unicode(raw: str, text: str) -> None:
    assert clean_version(raw).text == text


def test_only_markup_is_rejected() -> None:
    (art,) = _clean("[:ru] [:]")
    assert art.reject and "no article text" in art.reject


alphabet = st.sampled_from(
    list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВӘҚЁ")
    + list(" \n\t.,:–—-/»[]{}<>!date0123456789KZINFORMСЕМЕЙ")
    + ["[:ru]", "[:kk]", "[:]", " date 2025-09-10 "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(alphabet, max_size=80).map("".join) | st.text(max_size=200))
def test_cleaner_never_crashes_and_is_idempotent(raw: str) -> None:
    once = clean_version(raw).text
    assert clean_version(once).text == once
    assert unicodedata.is_normalized("NFC", once)
    assert clean(Article(source="x", raw_text=raw), S) is not None


@pytest.mark.parametrize(
    ("raw", "text", "date_lines"),
    [
        ("21.01.2014\nЗаголовок\nТекст.", "Заголовок\nТекст.", ["21.01.2014"]),
        ("ЖАЙЫҚ ПРЕСС\n06.09.2023, 15:20\nТақырып\nМәтін.", "Тақырып\nМәтін.", ["06.09.2023, 15:20"]),
        ("5 сентября 2024, 10:15\nЗаголовок\nТекст.", "Заголовок\nТекст.", ["5 сентября 2024, 10:15"]),
        ("2024-09-05 08:00\nЗаголовок\nТекст.", "Заголовок\nТекст.", ["2024-09-05 08:00"]),
        ("12 школ построено\nТекст.", "12 школ построено\nТекст.", []),
    ],
)
def test_leading_date_line_is_chrome_and_a_date_candidate(raw: str, text: str, date_lines: list[str]) -> None:
    c = clean_version(raw)
    assert (c.text, c.date_lines) == (text, date_lines)
