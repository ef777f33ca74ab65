"""Person-name candidates: the normal form (nominative, given name first) and what supports a name."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zholdau.extractors.names import (
    any_of,
    find_names,
    is_given_name,
    is_name_word,
    is_surname_like,
    recase,
    sentences,
    tokenize,
)


def names(text: str, lang: str) -> list[str]:
    return [c.name for c in find_names(text, lang) if len(c.words) > 1 or "initials" in c.support]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Мероприятие инициировал аким области Амандык Баталов.", "ru", ["Амандык Баталов"]),
        ("Инициатива принадлежит акиму области Амандыку Баталову.", "ru", ["Амандык Баталов"]),
        ("Заседание провел акимом области назначенный Амандыком Баталовым.", "ru", ["Амандык Баталов"]),
        ("Слово предоставили Айгуль Сарсеновой.", "ru", ["Айгуль Сарсенова"]),
        ("Выступил Баталов Амандык Серикович.", "ru", ["Амандык Баталов"]),
        ("Послание Касым-Жомарта Кемелевича Токаева обсудили.", "ru", ["Касым-Жомарт Токаев"]),
        ("Поблагодарила Ольгу Кравченко за работу.", "ru", ["Ольга Кравченко"]),
        ("Доклад Риммы Салыковой был коротким.", "ru", ["Римма Салыкова"]),
        ("Отметил Виктор Лысенко.", "ru", ["Виктор Лысенко"]),
        ("Сообщение Алии Байсеитовой.", "ru", ["Алия Байсеитова"]),
        ("Выступила Алия Байсеитова.", "ru", ["Алия Байсеитова"]),
        ("Аким Экибастуза Марат Жумабаев рассказал о зиме.", "ru", ["Марат Жумабаев"]),
        ("Облыс әкімі Берік Уәлидің төрағалығымен өтті.", "kk", ["Берік Уәли"]),
        ("Нұрлан Асқаровқа тапсырма берілді.", "kk", ["Нұрлан Асқаров"]),
        ("Айболат Сейтақовтар сөз алды.", "kk", ["Айболат Сейтақов"]),
        ("Ғалия Сейітқызы баяндама жасады.", "kk", ["Ғалия Сейітқызы"]),
        ("Нұрсұлтан Әбішұлы Назарбаевтың Жолдауы.", "kk", ["Нұрсұлтан Назарбаев"]),
        ("Елбасы Н.Назарбаевтың Жолдауын талқылады.", "kk", ["Нұрсұлтан Назарбаев"]),
        ("ҚР Президенті Қ. Тоқаев сөз сөйледі.", "kk", ["Қасым-Жомарт Тоқаев"]),
        ("Аким области Б. Жусупов поручил.", "ru", ["Б. Жусупов"]),
        ("Список утвердил Жусупов Б.А. вчера.", "ru", ["Б.А. Жусупов"]),
        ("Гүлсім Ержанова қатысты.", "kk", ["Гүлсім Ержанова"]),
        ("Депутат Ольга Шевченко предложила.", "ru", ["Ольга Шевченко"]),  # Шевченко is also a place
    ],
)
def test_name_normal_form(text: str, lang: str, expected: list[str]) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Главная площадь Павлодара приняла гостей.", "ru"),
        ("Послание Президента обсудили в Экибастузе.", "ru"),
        ("В Курчатове прошла встреча с населением.", "ru"),
        ("Балқаш қаласында жиын өтті.", "kk"),
        ("«Нұр Отан» партиясының филиалы.", "kk"),
        ("Президент Жолдауында маңызды міндеттер қойылды.", "kk"),
        ("Новости КазахстанаРегионы", "ru"),
    ],
)
def test_not_names(text: str, lang: str) -> None:
    assert names(text, lang) == []


@pytest.mark.parametrize(
    ("word", "given", "surname"),
    [
        ("Нурлан", True, False),
        ("Нұрлан", True, False),
        ("Нурлана", True, False),
        ("Айгүл", True, False),
        ("Айгуль", True, False),
        ("Баталовым", False, True),
        ("Сарсеновой", False, True),
        ("Кравченко", False, True),
        ("Сейітқызы", False, True),
        ("Павлодар", False, False),
    ],
)
def test_name_word_roles(word: str, given: bool, surname: bool) -> None:
    assert is_given_name(word) is given
    assert is_surname_like(word) is surname


def test_titles_are_not_name_words() -> None:
    assert not is_name_word("Аким")
    assert not is_name_word("Жолдауында")
    assert is_name_word("Касым-Жомарт")


def test_surname_first_is_reordered_and_tagged() -> None:
    (cand,) = find_names("Слово взял Ахметов Серик.", "ru")
    assert cand.name == "Серик Ахметов"
    assert cand.rule == "surname_given"


def test_caseless_text_is_recased_without_moving_offsets() -> None:
    text = "қазақстан президенті қасым-жомарт тоқаев жолдау жариялады. " * 3
    assert len(recase(text)) == len(text)
    assert "Қасым-Жомарт Тоқаев" in names(text, "kk")


def test_sentences_keep_offsets_and_split_lines() -> None:
    text = "Первое предложение. Второе\nтретье без точки"
    out = sentences(text)
    assert [s.text for s in out] == ["Первое предложение.", "Второе", "третье без точки"]
    assert all(text[s.start : s.end] == s.text for s in out)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="АБВаб вгдҚқәЁё.-,«» \n1", max_size=80))
def test_arbitrary_text_never_breaks_spans(text: str) -> None:
    for cand in find_names(text, "ru"):
        assert 0 <= cand.start < cand.end <= len(text)
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


@pytest.mark.parametrize(
    ("patterns", "text", "hit"),
    [
        ([r"\bпровел\b", r"\bоткрыл\b"], "Аким открыл заседание.", True),
        ([r"\bпровел\b", r"\bоткрыл\b"], "Аким переоткрыл сезон.", False),
        ([r"встреч[аи](?=[^.]{0,40}\sс\s)", r"жиын"], "Встреча прошла с жителями.", True),
        ([r"встреч[аи](?=[^.]{0,40}\sс\s)"], "Встреча прошла. С жителями", False),
        ([r"(?P<a>тапсыр)ды", r"міндетте(?P<b>ді)"], "Әкім міндеттеді.", True),
    ],
)
def test_any_of_matches_where_one_of_the_patterns_does(patterns: list[str], text: str, hit: bool) -> None:
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
    quick = any_of(compiled)
    assert quick is not None
    assert (quick.search(text) is not None) == hit == any(p.search(text) for p in compiled)


@pytest.mark.parametrize(
    "patterns",
    [
        [re.compile(r"(а)\1"), re.compile("б")],  # a back-reference would point at another group
        [re.compile("а", re.IGNORECASE), re.compile("б")],  # flags differ
        [re.compile("(?P<x>а)"), re.compile("(?P<x>б)")],  # the same group name twice
        [],
    ],
)
def test_any_of_refuses_patterns_it_cannot_join(patterns: list[re.Pattern[str]]) -> None:
    assert any_of(patterns) is None
