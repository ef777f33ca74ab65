"""The dashboard in a real Chromium: the map, the matrix filter, the language switch, search, highlights."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.api.live import extra_articles
from zholdau.knowledge import load_knowledge
from zholdau.web.i18n import messages

from .conftest import shot

RU_ID = extra_articles()[0].record["id"]


def test_map_shows_the_20_regions(page: Any, site: str) -> None:
    page.goto(f"{site}/?ui=en")
    tiles = page.locator("#tilemap .tile")
    assert tiles.count() == 20
    codes = {tiles.nth(i).get_attribute("data-region") for i in range(20)}
    assert codes == {r.code for r in load_knowledge().regions_valid_on(date.today())}
    assert page.locator("#matrix tbody tr").count() >= 20
    shot(page, "dashboard-map.png")


@pytest.mark.parametrize("code", ["KZ-39", "KZ-55"])
def test_clicking_a_region_filters_the_matrix(page: Any, site: str, code: str) -> None:
    page.goto(f"{site}/?ui=en")
    page.click(f"#tilemap .tile[data-region='{code}']")
    page.wait_for_url(f"**region={code}**")
    rows = page.locator("#matrix tbody tr")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-region") == code
    assert "selected" in (page.locator(f"#tilemap .tile[data-region='{code}']").get_attribute("class") or "")
    page.click(f"#tilemap .tile[data-region='{code}']")  # clicking again clears the filter
    page.wait_for_function("() => !location.search.includes('region=')")
    assert page.locator("#matrix tbody tr").count() >= 20


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_language_switch_changes_the_labels(page: Any, site: str, ui: str) -> None:
    other = "ru" if ui == "en" else "en"
    page.goto(f"{site}/?ui={other}")
    page.click(f".langs a[data-ui='{ui}']")
    page.wait_for_url(f"**ui={ui}**")
    assert page.locator("html").get_attribute("lang") == ui
    assert page.locator("#map-title").inner_text() == messages(ui)["map_title"]
    assert page.locator("#map-title").inner_text() != messages(other)["map_title"]  # really translated
    assert page.locator("#apply").inner_text() == messages(ui)["apply"]
    region = load_knowledge().region("KZ-39")
    assert page.locator("#tilemap .tile[data-region='KZ-39'] .name").inner_text() == getattr(
        region, f"name_{ui}"
    )
    page.goto(f"{site}/search")  # the choice is remembered
    assert page.locator("html").get_attribute("lang") == ui
    if ui == "kk":
        page.goto(f"{site}/regions/KZ-39")
        shot(page, "dashboard-region-kk.png")


@pytest.mark.parametrize(("words", "expected"), [("теплосети", RU_ID), ("Ахметова", RU_ID)])
def test_search_finds_an_article(page: Any, site: str, words: str, expected: str) -> None:
    page.goto(f"{site}/search?ui=en")
    page.fill("#q", words)
    page.press("#q", "Enter")
    hit = page.locator(f"#hits li[data-id='{expected}']")
    hit.wait_for()
    assert hit.locator(".snippet mark").count() >= 1
    page.wait_for_selector("#facets[data-loaded='1'] .facet[data-facet='region']")
    shot(page, "dashboard-search.png")
    hit.locator("a.title").click()
    page.wait_for_url(f"**/articles/{expected}**")


def test_article_page_highlights_the_evidence_and_shows_the_rule(page: Any, site: str) -> None:
    page.goto(f"{site}/articles/{RU_ID}?ui=en")
    marks = page.locator("#article-text mark.ev")
    assert marks.count() >= 5
    official = page.locator("#article-text mark.ev[data-fields~='officials']").first
    official.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "ru_post_before_name" in tip.inner_text()
    assert "ru_post_before_name" in (official.get_attribute("title") or "")
    assert page.locator("#related").inner_text().count("Қостанайда Жолдау талқыланды") == 1
    shot(page, "dashboard-article.png")
