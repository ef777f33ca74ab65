"""Metadata rules: title, publication date, outlet, author — each value with its rule."""

from __future__ import annotations

from datetime import date

import pytest

from zholdau.config import Settings
from zholdau.model import Article
from zholdau.stages.clean import clean
from zholdau.stages.metadata import read_metadata

S = Settings(today=date(2026, 11, 23))


def run(raw: str, **meta: str) -> Article:
    art = Article(source="t.txt", raw_text=raw, url=meta.pop("url", None), raw_meta=dict(meta))
    (art,) = clean(art, S) or [art]
    read_metadata(art, S)
    return art


def rule(art: Article, name: str) -> str | None:
    f = art.meta.get(name)
    return f.evidence[0].rule if f else None


@pytest.mark.parametrize(
    ("raw", "meta", "title", "rule_name"),
    [
        ("В Павлодаре обсудили Послание\nТекст статьи.", {}, "В Павлодаре обсудили Послание", "first_line"),
        (
            "Айжан Абилова. В области обсудили Послание.\nТекст.",
            {},
            "В области обсудили Послание.",
            "first_line",
        ),
        (
            "Текст статьи.\nВторой абзац.",
            {"title": "Заголовок из JSONL"},
            "Заголовок из JSONL",
            "container_title",
        ),
        (" date 2025-09-10 Жиын өтті\nМәтін.", {}, "Жиын өтті", "first_line"),
        ("Одна строка без заголовка.", {}, None, None),
    ],
)
def test_title(raw: str, meta: dict[str, str], title: str | None, rule_name: str | None) -> None:
    art = run(raw, **meta)
    assert (art.get("title"), rule(art, "title")) == (title, rule_name)


@pytest.mark.parametrize(
    ("raw", "meta", "published", "rule_name"),
    [
        (" date 2025-09-10 Заголовок\nТекст от 8 сентября 2025 года.", {}, "2025-09-10", "date_prefix_line"),
        (
            "Заголовок\nТекст.",
            {"published": "2021-09-09T10:00:00+06:00"},
            "2021-09-09",
            "container_published",
        ),
        (
            "Заголовок\nТекст.",
            {"published": "Thu, 09 Sep 2021 10:00:00 +0600"},
            "2021-09-09",
            "container_published",
        ),
        ("21.01.2014\nЗаголовок\nТекст.", {}, "2014-01-21", "chrome_date_line"),
        ("Заголовок\n9 сентября 2021 года в Павлодаре прошло совещание.", {}, "2021-09-09", "text_date"),
        (
            "Тақырып\n2025 жылғы 8 қыркүйекте Мемлекет басшысы Жолдау жариялады. 10 қыркүйекте жиын өтті.",
            {},
            "2025-09-08",
            "text_date",
        ),
        # a deadline is not the publication date
        (
            "Заголовок\n9 сентября 2021 года аким поручил завершить работы до 1 декабря 2021 года.",
            {},
            "2021-09-09",
            "text_date",
        ),
        (
            "Тақырып\n2023 жылғы 6 қыркүйекте жиын өтті. Жұмыстар 2023 жылғы 1 желтоқсанға дейін аяқталады.",
            {},
            "2023-09-06",
            "text_date",
        ),
        # a date in the text after today is not a publication date
        ("Заголовок\nПрограмма рассчитана до 31 декабря 2030 года.", {}, None, None),
        ("Заголовок\nБез дат.", {}, None, None),
    ],
)
def test_published(raw: str, meta: dict[str, str], published: str | None, rule_name: str | None) -> None:
    art = run(raw, **meta)
    assert (art.get("published"), rule(art, "published")) == (published, rule_name)
    assert art.reject is None


def test_unparseable_date_is_left_empty_with_a_warning() -> None:
    art = run("Заголовок\nТекст.", published="вчера вечером")
    assert art.get("published") is None
    assert any("could not be parsed" in w for w in art.warnings)


@pytest.mark.parametrize(
    ("raw", "meta"),
    [
        (" date 2031-05-01 Заголовок\nТекст.", {}),
        ("Заголовок\nТекст.", {"published": "2030-01-01"}),
    ],
)
def test_future_publication_date_rejects_the_article(raw: str, meta: dict[str, str]) -> None:
    art = run(raw, **meta)
    assert art.reject and "after today" in art.reject and "2026-11-23" in art.reject


@pytest.mark.parametrize(
    ("raw", "meta", "outlet", "rule_name"),
    [
        ("Заголовок\nТекст.", {"outlet": "Аймақ ньюс"}, "Аймақ ньюс", "container_outlet"),
        ("Заголовок\nТекст.", {"url": "https://www.kazpravda.kz/n/123/"}, "Казахстанская правда", "url_host"),
        ("Заголовок\nТекст.", {"url": "https://unknown-news.kz/a/1"}, "unknown-news.kz", "url_host"),
        ("Заголовок\nТекст статьи.\nДинара Есентаева,\nzhaikpress.kz", {}, None, "footer_site"),
        ("ПАВЛОДАР. KAZINFORM – Аким провёл совещание.\nТекст.", {}, "Kazinform", "dateline_agency"),
        ("ПРИИРТЫШСКИЙ ВЕСТНИК\nЗаголовок\nТекст.", {}, "Прииртышский вестник", "header_line"),
        (
            "Тақырып\nЖиын өтті, деп хабарлайды облыс әкімдігінің баспасөз қызметі.",
            {},
            "облыс әкімдігінің баспасөз қызметі",
            "press_service_source",
        ),
        (
            "Заголовок\nСовещание прошло в акимате, сообщает пресс-служба акимата Павлодарской области.",
            {},
            "пресс-служба акимата Павлодарской области",
            "press_service_source",
        ),
        ("Заголовок\nТекст.", {}, None, None),
    ],
)
def test_outlet(raw: str, meta: dict[str, str], outlet: str | None, rule_name: str | None) -> None:
    art = run(raw, **meta)
    assert rule(art, "outlet") == rule_name
    if rule_name != "footer_site":
        assert art.get("outlet") == outlet


@pytest.mark.parametrize(
    ("raw", "author", "rule_name"),
    [
        ("Айжан Абилова. В области обсудили Послание.\nТекст.", "Айжан Абилова", "byline_start"),
        ("Заголовок\nТекст статьи.\nДинара Есентаева,\nzhaikpress.kz", "Динара Есентаева", "byline_end"),
        ("Заголовок\nТекст статьи.\nМарат Сейткалиев", "Марат Сейткалиев", "byline_end"),
        ("Тақырып\nЖиын өтті, деп хабарлайды облыс әкімдігінің баспасөз қызметі.", None, None),
        ("Заголовок\nТекст статьи.\nАким области", None, None),
    ],
)
def test_author(raw: str, author: str | None, rule_name: str | None) -> None:
    art = run(raw)
    assert (art.get("author"), rule(art, "author")) == (author, rule_name)
