"""`zholdau connect / events / assignments / officials / figures`: the connected record.

Thin: options → :mod:`zholdau.connect` and the store → a table or JSON.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

DbOpt = Annotated[str | None, typer.Option("--db", help="SQLite path or postgresql:// URL [env ZHOLDAU_DB]")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON")]
RegionOpt = Annotated[str | None, typer.Option("--region", help="ISO 3166-2:KZ code, e.g. KZ-55")]
AddressOpt = Annotated[
    str | None, typer.Option("--address", help="Address id (delivery date), e.g. 2021-09-01")
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="published on or after YYYY-MM-DD")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="published on or before YYYY-MM-DD")]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, max=100_000, help="rows to show at most")]

# what users type → the stored status
_STATUS_WORDS = {
    "assigned": "assigned",
    "open": "assigned",
    "in_progress": "in_progress",
    "in progress": "in_progress",
    "in-progress": "in_progress",
    "progress": "in_progress",
    "done": "done",
    "reported done": "done",
    "reported_done": "done",
    "overdue": "overdue",
}


def _dump(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _open(db: str | None) -> Any:
    from zholdau.cli import _settings, _store

    settings = _settings(db)
    return settings, _store(settings)


def _filters(region: str | None, address: str | None, since: str | None, until: str | None) -> Any:
    from zholdau.cli import _filters as filters

    return filters(region, address, None, since, until)


def _unsupported(store: Any, exc: NotImplementedError) -> typer.Exit:
    from zholdau.cli import err

    err.print(
        f"[red]error:[/] {exc}: the connected record needs the SQLite store (or a backend that "
        f"implements the connect methods); {store.url} cannot"
    )
    return typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add the connect commands to the ``zholdau`` app."""
    app.command("connect")(connect)
    app.command("events")(events)
    app.command("assignments")(assignments)
    app.command("officials")(officials)
    app.command("figures")(figures)


def connect(
    recompute: Annotated[
        bool, typer.Option("--recompute", help="forget every result and connect all articles again")
    ] = False,
    embeddings: Annotated[str | None, typer.Option(help="auto, on or off [env ZHOLDAU_EMBEDDINGS]")] = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Link syndicated copies, events (kk and ru reports of one meeting) and assignment follow-ups.

    Ingest does this for the new articles; run it to catch up (articles not yet connected) or with
    --recompute after changing the rules or the extractors.
    """
    from zholdau.cli import _settings, _store, err
    from zholdau.connect import connect_store
    from zholdau.connect.embedding import EmbeddingUnavailable

    settings = _settings(db, embeddings=embeddings)
    store = _store(settings)
    try:
        report = connect_store(store, settings.today, recompute=recompute, embeddings=settings.embeddings)
    except NotImplementedError as exc:
        raise _unsupported(store, exc) from exc
    except EmbeddingUnavailable as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if as_json:
        _dump(report.to_dict())
        return
    from zholdau.cli import console

    console.print(
        f"connected {report.articles} articles in {report.seconds:.1f} s: {report.copies} copies, "
        f"{report.events_opened} events opened, {report.events_joined} reports joined an event, "
        f"{report.links} follow-up links, {report.embeddings} embeddings"
        + (f" ({report.embedder})" if report.embedder else " (facts only: no embedding model)")
    )
    if report.statuses:
        console.print(
            "assignment statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(report.statuses.items()))
        )


def events(
    region: RegionOpt = None,
    address: AddressOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 200,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Events (one meeting each) with their articles and languages, latest first."""
    from dataclasses import replace

    from rich.table import Table

    from zholdau.cli import console

    _, store = _open(db)
    # every report of an event, syndicated copies too (marked "(copy)" below)
    rows = store.events(replace(_filters(region, address, since, until), hide_copies=False), limit)
    copies = _copies_of(store, [i["id"] for r in rows for i in r["items"]])
    store.close()
    for r in rows:
        for item in r["items"]:
            item["duplicate_of"] = copies.get(item["id"])
    if as_json:
        _dump(rows)
        return
    if not rows:
        console.print("no events (ingest articles, or run `zholdau connect`)")
        return
    t = Table("event", "dates", "region", "langs", "articles", title=f"{len(rows)} events")
    for r in rows:
        dates = r["first"] if r["first"] == r["last"] else f"{r['first']} … {r['last']}"
        lines = [
            f"{i['published'] or '????-??-??'} {i['lang'] or '?'} {i['id'][:10]} {i['title'] or ''}"
            + (" [dim](copy)[/]" if i.get("duplicate_of") else "")
            for i in r["items"]
        ]
        t.add_row(
            r["event_id"], dates or "", ", ".join(r["regions"]), ", ".join(r["langs"]), "\n".join(lines)
        )
    console.print(t)


def _copies_of(store: Any, ids: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for i in ids:
        got = store.get(i)
        out[i] = got.record.get("duplicate_of") if got else None
    return out


def assignments(
    region: RegionOpt = None,
    address: AddressOpt = None,
    status: Annotated[str | None, typer.Option(help="assigned, in_progress, done or overdue")] = None,
    sort: Annotated[str, typer.Option(help="newest or deadline")] = "newest",
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 100,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Assignments with their deadline, status and the articles that report on them."""
    from rich.table import Table

    from zholdau.cli import console, err

    wanted = None
    if status:
        wanted = _STATUS_WORDS.get(status.strip().lower())
        if wanted is None:
            err.print(
                f"[red]error:[/] --status must be assigned, in_progress, done or overdue, not {status!r}"
            )
            raise typer.Exit(2)
    if sort not in {"newest", "deadline"}:
        err.print(f"[red]error:[/] --sort must be newest or deadline, not {sort!r}")
        raise typer.Exit(2)
    _, store = _open(db)
    filters = _filters(region, address, since, until)
    from dataclasses import replace

    page = store.assignments(replace(filters, hide_copies=True), wanted, sort, None, limit)
    rows = page.items
    for row in rows:
        got = store.get(row["article_id"])
        items = (got.record.get("assignments") or []) if got else []
        item = (
            items[row["index"]] if row["index"] < len(items) and isinstance(items[row["index"]], dict) else {}
        )
        row["followed_up_by"] = item.get("followed_up_by") or []
    store.close()
    if as_json:
        _dump(rows)
        return
    if not rows:
        console.print("no assignments found")
        return
    colour = {"done": "green", "overdue": "red", "in_progress": "yellow", "assigned": "cyan"}
    t = Table(
        "article",
        "region",
        "issuer → addressee",
        "action",
        "deadline",
        "status",
        "reports",
        title=f"{len(rows)} assignments",
    )
    for r in rows:
        st = r.get("status") or "?"
        t.add_row(
            f"{r['published'] or '????-??-??'}\n{r['article_id'][:10]}",
            r.get("primary_region") or "",
            f"{r.get('issuer') or '?'} → {r.get('addressee') or '?'}",
            r.get("action") or r.get("sentence") or "",
            r.get("deadline") or "",
            f"[{colour.get(st, 'white')}]{st}[/]",
            "\n".join(x[:10] for x in r["followed_up_by"]),
        )
    console.print(t)


def officials(
    region: RegionOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    name: Annotated[
        str | None, typer.Option(help="only people whose name contains this (any spelling)")
    ] = None,
    limit: LimitOpt = 200,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Officials over time: person ↔ post ↔ region, first and last seen, kk/ru spellings merged."""
    from rich.table import Table

    from zholdau.cli import console
    from zholdau.connect.features import person_key

    _, store = _open(db)
    try:
        rows = store.officials_register(_filters(region, None, since, until), limit if not name else 100_000)
    except NotImplementedError as exc:
        raise _unsupported(store, exc) from exc
    finally:
        store.close()
    if name:
        key = person_key(name)
        rows = [r for r in rows if key and key in r["person"]][:limit]
    if as_json:
        _dump(rows)
        return
    if not rows:
        console.print("no officials found")
        return
    t = Table(
        "name (spellings)",
        "post",
        "region",
        "level",
        "first seen",
        "last seen",
        "articles",
        title=f"{len(rows)} officials",
    )
    for r in rows:
        t.add_row(
            " / ".join(r["names"]),
            " / ".join(r["posts"]) or (r["post_key"] or ""),
            r["region"] or "",
            r["level"] or "",
            r["first_seen"] or "",
            r["last_seen"] or "",
            str(r["articles"]),
        )
    console.print(t)


def figures(
    region: RegionOpt = None,
    measure: Annotated[str | None, typer.Option(help="only this measure, e.g. school, village, road")] = None,
    reported: Annotated[bool, typer.Option("--reported", help="only promises with a later report")] = False,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Promised vs reported figures: a plan and the later figure for the same thing in the same region."""
    from rich.table import Table

    from zholdau.cli import console
    from zholdau.connect.registers import pair_figures

    _, store = _open(db)
    try:
        facts = store.figure_facts(_filters(region, None, None, None))
    except NotImplementedError as exc:
        raise _unsupported(store, exc) from exc
    finally:
        store.close()
    rows = [
        r
        for r in pair_figures(facts)
        if (measure is None or r["measure"] == measure) and (not reported or r["reported"])
    ]
    if as_json:
        _dump(rows)
        return
    if not rows:
        console.print("no promised figures found")
        return
    t = Table("region", "measure", "promised", "reported", "ratio", title=f"{len(rows)} promised figures")
    for r in rows:
        p, q = r["promised"], r["reported"]
        t.add_row(
            r["region"],
            f"{r['measure']} ({r['unit']})",
            f"{p['text']}\n[dim]{p['published']} {p['article_id'][:10]}[/]",
            f"{q['text']}\n[dim]{q['published']} {q['article_id'][:10]}[/]"
            if q
            else "[dim]not reported yet[/]",
            f"{r['ratio']:.2f}" if r["ratio"] is not None else "",
        )
    console.print(t)
