"""The HTML reader: main text and metadata, fallbacks, and pages that are broken in every way."""

from __future__ import annotations

import json
from typing import Any

import pytest

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers import html as html_reader
from zholdau.readers import read_bytes

SETTINGS = Settings()
SOURCE = "saved/page.html"

P1 = (
    "В Павлодаре аким области провёл расширенное совещание, посвящённое реализации Послания "
    "Главы государства народу Казахстана."
)
P2 = (
    "По словам акима, до конца года в регионе планируется построить три школы, модернизировать "
    "котельные и отремонтировать более ста километров местных дорог."
)
P3 = "Отдельное внимание уделили поддержке фермеров и развитию малого бизнеса в сёлах."
KK1 = "Жамбыл облысында Жолдауды түсіндіру жөніндегі ақпараттық топ аудандарды аралап шықты."
KK2 = "Кездесулерде тұрғындар ауыз су, жол және жұмыспен қамту мәселелерін көтерді."

NAV = '<nav><a href="/">Главная</a> <a href="/region">Регион</a> <a href="/sport">Спорт</a></nav>'
FOOTER = "<footer>© 2024 Павлодар хабары. Все права защищены.</footer>"


def page(head: str = "", body: str = "", charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html lang="ru"><head><meta charset="{charset}">{head}</head>'
        f"<body>{NAV}{body}{FOOTER}</body></html>"
    )


ARTICLE = f"<article><h1>Аким разъяснил Послание</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>"
META_HEAD = (
    "<title>Аким разъяснил Послание | Павлодар хабары</title>"
    '<meta property="og:title" content="Аким разъяснил Послание">'
    '<meta property="og:site_name" content="Павлодар хабары">'
    '<meta property="article:published_time" content="2024-09-03T10:15:00+05:00">'
    '<meta name="date" content="2020-01-01">'
    '<meta name="author" content="Айгерим Сейтова">'
    '<link rel="canonical" href="https://pavlodar.example.kz/ru/news/4521">'
)


def _one(data: bytes, source: str = SOURCE) -> RawDocument | Rejection:
    items = list(read_bytes(data, source, SETTINGS))
    assert len(items) == 1
    return items[0]


def test_article_page_with_metadata() -> None:
    doc = _one(page(META_HEAD, ARTICLE).encode())
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html"
    assert doc.source == SOURCE
    assert doc.title == "Аким разъяснил Послание"
    assert doc.outlet == "Павлодар хабары"
    assert doc.author == "Айгерим Сейтова"
    assert doc.url == "https://pavlodar.example.kz/ru/news/4521"
    assert doc.published == "2024-09-03T10:15:00+05:00"  # raw, and article:published_time beats "date"
    assert doc.meta["published_from"] == "meta:article:published_time"
    assert doc.meta["extractor"] == "trafilatura"
    # one line per paragraph, no menu or footer
    assert f"{P1}\n{P2}\n{P3}" in doc.text
    assert "Спорт" not in doc.text and "права защищены" not in doc.text


LD = {
    "@context": "https://schema.org",
    "@graph": [{"@type": "NewsArticle", "datePublished": "2024-09-05T12:00:00+06:00"}],
}


@pytest.mark.parametrize(
    ("head", "body", "published", "found_in"),
    [
        ('<meta name="date" content="05.09.2024">', ARTICLE, "05.09.2024", "meta:date"),
        ('<meta name="pubdate" content="2024-09-05">', ARTICLE, "2024-09-05", "meta:pubdate"),
        (
            '<meta itemprop="datePublished" content="2024-09-05T09:00">',
            ARTICLE,
            "2024-09-05T09:00",
            "meta:datepublished",
        ),
        (
            "",
            f'<article><time itemprop="datePublished" datetime="2024-09-05T09:00">5 сентября</time><p>{P1}</p></article>',
            "2024-09-05T09:00",
            "itemprop:datePublished",
        ),
        (
            f'<script type="application/ld+json">{json.dumps(LD)}</script>',
            ARTICLE,
            "2024-09-05T12:00:00+06:00",
            "json-ld:datePublished",
        ),
        (
            "",
            f'<article><time datetime="2024-09-06">6 қыркүйек</time><p>{KK1}</p><p>{KK2}</p></article>',
            "2024-09-06",
            "time",
        ),
    ],
)
def test_published_is_the_raw_string_from_the_markup(
    head: str, body: str, published: str, found_in: str
) -> None:
    doc = _one(page(head, body).encode())
    assert isinstance(doc, RawDocument)
    assert doc.published == published
    assert doc.meta["published_from"] == found_in


@pytest.mark.parametrize(
    ("data", "expected_text"),
    [
        # unclosed tags everywhere
        (f"<html><body><div><p>{P1}<p>{P2}<div><b>{P3}".encode(), P2),
        # declares windows-1251, is UTF-8
        (page("", ARTICLE, charset="windows-1251").encode("utf-8"), P1),
        # declares UTF-8, is cp1251
        (page("", ARTICLE, charset="utf-8").encode("cp1251"), P1),
        # declares KOI8-R, is cp1251
        (page("", ARTICLE, charset="koi8-r").encode("cp1251"), P2),
        # declares an encoding Python does not know
        (page("", ARTICLE, charset="x-user-defined-nonsense").encode("utf-8"), P1),
        # NUL bytes and control characters in the markup
        (page("", ARTICLE).replace("<article>", "<article>\x00\x01").encode(), P1),
        # XML declaration with an encoding (lxml refuses those on str input)
        (('<?xml version="1.0" encoding="utf-8"?>\n' + page("", ARTICLE)).encode(), P1),
        # Kazakh page in UTF-16 with BOM
        (b"\xff\xfe" + page("", f"<article><p>{KK1}</p><p>{KK2}</p></article>").encode("utf-16-le"), KK2),
        # a comment that never closes after the text
        ((page("", ARTICLE) + "<!-- never closed").encode(), P1),
    ],
)
def test_broken_html_still_gives_the_text(data: bytes, expected_text: str) -> None:
    doc = _one(data)
    assert isinstance(doc, RawDocument), doc
    assert expected_text in doc.text


@pytest.mark.parametrize(
    "data",
    [
        b"<html></html>",
        b"<html><head><title>Empty</title></head><body></body></html>",
        b"<html><body><script>var news = [];</script></body></html>",
        page(
            "",
            '<ul><li><a href="/1">Жолдау талқыланды</a></li><li><a href="/2">Аким встретился</a></li></ul>',
        ).encode(),
        b"<html><body>   </body></html>",
    ],
)
def test_page_without_main_text_is_rejected(data: bytes) -> None:
    rej = _one(data)
    assert isinstance(rej, Rejection)
    assert rej.stage == "read"
    assert rej.message.startswith(
        ("HTML page has no main text (trafilatura found none)", "HTML page is empty")
    )
    assert rej.raw == data


@pytest.mark.parametrize(
    "data",
    [
        b"<<<>>> <html <body <p",
        b"<html><body><<<>>></body></html>",
        b"<html><head><meta charset='utf-8'></head><body><p>\xff\xfe\xfd</p></body></html>",
        b"<!DOCTYPE html><html>" + b"<div>" * 5000 + "Жолдау".encode() + b"</div>" * 10,
        b"<html><body><p>" + "Послание ".encode() * 20 + b"</p><script>unterminated",
        b"<html><head><script type='application/ld+json'>{not json</script></head><body></body></html>",
    ],
)
def test_broken_html_never_crashes(data: bytes) -> None:
    items = list(read_bytes(data, SOURCE, SETTINGS))
    assert len(items) == 1
    assert isinstance(items[0], RawDocument | Rejection)


@pytest.mark.parametrize(
    ("body", "extractor", "absent"),
    [
        (ARTICLE, "fallback:article", "Главная"),
        (
            f'<div class="menu"><a href="/a">Главная</a></div><div class="content"><p>{P1}</p><p>{P2}</p></div>',
            "fallback:largest_block",
            "Главная",
        ),
        (f"<table><tr><td>{P1}<br>{P2}</td></tr></table>", "fallback:largest_block", "Спорт"),
    ],
)
def test_fallback_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch, body: str, extractor: str, absent: str
) -> None:
    monkeypatch.setattr(html_reader, "_trafilatura", lambda html, url: None)
    doc = _one(page(META_HEAD, body).encode())
    assert isinstance(doc, RawDocument)
    assert doc.meta["extractor"] == extractor
    assert f"{P1}\n{P2}" in doc.text
    assert absent not in doc.text
    assert doc.title == "Аким разъяснил Послание"  # metadata still comes from the markup


def test_trafilatura_crash_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", boom)
    doc = _one(page("", ARTICLE).encode())
    assert isinstance(doc, RawDocument)
    assert doc.meta["extractor"] == "fallback:article"


def test_url_given_by_the_container_wins_and_canonical_is_kept() -> None:
    doc = html_reader.extract_html(
        page(META_HEAD, ARTICLE).encode(), "crawl.warc#x", SETTINGS, url="https://pavlodar.example.kz/?p=4521"
    )
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://pavlodar.example.kz/?p=4521"
    assert doc.meta["canonical_url"] == "https://pavlodar.example.kz/ru/news/4521"
