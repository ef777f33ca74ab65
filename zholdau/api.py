"""The REST API and the dashboard, one FastAPI app over one store: ``create_app(settings)``.

Reads are open; writes (``POST /api/ingest``, ``DELETE /api/articles/{id}``) need the token in
``ZHOLDAU_API_TOKEN`` (sent as ``Authorization: Bearer <token>``), and are disabled when no token is
configured. Every error is JSON ``{"error": {"status", "message", "problems"?}}``, never a stack trace.
OpenAPI documentation is served at ``/docs``. The API only translates HTTP to store calls.
"""

from __future__ import annotations

import hmac
import itertools
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from zholdau.config import Settings
from zholdau.errors import ZholdauError
from zholdau.store.base import DIMENSIONS, FACETS, listing_total
from zholdau.web.params import (
    BadParams,
    Listing,
    check_status,
    copies_asked,
    hide_copies_param,
    listing_params,
)
from zholdau.web.stores import store_of

log = logging.getLogger("zholdau.api")

TOKEN_ENV = "ZHOLDAU_API_TOKEN"
JSONL_TYPES = (
    "application/x-ndjson",
    "application/jsonl",
    "application/json",
    "application/x-jsonlines",
    "text/plain",
)
ARTICLE_ID = r"^[0-9a-f]{6,16}$"
STATIC_DIR = Path(__file__).resolve().parent / "web" / "static"


class ApiError(Exception):
    """An answer other than 200, with a message that says what to do."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        self.status, self.message, self.extra = status, message, extra
        super().__init__(message)


def error_body(status: int, message: str, **extra: Any) -> dict[str, Any]:
    """The JSON body of every error answer."""
    return {"error": {"status": status, "message": message, **extra}}


def _version() -> str:
    try:
        return metadata.version("zholdau")
    except metadata.PackageNotFoundError:
        return "0"


# --- the app -----------------------------------------------------------------------------------------


def create_app(settings: Settings | None = None, token: str | None = None) -> FastAPI:
    """The API and dashboard over ``settings.db``; ``token`` (default: ``$ZHOLDAU_API_TOKEN``) enables writes.

    The store is opened once here so that a bad database URL or a schema newer than this program
    fails at start-up, with the store's message, instead of on the first request.
    """
    from zholdau.web.pages import router as pages_router
    from zholdau.web.stores import StoreProvider

    settings = settings or Settings.load()
    if token is None:
        token = os.environ.get(TOKEN_ENV) or None
    stores = StoreProvider(settings.db)
    stores.fresh().close()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        title="Zholdau Monitor",
        version=_version(),
        description="Regional news about the President's Address as a structured, searchable record. "
        "Reads are open; writes need `Authorization: Bearer <token>` (the server's "
        f'`{TOKEN_ENV}`). Errors are JSON `{{"error": {{"status", "message"}}}}`.',
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.stores = stores
    app.state.token = token
    app.state.ingest_lock = threading.Lock()
    app.state.pipeline = None

    @app.middleware("http")
    async def server_timing(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # how long the app took, so `make bench` (and a browser's devtools) see server time alone
        t0 = time.perf_counter()
        response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - t0) * 1000:.1f}"
        return response

    _add_error_handlers(app)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api", "/docs", "/openapi", "/static"))


def _add_error_handlers(app: FastAPI) -> None:
    from zholdau.web.pages import error_page

    def answer(request: Request, status: int, message: str, **extra: Any) -> Response:
        if _wants_html(request):
            return error_page(request, status, message, extra.get("problems"))
        return JSONResponse(
            error_body(status, message, **extra),
            status_code=status,
            headers={"WWW-Authenticate": "Bearer"} if status == 401 else None,
        )

    @app.exception_handler(BadParams)
    async def bad_params(request: Request, exc: BadParams) -> Response:
        problems = [{"param": p, "message": m} for p, m in exc.problems]
        return answer(request, 422, f"bad parameters: {exc}", problems=problems)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body", "header")]
            got = e.get("input")
            shown = f" (got {got!r})" if isinstance(got, str | int | float) else ""
            problems.append(
                {"param": ".".join(loc) or "request", "message": f"{e.get('msg', 'invalid')}{shown}"}
            )
        text = "; ".join(f"{p['param']}: {p['message']}" for p in problems)
        return answer(request, 422, f"bad parameters: {text}", problems=problems)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return answer(request, exc.status, exc.message, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path} (the API is listed at /docs)"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path} (see /docs)"
        return answer(request, exc.status_code, message)

    @app.exception_handler(ZholdauError)
    async def store_error(request: Request, exc: ZholdauError) -> Response:
        log.warning("store error on %s: %s", request.url.path, exc)
        return answer(request, 503, f"the store could not answer: {exc}")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        # the details go to the server log, never to the client
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return answer(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")


def _page_args(cursor: str | None) -> str | None:
    return cursor.strip() or None if cursor else None


def _bad_cursor(exc: ValueError) -> BadParams:
    return BadParams([("cursor", str(exc))])


# --- reads -------------------------------------------------------------------------------------------

api_router = APIRouter(prefix="/api")
ListingDep = Annotated[Listing, Depends(listing_params)]
Limit = Annotated[int, Query(ge=1, le=200, description="items per page (1-200)")]
Cursor = Annotated[str | None, Query(max_length=400, description="`next_cursor` of the previous page")]


@api_router.get("/health", tags=["meta"])
def health(request: Request) -> JSONResponse:
    """Is the store reachable: article count (one per text), schema version, whether writes are enabled."""
    store = store_of(request)
    return JSONResponse(
        {
            "status": "ok",
            "articles": store.total(),
            "schema_version": store.schema_version(),
            "writes_enabled": bool(request.app.state.token),
            "version": _version(),
        }
    )


@api_router.get("/stats", tags=["meta"])
def stats(
    request: Request,
    hide_copies: Annotated[
        str | None,
        Query(
            description="true (the default): one article per text, the syndicated copies counted apart "
            "in `copies`; false: every copy counted too"
        ),
    ] = None,
) -> JSONResponse:
    """Counts per language, region, Address and year, and the number of copies, rejections and runs."""
    return JSONResponse(store_of(request).stats(hide_copies=hide_copies_param(hide_copies)))


@api_router.get("/articles", tags=["articles"])
def list_articles(
    request: Request,
    listing: ListingDep,
    sort: Annotated[Literal["newest", "oldest", "relevance"], Query()] = "newest",
    cursor: Cursor = None,
    limit: Limit = 50,
) -> JSONResponse:
    """Articles matching the filters, newest first (or ``oldest``, or by ``relevance`` to ``q``).

    Page with ``cursor``: pass the ``next_cursor`` of one answer to get the next page. ``total`` counts
    the matches up to 10 000; ``total_exact`` is false when there are more.
    """
    store = store_of(request)
    try:
        page = store.page(listing.filters, listing.q, sort, _page_args(cursor), limit)
    except ValueError as exc:
        raise _bad_cursor(exc) from exc
    total, exact = listing_total(store, listing.filters, listing.q)
    return JSONResponse(
        {
            "total": total,
            "total_exact": exact,
            "items": [h.to_dict() for h in page.items],
            "next_cursor": page.next_cursor,
        }
    )


@api_router.get("/articles/{article_id}", tags=["articles"])
def get_article(
    request: Request,
    article_id: Annotated[str, PathParam(pattern=ARTICLE_ID, description="16 hex digits (or 6+ of them)")],
    raw: Annotated[bool, Query(description="include the raw input text")] = False,
) -> JSONResponse:
    """One article: the export record with its ``evidence``, the evidence spans flattened as
    ``highlights``, and ``related`` articles (copies, other reports of the same event)."""
    from zholdau.web.render import evidence_spans

    store = store_of(request)
    item = store.get(article_id)
    if item is None:
        raise ApiError(404, f"no article {article_id!r}: find ids with /api/articles or /api/search")
    rec = dict(item.record)
    text = rec.get("text") or ""
    rec["highlights"] = [
        {"field": s.field, "rule": s.rule, "start": s.start, "end": s.end, "text": text[s.start : s.end]}
        for s in evidence_spans(rec)
    ]
    rec["related"] = {k: [h.to_dict() for h in v] for k, v in store.related(rec["id"]).items()}
    if raw:
        rec["raw_text"] = item.raw_text
    return JSONResponse(rec)


@api_router.get("/search", tags=["articles"])
def search(
    request: Request,
    listing: ListingDep,
    sort: Annotated[Literal["relevance", "newest", "oldest"], Query()] = "relevance",
    cursor: Cursor = None,
    limit: Limit = 20,
    facets: Annotated[
        bool,
        Query(
            description="also count the matches per region, Address, language, "
            "topic, outlet and year (slower on common words)"
        ),
    ] = False,
) -> JSONResponse:
    """Full-text search (``q``, any inflected form, kk or ru) with snippets, filters and facets.

    ``total`` counts the matches up to 10 000; ``total_exact`` is false when there are more."""
    store = store_of(request)
    try:
        page = store.page(listing.filters, listing.q, sort, _page_args(cursor), limit)
    except ValueError as exc:
        raise _bad_cursor(exc) from exc
    total, exact = listing_total(store, listing.filters, listing.q)
    body: dict[str, Any] = {
        "query": listing.q,
        "total": total,
        "total_exact": exact,
        "items": [h.to_dict() for h in page.items],
        "next_cursor": page.next_cursor,
    }
    if facets:
        body["facets"] = {
            k: [{"value": v, "articles": n} for v, n in vals]
            for k, vals in store.facets(listing.filters, listing.q, FACETS).items()
        }
    return JSONResponse(body)


@api_router.get("/coverage", tags=["statistics"])
def coverage(
    request: Request,
    listing: ListingDep,
    by: Annotated[
        str, Query(description=f"comma-separated, from: {', '.join(DIMENSIONS)}")
    ] = "region,address,month",
) -> JSONResponse:
    """Article counts grouped by the ``by`` dimensions (default region × Address × month)."""
    dims = [d.strip() for d in by.split(",") if d.strip()]
    bad = [d for d in dims if d not in DIMENSIONS]
    if bad or len(set(dims)) != len(dims) or len(dims) > 3:
        raise BadParams(
            [("by", f"use up to 3 different dimensions from {', '.join(DIMENSIONS)}; got {by!r}")]
        )
    store = store_of(request)
    return JSONResponse(
        {
            "by": dims,
            "cells": store.coverage(listing.filters, dims, listing.q),
            "total": store.total(listing.filters, listing.q),
        }
    )


@api_router.get("/regions", tags=["knowledge"])
def regions(request: Request, listing: ListingDep) -> JSONResponse:
    """The 20 regions in force today (names kk/ru/en from the knowledge base, map tile position),
    with the number of matching articles (the ``region`` filter itself is ignored here)."""
    from dataclasses import replace

    from zholdau.knowledge import load_knowledge
    from zholdau.web.labels import current_regions, tiles

    counts = {
        c["region"]: c["articles"]
        for c in store_of(request).coverage(replace(listing.filters, region=None), ("region",), listing.q)
    }
    layout = tiles()["tiles"]
    return JSONResponse(
        [
            {
                "code": r.code,
                "kind": r.kind,
                "name_kk": r.name_kk,
                "name_ru": r.name_ru,
                "name_en": r.name_en,
                "tile": layout.get(r.code),
                "articles": counts.get(r.code, 0),
            }
            for r in current_regions(load_knowledge())
        ]
    )


@api_router.get("/addresses", tags=["knowledge"])
def addresses(request: Request, listing: ListingDep) -> JSONResponse:
    """Every Address (id = delivery date, titles kk/ru/en) with its number of matching articles."""
    from dataclasses import replace

    from zholdau.knowledge import load_knowledge

    counts = {
        c["address"]: c["articles"]
        for c in store_of(request).coverage(replace(listing.filters, address=None), ("address",), listing.q)
    }
    return JSONResponse(
        [
            {
                "id": a.id,
                "president": a.president,
                "title_kk": a.title_kk,
                "title_ru": a.title_ru,
                "title_en": a.title_en,
                "articles": counts.get(a.id, 0),
            }
            for a in load_knowledge().addresses
        ]
    )


@api_router.get("/topics", tags=["knowledge"])
def topics(request: Request, listing: ListingDep) -> JSONResponse:
    """The topic codes (labels kk/ru/en) with their number of matching articles."""
    from dataclasses import replace

    from zholdau.knowledge import load_knowledge

    counts = {
        c["topic"]: c["articles"]
        for c in store_of(request).coverage(replace(listing.filters, topic=None), ("topic",), listing.q)
    }
    return JSONResponse(
        [
            {
                "code": t.code,
                "label_kk": t.label_kk,
                "label_ru": t.label_ru,
                "label_en": t.label_en,
                "articles": counts.get(t.code, 0),
            }
            for t in load_knowledge().topics
        ]
    )


@api_router.get("/officials", tags=["connections"])
def officials(
    request: Request, listing: ListingDep, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> JSONResponse:
    """Officials named in the matching articles: name, post, level, articles, first and last seen."""
    if listing.q:
        raise BadParams(
            [("q", "officials cannot be filtered by words; use official=NAME or the other filters")]
        )
    return JSONResponse({"items": store_of(request).officials(listing.filters, limit)})


@api_router.get("/assignments", tags=["connections"])
def assignments(
    request: Request,
    listing: ListingDep,
    status: Annotated[str | None, Query(description="assigned, in_progress, done, overdue, ...")] = None,
    sort: Annotated[Literal["newest", "deadline"], Query()] = "newest",
    cursor: Cursor = None,
    limit: Limit = 100,
) -> JSONResponse:
    """Assignments (issuer, addressee, action, deadline, sentence, status) of the matching articles."""
    if listing.q:
        raise BadParams([("q", "assignments cannot be filtered by words; use the other filters")])
    try:
        page = store_of(request).assignments(
            listing.filters, check_status(status), sort, _page_args(cursor), limit
        )
    except ValueError as exc:
        raise _bad_cursor(exc) from exc
    return JSONResponse({"items": page.items, "next_cursor": page.next_cursor})


@api_router.get("/events", tags=["connections"])
def events(
    request: Request, listing: ListingDep, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> JSONResponse:
    """Events (one meeting, reported by one or more articles in kk and ru), latest first."""
    if listing.q:
        raise BadParams([("q", "events cannot be filtered by words; use the other filters")])
    return JSONResponse({"items": store_of(request).events(listing.filters, limit)})


@api_router.get("/export", tags=["articles"])
def export(
    request: Request,
    listing: ListingDep,
    format: Annotated[Literal["jsonl", "csv", "parquet", "xlsx"], Query(description="file format")] = "jsonl",
) -> StreamingResponse:
    """Every matching article as a file, streamed: JSONL (whole records), CSV, Parquet or XLSX.

    Unlike the listings, an export keeps the syndicated copies (each with ``duplicate_of``) unless
    ``hide_copies=true`` is sent: it is the data, row for row."""
    from dataclasses import replace

    from zholdau.exporters import MEDIA_TYPES, export_chunks, iter_export

    filters = listing.filters
    if not copies_asked(request.query_params):
        filters = replace(filters, hide_copies=False)
    store = request.app.state.stores.fresh()  # the stream outlives this thread's turn

    def chunks() -> Iterator[bytes]:
        try:
            yield from export_chunks(iter_export(store, filters, listing.q), format)
        finally:
            store.close()

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return StreamingResponse(
        chunks(),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="zholdau-{stamp}.{format}"'},
    )


# --- writes ------------------------------------------------------------------------------------------


def require_token(request: Request) -> None:
    """Writes need the server's token; without one configured they are disabled."""
    token: str | None = request.app.state.token
    if not token:
        raise ApiError(
            403,
            f"writes are disabled on this server: start it with {TOKEN_ENV} set (or "
            "`zholdau serve --token ...`) to allow ingest and delete",
        )
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth.lower().startswith("bearer ") else request.headers.get("x-api-token", "")
    if not given:
        raise ApiError(
            401, "this endpoint needs the API token: send the header 'Authorization: Bearer <token>'"
        )
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise ApiError(403, "the API token is wrong")


WriteAuth = Annotated[None, Depends(require_token)]


@api_router.delete("/articles/{article_id}", tags=["write"])
def delete_article(
    request: Request,
    _auth: WriteAuth,
    article_id: Annotated[
        str, PathParam(pattern=r"^[0-9a-f]{16}$", description="the full id: 16 hex digits")
    ],
) -> JSONResponse:
    """Remove one article and everything indexed for it (needs the token)."""
    store = store_of(request)
    try:
        removed = store.delete(article_id)
    except NotImplementedError as exc:
        raise ApiError(501, str(exc)) from exc
    if not removed:
        raise ApiError(404, f"no article {article_id!r} to delete")
    return JSONResponse({"deleted": article_id})


@api_router.post(
    "/ingest",
    tags=["write"],
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-ndjson": {
                    "schema": {"type": "string"},
                    "example": '{"text": "...", "url": "https://...", "published": "2025-09-10"}\n',
                },
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                        },
                    }
                },
            }
        }
    },
)
async def ingest(
    request: Request,
    _auth: WriteAuth,
    source: Annotated[
        str | None, Query(max_length=200, description="name for a JSONL body in sources")
    ] = None,
) -> JSONResponse:
    """Ingest a JSONL body (one article per line: ``text``, optional ``url``, ``title``, ``published``,
    ``outlet``, ``author``) or files sent as multipart ``files`` (.txt .jsonl .html .warc(.gz)).

    Needs the token. Answers the counts, the ids of the articles read and every rejection with its
    message; 422 when nothing at all could be ingested.
    """
    from starlette.concurrency import run_in_threadpool

    settings: Settings = request.app.state.settings
    limit = settings.max_file_bytes
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise ApiError(
            413,
            f"the request has {length} bytes, more than the limit of {limit} "
            "(ZHOLDAU_MAX_FILE_BYTES): send fewer articles per request",
        )
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    uploads: list[tuple[str, bytes, str | None]] = []
    if ctype == "multipart/form-data":
        form = await request.form(max_files=1000, max_part_size=limit)
        for _key, value in form.multi_items():
            if isinstance(value, str):
                continue
            data = await value.read()
            if len(data) > limit:
                raise ApiError(413, f"file {value.filename!r} is over the limit of {limit} bytes")
            uploads.append((f"api/{stamp}/{Path(value.filename or 'upload').name}", data, None))
        if not uploads:
            raise ApiError(422, "no files in the form: send them as multipart fields named 'files'")
    elif ctype in JSONL_TYPES or not ctype:
        body = await request.body()
        if not body.strip():
            raise ApiError(
                422, "the body is empty: send JSONL (one JSON object with 'text' per line) or multipart files"
            )
        name = Path(source).name if source else f"body-{stamp}.jsonl"
        uploads.append((f"api/{name}", body, "jsonl"))
    else:
        raise ApiError(
            415,
            f"cannot ingest content type {ctype!r}: send JSONL (application/x-ndjson) or "
            "multipart/form-data files",
        )
    result = await run_in_threadpool(_run_ingest, request.app, uploads)
    if result["ingested"] == 0 and result["duplicates"] == 0:
        first = (
            result["rejections"][0]["message"] if result["rejections"] else "no article found in the input"
        )
        raise ApiError(422, f"nothing could be ingested: {first}", result=result)
    return JSONResponse(result)


def _run_ingest(app: FastAPI, uploads: list[tuple[str, bytes, str | None]]) -> dict[str, Any]:
    from zholdau.ingest import IngestReport, after_ingest, ingest_items
    from zholdau.model import Article, Rejection
    from zholdau.pipeline import Pipeline
    from zholdau.readers import read_bytes

    settings: Settings = app.state.settings
    # one ingest at a time: the pipeline is shared and the writes serialise in the store anyway
    with app.state.ingest_lock:
        if app.state.pipeline is None:
            app.state.pipeline = Pipeline(settings)
        store = app.state.stores.fresh()
        articles: list[dict[str, Any]] = []
        rejections: list[dict[str, Any]] = []

        def remember(item: Article | Rejection) -> None:
            if isinstance(item, Rejection):
                rejections.append({"source": item.source, "stage": item.stage, "message": item.message})
            else:
                articles.append(
                    {"id": item.id, "source": item.source, "title": item.get("title"), "lang": item.lang}
                )

        try:
            run_id = store.start_run([u[0] for u in uploads], dict(settings.describe()))
            report, status = IngestReport(run_id=run_id), "failed"
            docs = itertools.chain.from_iterable(
                read_bytes(data, name, settings, kind) for name, data, kind in uploads
            )
            try:
                report = ingest_items(app.state.pipeline.run(docs), store, settings, run_id, remember)
                after_ingest(store, settings, [a["id"] for a in articles])
                status = "done"
            finally:
                store.finish_run(run_id, report.counts(), status)
        finally:
            store.close()
    return {
        "run_id": run_id,
        "ingested": report.ingested,
        "duplicates": report.duplicates,
        "rejected": report.rejected,
        "articles": articles,
        "rejections": rejections,
    }


__all__ = ["ApiError", "create_app", "error_body", "require_token", "store_of"]
