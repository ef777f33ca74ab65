"""Every dashboard page over real HTTP (no browser): languages, filters in the URL, errors as pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from tests.api.live import EVENT, OFFICIAL, extra_articles
from zholdau.knowledge import load_knowledge
from zholdau.web.i18n import LANGS, messages

RU_ID, KK_ID, COPY_ID = (a.record["id"] for a in extra_articles())


def ui_url(path: str, ui: str) -> str:
    """The path with the interface language added to its own query."""
    return f"{path}{'&' if '?' in path else '?'}ui={ui}"


@pytest.fixture(scope="module")
def web(site: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=60) as client:
        yield client


PAGES = [
    ("/", "map_title"),
    ("/?address=2024-09-02&lang=ru&since=2020-01-01", "matrix_title"),
    ("/?unit=week&region=KZ-39", "timeline_title"),
    ("/regions/KZ-39", "top_topics"),
    ("/regions/kz-55", "latest_articles"),
    (f"/articles/{RU_ID}", "highlights_hint"),
    ("/search?q=%D0%BF%D0%BE%D1%81%D0%BB%D0%B0%D0%BD%D0%B8%D0%B5", "export_hint"),
    ("/search/facets?q=%D0%B6%D0%BE%D0%BB%D0%B4%D0%B0%D1%83", "facets"),
    ("/assignments?sort=deadline", "assignments"),
    ("/assignments?status=done", "assignments"),
    ("/officials?region=KZ-39", "officials"),
    ("/events", "events"),
]


@pytest.mark.parametrize("ui", LANGS)
@pytest.mark.parametrize(("path", "label"), PAGES)
def test_every_page_renders_in_every_language(web: httpx.Client, path: str, label: str, ui: str) -> None:
    r = web.get(ui_url(path, ui))
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert messages(ui)[label] in r.text.replace("&#39;", "'").replace("&#34;", '"')
    assert r.cookies.get("zholdau_ui") == ui


@pytest.mark.parametrize("ui", LANGS)
def test_region_and_address_names_come_from_the_knowledge_base(web: httpx.Client, ui: str) -> None:
    html = web.get(ui_url("/", ui)).text
    kb = load_knowledge()
    for region in kb.regions_valid_on(date.today()):
        assert getattr(region, f"name_{ui}") in html
    address = kb.address("2024-09-02")
    title = {"kk": address.title_kk, "ru": address.title_ru, "en": address.title_en}[ui] or address.title_ru
    assert title[:40] in html


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/?region=KZ-39&lang=ru", ['href="/regions/KZ-39?region=KZ-39&amp;lang=ru&amp;ui=en"']),
        ("/search?q=x&topic=energy", ["topic=energy", 'value="energy" selected']),
        ("/assignments?region=KZ-39", ['value="KZ-39" selected', "overdue", "in_progress", "done"]),
        (f"/articles/{RU_ID}", ["Қостанайда Жолдау талқыланды", OFFICIAL, "2,4 млрд тенге"]),
        ("/events", [EVENT, "kk, ru"]),
    ],
)
def test_pages_keep_the_filters_and_show_what_exists(
    web: httpx.Client, path: str, expected: list[str]
) -> None:
    html = web.get(ui_url(path, "en")).text
    for piece in expected:
        assert piece in html


# the test outlet has a Russian article, its Kazakh version and a syndicated copy of the Russian one
@pytest.mark.parametrize(
    ("path", "with_copies", "count", "hits"),
    [
        ("/", False, 2, None),
        ("/", True, 3, None),
        ("/regions/KZ-39", False, 2, [RU_ID, KK_ID]),
        ("/regions/KZ-39", True, 3, [COPY_ID, RU_ID, KK_ID]),
        ("/search", False, 2, [RU_ID, KK_ID]),
        ("/search", True, 3, [COPY_ID, RU_ID, KK_ID]),
    ],
)
def test_pages_count_one_article_per_text_and_list_its_copies(
    web: httpx.Client, path: str, with_copies: bool, count: int, hits: list[str] | None
) -> None:
    params = {"outlet": "Тест Қостанай", "ui": "en", **({"hide_copies": "false"} if with_copies else {})}
    html = web.get(path, params=params).text
    assert f"<strong>{count} articles</strong>" in html
    if path != "/regions/KZ-39":  # the pages with the filters form
        assert ('id="f-with-copies" checked' in html) is with_copies
    nav = re.search(r'<a href="(/events[^"]*)" data-nav="events">', html)
    assert nav and ("hide_copies=false" in nav.group(1)) is with_copies  # the links keep the choice
    if hits is not None:
        assert sorted(re.findall(r'<li class="hit" data-id="([0-9a-f]+)"', html)) == sorted(hits)
        # without the copies, the original names them: "Also published by Тест Қостанай"
        listed = re.findall(
            r'<p class="copies">Also published by: <a href="[^"]*" data-copy="([0-9a-f]+)">', html
        )
        assert listed == ([] if with_copies else [COPY_ID])


@pytest.mark.parametrize(
    ("ui", "more"),
    [("en", "more than 2 articles"), ("ru", "статей: более 2"), ("kk", "мақала саны: 2-нан астам")],
)
def test_the_search_page_says_more_past_the_counted_matches(
    web: httpx.Client, monkeypatch: pytest.MonkeyPatch, ui: str, more: str
) -> None:
    import zholdau.store.base as base

    params = {"outlet": "Тест Қостанай", "ui": ui, "hide_copies": "false"}
    monkeypatch.setattr(base, "TOTAL_AT_MOST", 2)
    assert f"<strong>{more}</strong>" in web.get("/search", params=params).text
    monkeypatch.setattr(base, "TOTAL_AT_MOST", 3)  # all three counted
    assert f"<strong>{more}</strong>" not in web.get("/search", params=params).text


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/?since=2021-31-12", 422, "since"),
        ("/search?region=KZ-00", 422, "region"),
        ("/assignments?status=%3Cscript%3E", 422, "lower-case word"),
        ("/search?cursor=%%%", 422, "cursor"),
        ("/regions/KZ-00", 404, "KZ-00"),
        ("/articles/ffffffffffffffff", 404, "not_found_article"),
        ("/no/such/page", 404, "/no/such/page"),
    ],
)
@pytest.mark.parametrize("ui", ["kk", "en"])
def test_bad_requests_are_pages_in_the_interface_language(
    web: httpx.Client, path: str, status: int, words: str, ui: str
) -> None:
    r = web.get(ui_url(path, ui))
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    text = r.text
    assert messages(ui).get(words, words) in text
    assert messages(ui)["back_home"] in text
    assert "Traceback" not in text and "<script>" not in text


def test_the_language_comes_from_the_browser_when_not_chosen(web: httpx.Client) -> None:
    r = httpx.get(f"{web.base_url}/", headers={"Accept-Language": "kk-KZ,kk;q=0.9,ru;q=0.8"})
    assert re.search(r'<html lang="kk">', r.text)
    r = httpx.get(f"{web.base_url}/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert re.search(r'<html lang="en">', r.text)


def test_static_assets_are_served_from_the_package(web: httpx.Client) -> None:
    html = web.get("/").text
    assert "http://" not in re.sub(r'href="http[^"]*"', "", html.split("<main>")[0])  # no CDN in the head
    for asset in ("/static/style.css", "/static/app.js"):
        assert web.get(asset).status_code == 200
