"""The command line: a thin layer that turns arguments into calls on the core and prints the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from zholdau.config import Settings, redact
from zholdau.errors import ZholdauError

app = typer.Typer(
    name="zholdau",
    help="Zholdau Monitor: a structured, searchable record of regional news about the President's Address.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="SQLite path or postgresql:// URL [env ZHOLDAU_DB]")]
RegionOpt = Annotated[str | None, typer.Option("--region", help="ISO 3166-2:KZ code, e.g. KZ-19")]
AddressOpt = Annotated[
    str | None, typer.Option("--address", help="Address id (delivery date), e.g. 2021-09-01")
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="kk, ru, mixed or other")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="published on or after YYYY-MM-DD")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="published on or before YYYY-MM-DD")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON")]
CopiesOpt = Annotated[
    bool,
    typer.Option(
        "--with-copies/--hide-copies",
        help="also list (and count) syndicated copies; by default one article per text, its copies named on it",
    ),
]


def _settings(db: str | None = None, **kw: Any) -> Settings:
    try:
        return Settings.load(db=db, **kw)
    except ZholdauError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


def _store(settings: Settings) -> Any:
    from zholdau.store import open_store

    try:
        return open_store(settings.db)
    except ZholdauError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


def _filters(
    region: str | None,
    address: str | None,
    lang: str | None,
    since: str | None,
    until: str | None,
    with_copies: bool = False,
) -> Any:
    from datetime import date

    from zholdau.store import Filters

    for name, value in (("--since", since), ("--until", until), ("--address", address)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError as exc:
                err.print(f"[red]error:[/] {name} must be a date YYYY-MM-DD, not {value!r}")
                raise typer.Exit(2) from exc
    if lang and lang not in {"kk", "ru", "mixed", "other"}:
        err.print(f"[red]error:[/] --lang must be kk, ru, mixed or other, not {lang!r}")
        raise typer.Exit(2)
    return Filters(
        region=region.upper() if region else None,
        address=address,
        lang=lang,
        since=since,
        until=until,
        hide_copies=not with_copies,
    )


def _dump(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files or folders: .txt .jsonl .html .warc(.gz)")],
    db: DbOpt = None,
    batch_size: Annotated[int | None, typer.Option(help="articles per transaction")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="processes: above 1, run on a local Dask cluster [env ZHOLDAU_WORKERS]"),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="use the Dask cluster at this scheduler, e.g. tcp://host:8786 [env ZHOLDAU_SCHEDULER]"
        ),
    ] = None,
) -> None:
    """Read, clean and analyse articles, and store them (re-running adds nothing new)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from zholdau.ingest import ingest_paths
    from zholdau.model import Rejection
    from zholdau.readers import count_inputs

    settings = _settings(db, batch_size=batch_size, workers=workers, scheduler=scheduler)
    store = _store(settings)
    total = count_inputs(paths)
    seen: set[str] = set()
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[now]}"),
        console=err,
        disable=quiet,
        transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=total or None, now="")

        def on_item(item: Any) -> None:
            base = item.source.split("#", 1)[0]
            if base not in seen:
                seen.add(base)
                progress.update(task, completed=min(len(seen), total or len(seen)), now=Path(base).name[:40])

        if settings.workers > 1 or settings.scheduler:
            from zholdau.distributed import ingest_distributed

            def on_partition(files: int, items: int) -> None:
                progress.update(
                    task, completed=min(files, total or files), now=f"{items} articles and rejections"
                )

            try:
                report = ingest_distributed(paths, store, settings, on_progress=on_partition)
            except ZholdauError as exc:
                err.print(f"[red]error:[/] {exc}")
                raise typer.Exit(2) from exc
        else:
            report = ingest_paths(paths, store, settings, on_item=on_item)
        progress.update(task, completed=total, now="")
    store.close()
    table = Table(title=f"ingest run {report.run_id} into {redact(settings.db)}", show_header=False)
    table.add_row("ingested (new)", f"[green]{report.ingested}")
    table.add_row("already stored (duplicates)", str(report.duplicates))
    table.add_row("rejected", f"[red]{report.rejected}" if report.rejected else "0")
    err.print(table)
    if report.ingested == 0 and report.duplicates:
        err.print("Nothing new: every article was already in the store.")
    for r in report.rejections[:20]:
        assert isinstance(r, Rejection)
        err.print(f"  [red]rejected[/] {r.source} [dim]({r.stage})[/]: {r.message}")
    shown = min(20, len(report.rejections))
    if report.rejected > shown:  # the report keeps the first rejections only: count from the total
        err.print(f"  … and {report.rejected - shown} more: see `zholdau rejections`")
    if report.ingested == 0 and report.duplicates == 0:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="words to find (any inflected form, kk or ru)")] = "",
    region: RegionOpt = None,
    address: AddressOpt = None,
    lang: LangOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 20,
    with_copies: CopiesOpt = False,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Full-text search with snippets; filters by region, Address, language and dates.

    One hit per text: a syndicated copy is not a hit of its own but listed on its original
    ("also published by"); --with-copies lists every copy as a hit.
    """
    store = _store(_settings(db))
    hits = store.search(query or None, _filters(region, address, lang, since, until, with_copies), limit)
    store.close()
    if as_json:
        _dump([h.to_dict() for h in hits])
        return
    if not hits:
        console.print("no articles found")
        return
    for h in hits:
        head = Text.assemble(
            (h.id, "bold cyan"),
            "  ",
            (h.published or "????-??-??", "yellow"),
            "  ",
            (h.lang or "?", "magenta"),
            "  ",
            (h.primary_region or "", "green"),
            "  ",
            (h.title or h.source, "bold"),
        )
        console.print(head)
        snip = Text()
        parts = h.snippet.split("<mark>")
        snip.append(parts[0])
        for part in parts[1:]:
            marked, _, rest = part.partition("</mark>")
            snip.append(marked, style="black on yellow")
            snip.append(rest)
        console.print(snip, style="dim")
        if h.extra.get("copies"):
            console.print(
                Text.assemble(
                    ("also published by: ", "dim"),
                    ", ".join(f"{c['outlet'] or c['source']} ({c['id']})" for c in h.extra["copies"]),
                )
            )
        console.print()


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="article id (or a unique prefix of 6+ chars)")],
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """One article: its fields and its text with the evidence of every extracted value highlighted."""
    from zholdau.show import render_article

    store = _store(_settings(db))
    item = store.get(article_id)
    store.close()
    if item is None:
        err.print(f"[red]error:[/] no article {article_id!r} (use `zholdau search` to find ids)")
        raise typer.Exit(1)
    if as_json:
        _dump({**item.record, "raw_text": item.raw_text})
        return
    render_article(console, item.record)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, parquet or xlsx")] = "jsonl",
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="file to write (default: stdout)")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help="only articles matching these words")
    ] = None,
    region: RegionOpt = None,
    address: AddressOpt = None,
    lang: LangOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    with_copies: Annotated[
        bool,
        typer.Option(
            "--with-copies/--hide-copies",
            help="keep syndicated copies (the default: an export has every article, copies with duplicate_of "
            "set); --hide-copies writes one article per text",
        ),
    ] = True,
    db: DbOpt = None,
) -> None:
    """Write the records (all fields, see docs/schema.md) as JSONL, CSV, Parquet or XLSX.

    Every matching article is written, syndicated copies included (their duplicate_of names the
    original), unless --hide-copies.
    """
    from zholdau.exporters import write_export

    if fmt not in {"jsonl", "csv", "parquet", "xlsx"}:
        err.print(f"[red]error:[/] --format must be jsonl, csv, parquet or xlsx, not {fmt!r}")
        raise typer.Exit(2)
    store = _store(_settings(db))
    filters = _filters(region, address, lang, since, until, with_copies)
    n = write_export(store, fmt, output, filters, query)
    store.close()
    err.print(f"exported {n} articles" + (f" to {output}" if output else ""))


@app.command()
def stats(with_copies: CopiesOpt = False, as_json: JsonOpt = False, db: DbOpt = None) -> None:
    """Counts per language, region, Address and year: one article per text (syndicated copies are
    counted apart, in "copies"), or every copy with --with-copies."""
    store = _store(_settings(db))
    s = store.stats(hide_copies=not with_copies)
    store.close()
    if as_json:
        _dump(s)
        return
    copies = f" (syndicated copies {'included' if with_copies else 'not counted'}: {s['copies']})"
    console.print(
        f"[bold]{s['articles']}[/] articles{copies}, {s['rejections']} rejections, {s['runs']} ingest runs"
    )
    for key, title in (
        ("by_lang", "language"),
        ("by_region", "primary region"),
        ("by_address", "Address"),
        ("by_year", "year"),
    ):
        t = Table(title=f"articles by {title}")
        t.add_column(title)
        t.add_column("articles", justify="right")
        for k, v in s[key].items():
            t.add_row(k, str(v))
        console.print(t)


@app.command()
def summary(db: DbOpt = None) -> None:
    """A table of articles per region and Address (what `make demo` shows)."""
    from zholdau.show import render_summary

    store = _store(_settings(db))
    render_summary(console, store.stats())
    store.close()


@app.command()
def rejections(as_json: JsonOpt = False, db: DbOpt = None) -> None:
    """Inputs that could not be ingested, with the stage and what to do."""
    store = _store(_settings(db))
    rows = store.rejections()
    store.close()
    if as_json:
        _dump(rows)
        return
    if not rows:
        console.print("no rejections")
        return
    t = Table(title=f"{len(rows)} rejections")
    for col in ("source", "stage", "message", "raw kept"):
        t.add_column(col, overflow="fold")
    for r in rows:
        kept = f"{r['raw_size']} bytes" if r["raw_size"] is not None else (r["raw_pointer"] or "-")
        t.add_row(r["source"], r["stage"], r["message"], kept)
    console.print(t)


@app.command()
def runs(as_json: JsonOpt = False, db: DbOpt = None) -> None:
    """The ingest runs recorded in the store."""
    store = _store(_settings(db))
    rows = store.runs()
    store.close()
    if as_json:
        _dump(rows)
        return
    t = Table(title="ingest runs")
    for col in ("id", "started", "status", "ingested", "duplicates", "rejected", "inputs"):
        t.add_column(col)
    for r in rows:
        t.add_row(
            str(r["id"]),
            r["started_at"],
            r["status"],
            str(r["ingested"]),
            str(r["duplicates"]),
            str(r["rejected"]),
            ", ".join(r["inputs"])[:60],
        )
    console.print(t)


@app.command()
def pipeline() -> None:
    """Print the pipeline stages in the order they run."""
    from zholdau.pipeline import Pipeline

    t = Table(title="zholdau pipeline")
    for col in ("#", "stage", "reads", "sets", "what it does"):
        t.add_column(col, overflow="fold")
    t.add_row(
        "0",
        "read",
        "files, folders",
        "raw documents / rejections",
        "txt (encoding detection), JSONL, HTML (trafilatura), WARC",
    )
    stages = Pipeline(Settings.load()).describe()
    for i, (name, reads, sets, doc) in enumerate(stages, 1):
        t.add_row(str(i), name, reads, sets, doc)
    t.add_row(
        str(len(stages) + 1),
        "after_ingest",
        "the store",
        "instructions, duplicate_of, event_id, follow-ups",
        "link to Address instructions; copies, events, assignment follow-ups (zholdau/ingest.py)",
    )
    console.print(t)


@app.command()
def settings() -> None:
    """Print the settings in force (flags > ZHOLDAU_* environment > defaults)."""
    for k, v in _settings().describe():
        console.print(f"{k:16} {v}")


@app.command("eval")
def eval_(
    gold: Annotated[
        Path, typer.Argument(help="gold JSONL (same fields as the export, matched by source basename)")
    ],
    db: DbOpt = None,
    fields: Annotated[str | None, typer.Option(help="comma-separated fields to score (default: all)")] = None,
    misses: Annotated[int, typer.Option(help="misses to print per field")] = 5,
    as_json: JsonOpt = False,
) -> None:
    """Per-field precision / recall / F1 of the store against a gold file, with the misses."""
    from zholdau.evaluation import evaluate, load_gold

    try:
        rows = load_gold(gold)
    except (OSError, ValueError) as exc:
        err.print(f"[red]error:[/] cannot read gold file: {exc}")
        raise typer.Exit(2) from exc
    store = _store(_settings(db))
    report = evaluate(rows, store.iter_records(), fields.split(",") if fields else None)
    store.close()
    if as_json:
        _dump(report.to_dict())
        return
    console.print(f"gold articles: {report.gold_total}, found in the store: {report.matched}")
    for src in report.unmatched_gold[:misses]:
        console.print(f"  [red]not in store:[/] {src}")
    t = Table("field", "precision", "recall", "F1", "tp", "fp", "fn", title="extraction quality")
    for f in report.fields:
        colour = "green" if f.f1 >= 0.9 else "yellow" if f.f1 >= 0.7 else "red"
        t.add_row(
            f.name,
            f"{f.precision:.3f}",
            f"{f.recall:.3f}",
            f"[{colour}]{f.f1:.3f}",
            str(f.tp),
            str(f.fp),
            str(f.fn),
        )
    console.print(t)
    for f in report.fields:
        for m in f.misses[:misses]:
            console.print(f"  [dim]{f.name}[/] {m}")


addresses_app = typer.Typer(
    help="The Addresses in the knowledge base (and their instructions).",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(addresses_app, name="addresses")


@addresses_app.callback()
def addresses_list(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    lang: Annotated[str, typer.Option(help="title language: ru, kk or en")] = "ru",
) -> None:
    """List every Address (id = delivery date) with its title and president."""
    if ctx.invoked_subcommand is not None:
        return
    from zholdau.knowledge import load_knowledge

    kb = load_knowledge()
    if as_json:
        _dump(
            [
                {
                    "id": a.id,
                    "president": a.president,
                    "title_ru": a.title_ru,
                    "title_kk": a.title_kk,
                    "title_en": a.title_en,
                    "aliases_ru": list(a.aliases_ru),
                    "aliases_kk": list(a.aliases_kk),
                    "programmes": list(a.programmes),
                    "verified": a.verified,
                }
                for a in kb.addresses
            ]
        )
        return
    t = Table("id", "president", "title", title=f"{len(kb.addresses)} Addresses")
    for a in kb.addresses:
        title = {"kk": a.title_kk, "en": a.title_en}.get(lang) or a.title_ru
        t.add_row(a.id, a.president, title + ("" if a.verified else " [dim](unverified)[/]"))
    console.print(t)


@app.command()
def regions(
    as_json: JsonOpt = False,
    on: Annotated[str | None, typer.Option(help="regions in force on this date (YYYY-MM-DD)")] = None,
) -> None:
    """List the regions (ISO 3166-2:KZ) in force on a date, with names, centres and history."""
    from datetime import date

    from zholdau.knowledge import load_knowledge

    kb = load_knowledge()
    try:
        when = date.fromisoformat(on) if on else date.today()
    except ValueError as exc:
        err.print(f"[red]error:[/] --on must be a date YYYY-MM-DD, not {on!r}")
        raise typer.Exit(2) from exc
    rows = sorted(kb.regions_valid_on(when), key=lambda r: r.code)
    places = {p.id: p for p in kb.places}
    if as_json:
        _dump(
            [
                {
                    "code": r.code,
                    "id": r.id,
                    "kind": r.kind,
                    "name_kk": r.name_kk,
                    "name_ru": r.name_ru,
                    "name_en": r.name_en,
                    "centre": r.centre_on(when),
                    "valid_from": r.period.valid_from,
                    "valid_to": r.period.valid_to,
                    "predecessors": list(r.predecessors),
                    "successors": list(r.successors),
                    "places": sorted(
                        {p.id for p in kb.places if p.region == r.code and p.period.contains(when)}
                    ),
                }
                for r in rows
            ]
        )
        return
    t = Table("code", "kk", "ru", "en", "centre", "since", "places", title=f"{len(rows)} regions on {when}")
    for r in rows:
        centre = r.centre_on(when)
        n = len({p.id for p in kb.places if p.region == r.code and p.period.contains(when)})
        t.add_row(
            r.code,
            r.name_kk,
            r.name_ru,
            r.name_en,
            places[centre].name_ru if centre in places else "",
            str(r.period.valid_from or ""),
            str(n),
        )
    console.print(t)


# --- command registrations: each feature module adds its commands to `app` here, one line each ---
# (a module exposes `register(app: typer.Typer) -> None`; keep them lazy: heavy imports inside commands)
from zholdau.addresses_cli import register as _reg_addresses_cli  # noqa: E402
from zholdau.connect_cli import register as _reg_connect_cli  # noqa: E402
from zholdau.crawl_cli import register as _reg_crawl_cli  # noqa: E402
from zholdau.serve import register as _reg_serve  # noqa: E402
from zholdau.synth_cli import register as _reg_synth_cli  # noqa: E402

for _register in (_reg_addresses_cli, _reg_serve, _reg_crawl_cli, _reg_synth_cli, _reg_connect_cli):
    _register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
