"""`zholdau sources`, `zholdau crawl`, `zholdau watch`: live collection from the command line.

Thin: resolves the sources, builds the options from flags and settings, runs :mod:`zholdau.crawl`
and prints what happened. Ctrl-C (or SIGTERM) stops a crawl after the pages in flight are stored;
the next crawl goes on from there.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from zholdau.crawl.crawler import CrawlOptions, CrawlReport
    from zholdau.crawl.sources import Source

DbOpt = Annotated[str | None, typer.Option("--db", help="SQLite path or postgresql:// URL [env ZHOLDAU_DB]")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON")]
SourcesArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="SOURCE",
        help="registered source ids (see `zholdau sources`) or URLs of sites, feeds or sitemaps; none: every "
        "registered source",
        show_default=False,
    ),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="only articles published on or after YYYY-MM-DD")
]
MaxPagesOpt = Annotated[int | None, typer.Option("--max-pages", min=0, help="fetch at most N article pages")]
WarcOpt = Annotated[
    Path | None,
    typer.Option(
        "--warc",
        help="keep the raw responses as WARC in this folder "
        "(re-read later with `zholdau ingest DIR/*.warc.gz`)",
    ),
]
DelayOpt = Annotated[
    float | None,
    typer.Option("--delay", min=0.0, help="seconds between requests to one host [env ZHOLDAU_CRAWL_DELAY]"),
]
RefreshOpt = Annotated[
    bool,
    typer.Option(
        "--refresh",
        help="read feeds and sitemaps whole (no conditional GET), "
        "e.g. after an earlier crawl with a later --since",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="no line per page")]


def _fail(message: str) -> typer.Exit:
    from zholdau.cli import err

    err.print(f"[red]error:[/] {message}")
    return typer.Exit(2)


def _setup(db: str | None, delay: float | None) -> tuple[Any, list[Source]]:
    from zholdau.cli import _settings
    from zholdau.crawl.sources import load_sources
    from zholdau.errors import ZholdauError

    settings = _settings(db, crawl_delay=delay)
    try:
        registry = load_sources(settings.sources_file)
    except ZholdauError as exc:
        raise _fail(str(exc)) from exc
    return settings, registry


def _chosen(names: list[str] | None, registry: list[Source]) -> list[Source]:
    from zholdau.crawl.sources import resolve
    from zholdau.errors import ZholdauError

    try:
        return resolve(names, registry) if names else list(registry)
    except ZholdauError as exc:
        raise _fail(str(exc)) from exc


def _options(since: str | None, max_pages: int | None, warc: Path | None, refresh: bool) -> CrawlOptions:
    from zholdau.crawl.crawler import CrawlOptions

    day = None
    if since:
        try:
            day = date.fromisoformat(since)
        except ValueError as exc:
            raise _fail(f"--since must be a date YYYY-MM-DD, not {since!r}") from exc
    return CrawlOptions(since=day, max_pages=max_pages, warc_dir=warc, refresh=refresh, processes=True)


@contextlib.contextmanager
def _stop_on_signals(stop: asyncio.Event, loop: asyncio.AbstractEventLoop) -> Iterator[None]:
    """The first Ctrl-C / SIGTERM stops the crawl cleanly; a second one kills it."""
    from zholdau.cli import err

    def first() -> None:
        err.print("[yellow]stopping after the pages in flight (Ctrl-C again to kill)…[/]")
        stop.set()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)

    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows, not in a thread
            loop.add_signal_handler(sig, first)
            installed.append(sig)
    try:
        yield
    finally:
        for sig in installed:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)


def _page_printer(quiet: bool) -> Any:
    from zholdau.cli import err

    colours = {"article": "green", "duplicate": "cyan", "alias": "cyan", "old": "dim", "retry": "yellow"}

    def show(item: Any, outcome: str) -> None:
        if not quiet:
            err.print(
                f"  [{colours.get(outcome, 'red')}]{outcome:9}[/] {item.final_url or item.url}",
                highlight=False,
                soft_wrap=True,
            )

    return show


def _print_report(report: CrawlReport, db: str) -> None:
    from rich.table import Table

    from zholdau.cli import err

    table = Table(title=f"crawl run {report.run_id} into {db} ({report.seconds:.1f} s)", show_header=False)
    rows = [
        ("feeds and sitemaps read", f"{report.documents} ({report.not_modified} unchanged)"),
        ("new article URLs found", str(report.discovered)),
        ("pages fetched", str(report.fetched)),
        ("articles stored (new)", f"[green]{report.articles}"),
        ("already stored / other URL of one", f"{report.duplicates} / {report.aliases}"),
        ("refused by robots.txt", str(report.blocked)),
        ("to retry in a later crawl", str(report.retry_later)),
        ("published before --since", str(report.old)),
        ("rejected", f"[red]{report.rejected}" if report.rejected else "0"),
        ("HTTP requests", str(report.requests)),
    ]
    for k, v in rows:
        table.add_row(k, v)
    if report.warc:
        table.add_row("raw responses (WARC)", report.warc)
    err.print(table)
    for r in report.rejections[:20]:
        err.print(f"  [red]rejected[/] {r.source} [dim]({r.stage})[/]: {r.message}", highlight=False)
    if len(report.rejections) > 20:
        err.print(f"  … and {len(report.rejections) - 20} more: see `zholdau rejections`")
    if report.stopped:
        err.print("[yellow]stopped early[/]: run the same command again to go on")
    elif report.fetched == 0 and report.discovered == 0:
        err.print("Nothing new: every article the feeds and sitemaps list was already fetched.")


def register(app: typer.Typer) -> None:
    """Add the `sources`, `crawl` and `watch` commands to the app."""

    @app.command()
    def sources(
        region: Annotated[str | None, typer.Option("--region", help="ISO 3166-2:KZ code, e.g. KZ-15")] = None,
        lang: Annotated[str | None, typer.Option("--lang", help="kk, ru or en")] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The sites `zholdau crawl` knows (the registry and your ZHOLDAU_SOURCES_FILE)."""
        from rich.table import Table

        from zholdau.cli import _dump, console

        _, registry = _setup(None, None)
        chosen = [
            s
            for s in registry
            if (not region or s.home_region == region.upper()) and (not lang or lang in s.languages)
        ]
        if as_json:
            _dump([s.to_dict() for s in chosen])
            return
        table = Table(title=f"{len(chosen)} sources")
        table.add_column("id", no_wrap=True)
        for col in ("region", "lang"):
            table.add_column(col, no_wrap=True)
        table.add_column("site", overflow="fold")
        table.add_column("feeds/sitemaps")
        table.add_column("verified")
        for s in chosen:
            found = f"{len(s.feeds)}/{len(s.sitemaps)}" if s.feeds or s.sitemaps else "discover"
            table.add_row(
                s.id,
                s.home_region or "national",
                ",".join(s.languages),
                s.site,
                found,
                "yes" if s.verified else "[yellow]no[/]",
            )
        console.print(table)

    @app.command()
    def crawl(
        names: SourcesArg = None,
        db: DbOpt = None,
        since: SinceOpt = None,
        max_pages: MaxPagesOpt = None,
        warc: WarcOpt = None,
        delay: DelayOpt = None,
        refresh: RefreshOpt = False,
        quiet: QuietOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Collect new articles from sites: feeds and sitemaps → pages → pipeline → store (polite, resumable)."""
        from zholdau.cli import _dump, _store, err
        from zholdau.crawl.crawler import crawl as run_crawl

        settings, registry = _setup(db, delay)
        chosen = _chosen(names, registry)
        options = _options(since, max_pages, warc, refresh)
        if not settings.crawl_contact:
            err.print(
                "[yellow]note:[/] set ZHOLDAU_CRAWL_CONTACT to a URL or e-mail where site owners can reach "
                "you; it goes into the User-Agent"
            )
        store = _store(settings)

        async def main() -> CrawlReport:
            stop = asyncio.Event()
            with _stop_on_signals(stop, asyncio.get_running_loop()):
                return await run_crawl(
                    chosen, store, settings, options, on_page=_page_printer(quiet or as_json), stop=stop
                )

        try:
            report = asyncio.run(main())
        finally:
            store.close()
        if as_json:
            _dump(report.to_dict())
        else:
            _print_report(report, settings.db)

    @app.command()
    def watch(
        names: SourcesArg = None,
        interval: Annotated[
            str, typer.Option("--interval", help="time between crawls: 30s, 15m, 2h, 1d")
        ] = "15m",
        rounds: Annotated[int | None, typer.Option("--rounds", min=1, help="stop after N crawls")] = None,
        db: DbOpt = None,
        since: SinceOpt = None,
        max_pages: MaxPagesOpt = None,
        warc: WarcOpt = None,
        delay: DelayOpt = None,
        quiet: QuietOpt = False,
    ) -> None:
        """Crawl every --interval until stopped; each new article is searchable seconds after its fetch."""
        from zholdau.cli import _store, err
        from zholdau.crawl.watch import parse_interval
        from zholdau.crawl.watch import watch as run_watch

        try:
            seconds = parse_interval(interval)
        except ValueError as exc:
            raise _fail(str(exc)) from exc
        settings, registry = _setup(db, delay)
        chosen = _chosen(names, registry)
        options = _options(since, max_pages, warc, False)
        store = _store(settings)

        def after(n: int, report: CrawlReport) -> None:
            _print_report(report, settings.db)
            if rounds is None or n < rounds:
                err.print(f"next crawl in {interval} (Ctrl-C to stop)")

        async def main() -> None:
            stop = asyncio.Event()
            with _stop_on_signals(stop, asyncio.get_running_loop()):
                await run_watch(
                    chosen,
                    store,
                    settings,
                    options,
                    seconds,
                    rounds=rounds,
                    stop=stop,
                    on_round=after,
                    on_page=_page_printer(quiet),
                )

        try:
            asyncio.run(main())
        finally:
            store.close()
