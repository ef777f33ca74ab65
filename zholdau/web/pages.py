"""The dashboard pages: map and coverage, region, article, search, assignments, officials, events.

Each page reads the filters from its URL (so a view can be shared), asks the store for aggregates
(counted in the database, never by reading every article) and renders a Jinja template in the
interface language (``?ui=kk|ru|en``, remembered in a cookie).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from zholdau.knowledge import load_knowledge
from zholdau.store.base import FACETS, Filters, Store, ids_of, listing_total
from zholdau.web import render
from zholdau.web.i18n import LANGS, negotiate, translator
from zholdau.web.labels import current_regions, labels, tiles
from zholdau.web.params import BadParams, Listing, check_status, listing_params
from zholdau.web.stores import store_of

TEMPLATES = Path(__file__).resolve().parent / "templates"
UI_COOKIE = "zholdau_ui"
MAX_WEEKS = 156  # a wider timeline is drawn per month (bars under a pixel wide say nothing)

router = APIRouter(include_in_schema=False)
ListingDep = Annotated[Listing, Depends(listing_params)]
Cursor = Annotated[str | None, Query(max_length=400)]

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["marked"] = render.marked


def ui_of(request: Request) -> str:
    """The interface language of this request."""
    return negotiate(
        request.query_params.get("ui"), request.cookies.get(UI_COOKIE), request.headers.get("accept-language")
    )


def _linker(request: Request, keep: dict[str, str]) -> tuple[Callable[..., str], Callable[..., str]]:
    """``href(path, **changes)``: a link keeping the filters; ``here(**changes)``: this page changed."""

    def build(path: str, base: dict[str, str], changes: dict[str, Any]) -> str:
        params = dict(base)
        for k, v in changes.items():
            if v is None or v == "":
                params.pop(k, None)
            else:
                params[k] = str(v)
        return path + ("?" + urlencode(params) if params else "")

    def href(path: str, **changes: Any) -> str:
        return build(path, keep, changes)

    def here(**changes: Any) -> str:
        current = {k: v for k, v in request.query_params.items() if k != "cursor"}
        return build(request.url.path, current, changes)

    return href, here


def page(
    request: Request, template: str, http_status: int = 200, listing: Listing | None = None, **ctx: Any
) -> HTMLResponse:
    """Render a template with what every page needs: translations, labels, links, the filters."""
    ui = ui_of(request)
    keep = {**(listing.params() if listing else {}), "ui": ui}
    href, here = _linker(request, keep)
    kb = load_knowledge()
    t = translator(ui)

    def status_label(status: str) -> str:
        key = "status_" + status.replace(" ", "_")
        label = t(key)
        return status if label == key else label

    html = _env.get_template(template).render(
        request=request,
        ui=ui,
        langs=LANGS,
        t=t,
        L=labels(ui),
        href=href,
        here=here,
        status_label=status_label,
        listing=listing or Listing(),
        regions=current_regions(kb),
        addresses=sorted(kb.addresses, key=lambda a: a.id, reverse=True),
        topics=kb.topics,
        lang_values=("kk", "ru", "mixed", "other"),
        **ctx,
    )
    response = HTMLResponse(html, status_code=http_status)
    if request.query_params.get("ui") in LANGS:
        response.set_cookie(UI_COOKIE, ui, max_age=365 * 24 * 3600, samesite="lax")
    return response


def error_page(
    request: Request, status: int, message: str, problems: list[dict[str, str]] | None = None
) -> Response:
    """An error as a page in the interface language (the API answers JSON instead)."""
    return page(request, "error.html", status, code=status, message=message, problems=problems or [])


def _timeline(store: Store, filters: Filters, query: str | None, unit: str | None) -> dict[str, Any]:
    weeks = {c["week"]: c["articles"] for c in store.coverage(filters, ("week",), query) if c["week"]}
    chosen = unit or (
        "month" if len(weeks) > 1 and _weeks_between(min(weeks), max(weeks)) > MAX_WEEKS else "week"
    )
    counts = (
        weeks
        if chosen == "week"
        else {c["month"]: c["articles"] for c in store.coverage(filters, ("month",), query) if c["month"]}
    )
    bars = render.timeline_bars(counts, chosen)
    return {
        "unit": chosen,
        "bars": bars,
        "ticks": render.year_ticks(bars),
        "top": max(counts.values(), default=0),
    }


def _weeks_between(a: str, b: str) -> int:
    from datetime import date

    return (date.fromisoformat(b) - date.fromisoformat(a)).days // 7


# --- home: map, coverage matrix, timeline ------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request, listing: ListingDep, unit: Annotated[Literal["week", "month"] | None, Query()] = None
) -> Response:
    store = store_of(request)
    f, q = listing.filters, listing.q
    ui = ui_of(request)
    lab = labels(ui)
    by_region = {c["region"]: c["articles"] for c in store.coverage(replace(f, region=None), ("region",), q)}
    total = by_region.get(f.region, 0) if f.region else sum(by_region.values())
    layout = tiles()
    regions = current_regions(load_knowledge())
    top = max((by_region.get(r.code, 0) for r in regions), default=0)
    href, _ = _linker(request, {**listing.params(), "ui": ui})
    map_tiles = [
        {
            "code": r.code,
            "name": lab.region(r.code),
            "n": by_region.get(r.code, 0),
            "heat": render.heat(by_region.get(r.code, 0), top),
            "row": layout["tiles"].get(r.code, [0, 0])[0],
            "col": layout["tiles"].get(r.code, [0, 0])[1],
            "selected": r.code == f.region,
            "href": href("/", region=None if r.code == f.region else r.code),
        }
        for r in regions
    ]

    cells = store.coverage(f, ("region", "address"), q)
    columns = sorted({c["address"] for c in cells if c["address"]})
    if any(c["address"] is None for c in cells):
        columns.append(None)
    grid: dict[str | None, dict[str | None, int]] = {}
    for c in cells:
        grid.setdefault(c["region"], {})[c["address"]] = c["articles"]
    codes = [f.region] if f.region else sorted((r.code for r in regions), key=lab.region)
    if not f.region and None in grid:
        codes.append(None)  # type: ignore[arg-type]
    cell_top = max((n for row in grid.values() for n in row.values()), default=0)
    rows = [
        {
            "code": code,
            "name": lab.region(code) if code else None,
            "total": by_region.get(code, 0),
            "cells": [
                {
                    "address": a,
                    "n": grid.get(code, {}).get(a, 0),
                    "heat": render.heat(grid.get(code, {}).get(a, 0), cell_top),
                }
                for a in columns
            ],
        }
        for code in codes
    ]
    return page(
        request,
        "home.html",
        listing=listing,
        total=total,
        tiles=map_tiles,
        layout=layout,
        columns=columns,
        rows=rows,
        timeline=_timeline(store, f, q, unit),
    )


# --- region ------------------------------------------------------------------------------------------


@router.get("/regions/{code}", response_class=HTMLResponse)
def region_page(
    request: Request,
    code: str,
    listing: ListingDep,
    unit: Annotated[Literal["week", "month"] | None, Query()] = None,
) -> Response:
    code = code.upper()
    if code not in {r.code for r in load_knowledge().regions}:
        return error_page(
            request, 404, f"unknown region {code!r}: region pages are /regions/KZ-55 and the like"
        )
    listing = replace(listing, filters=replace(listing.filters, region=code))
    f, q = listing.filters, listing.q
    store = store_of(request)
    latest = store.page(f, q, "newest", None, 20)
    figures = []
    for hit in latest.items[:20]:
        item = store.get(hit.id)
        for fig in (item.record.get("figures") or []) if item else []:
            if isinstance(fig, dict):
                figures.append({**fig, "article": hit})
    return page(
        request,
        "region.html",
        listing=listing,
        code=code,
        total=store.total(f, q),
        langs_count=store.coverage(f, ("lang",), q),
        by_address=[c for c in store.coverage(f, ("address",), q) if c["address"]],
        topics_count=store.facets(f, q, ("topic",), 10)["topic"],
        officials=store.officials(f, 30) if not q else [],
        assignments=store.assignments(f, None, "newest", None, 30).items if not q else [],
        events=store.events(f, 20) if not q else [],
        figures=figures[:40],
        latest=latest.items,
        timeline=_timeline(store, f, q, unit),
    )


# --- article -----------------------------------------------------------------------------------------


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    ui = ui_of(request)
    store = store_of(request)
    item = store.get(article_id.strip().lower()) if len(article_id) <= 64 else None
    if item is None:
        return error_page(request, 404, translator(ui)("not_found_article"))
    rec = item.record
    spans = render.evidence_spans(rec)
    segments = render.segments(rec.get("text") or "", spans)
    fields = sorted({s.field for s in spans}, key=render.field_rank)
    return page(
        request,
        "article.html",
        rec=rec,
        segments=segments,
        fields=fields,
        spans=sorted(spans, key=lambda s: (s.start, s.end)),
        meta_evidence=render.metadata_evidence(rec),
        related=store.related(rec["id"]),
        raw_text=item.raw_text,
        ids_of=ids_of,
    )


# --- search ------------------------------------------------------------------------------------------


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    listing: ListingDep,
    sort: Annotated[Literal["relevance", "newest", "oldest"] | None, Query()] = None,
    cursor: Cursor = None,
) -> Response:
    store = store_of(request)
    f, q = listing.filters, listing.q
    sort = sort or ("relevance" if q else "newest")
    try:
        results = store.page(f, q, sort, cursor or None, 20)
    except ValueError as exc:
        raise BadParams([("cursor", str(exc))]) from exc
    return page(
        request,
        "search.html",
        listing=listing,
        sort=sort,
        results=results,
        total=listing_total(store, f, q),
        first_page=bool(cursor),
    )


@router.get("/search/facets", response_class=HTMLResponse)
def search_facets(request: Request, listing: ListingDep) -> Response:
    """The facet box of the search page, loaded after the results (counting every match of a common
    word takes longer than finding the first twenty, so the results do not wait for it)."""
    facets = store_of(request).facets(listing.filters, listing.q, FACETS, 12)
    ui = ui_of(request)
    href, _ = _linker(request, {**listing.params(), "ui": ui})
    return page(request, "_facets.html", listing=listing, facets=facets, search_href=href)


# --- assignments, officials, events ------------------------------------------------------------------


@router.get("/assignments", response_class=HTMLResponse)
def assignments_page(
    request: Request,
    listing: ListingDep,
    status: str | None = None,
    sort: Annotated[Literal["newest", "deadline"], Query()] = "newest",
    cursor: Cursor = None,
) -> Response:
    listing = replace(listing, q=None)
    status = check_status(status)
    try:
        rows = store_of(request).assignments(listing.filters, status, sort, cursor or None, 100)
    except ValueError as exc:
        raise BadParams([("cursor", str(exc))]) from exc
    return page(
        request,
        "assignments.html",
        listing=listing,
        rows=rows,
        status=status,
        sort=sort,
        first_page=bool(cursor),
    )


@router.get("/officials", response_class=HTMLResponse)
def officials_page(request: Request, listing: ListingDep) -> Response:
    listing = replace(listing, q=None)
    return page(
        request, "officials.html", listing=listing, rows=store_of(request).officials(listing.filters, 500)
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, listing: ListingDep) -> Response:
    listing = replace(listing, q=None)
    return page(request, "events.html", listing=listing, rows=store_of(request).events(listing.filters, 200))
