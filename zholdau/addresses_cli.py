"""`zholdau addresses load-text / load-plan / instructions / link`: the instructions of each Address.

Thin: reads the file, calls :mod:`zholdau.instructions` and the store, prints the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

# the same options as the other commands (defined here: annotations are read from this module)
DbOpt = Annotated[str | None, typer.Option("--db", help="SQLite path or postgresql:// URL [env ZHOLDAU_DB]")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON")]


def _read(path: Path) -> bytes:
    from zholdau.cli import err

    try:
        return path.read_bytes()
    except OSError as exc:
        err.print(f"[red]error:[/] cannot read {path}: {exc.strerror or exc}; give the path of a file")
        raise typer.Exit(2) from exc


def _decode_text(data: bytes, path: Path) -> str:
    from zholdau.cli import err

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251", errors="replace")
    if not text.strip():
        err.print(f"[red]error:[/] {path} is empty; give the text of the Address (kk or ru) as a text file")
        raise typer.Exit(2)
    return text


def _check_address(address_id: str) -> None:
    from zholdau.cli import err
    from zholdau.knowledge import load_knowledge

    try:
        load_knowledge().address(address_id)
    except KeyError as exc:
        err.print(f"[red]error:[/] {exc.args[0]} (see `zholdau addresses` for the ids)")
        raise typer.Exit(2) from exc


def _relink(store: Any, address_id: str | None) -> dict[str, int]:
    from zholdau.instructions import link_stored

    return link_stored(store, address_id=address_id)


def _short(value: Any, n: int) -> str:
    text = str(value or "")
    return text if len(text) <= n else text[: n - 1] + "…"


def register(app: typer.Typer) -> None:
    """Add the instruction commands to `zholdau addresses` (``app`` is the main app; unused)."""
    from zholdau.cli import _dump, _settings, _store, addresses_app, console, err

    @addresses_app.command("load-text")
    def load_text(
        address_id: Annotated[
            str, typer.Argument(metavar="ID", help="Address id (delivery date), e.g. 2025-09-08")
        ],
        file: Annotated[Path, typer.Argument(help="the text of the Address, Kazakh or Russian (.txt)")],
        lang: Annotated[str | None, typer.Option(help="kk or ru (default: guessed from the letters)")] = None,
        as_json: JsonOpt = False,
        db: DbOpt = None,
    ) -> None:
        """Extract the President's instructions from the text of an Address and re-link stored articles."""
        from zholdau.instructions import extract_instructions, guess_lang

        if lang is not None and lang not in {"kk", "ru"}:
            err.print(f"[red]error:[/] --lang must be kk or ru, not {lang!r}")
            raise typer.Exit(2)
        _check_address(address_id)
        text = _decode_text(_read(file), file)
        lang = lang or guess_lang(text)
        items = extract_instructions(text, lang)
        if not items:
            err.print(
                f"[red]error:[/] no instruction found in {file} ({lang}): is it the text of an Address? "
                "(looked for 'поручаю', 'необходимо', 'тапсырамын', 'қажет', ...)"
            )
            raise typer.Exit(1)
        source = f"text-{lang}"
        store = _store(_settings(db))
        n = store.add_instructions(address_id, items, source)
        counts = _relink(store, address_id)
        store.close()
        _report(address_id, source, n, counts, items, as_json)

    @addresses_app.command("load-plan")
    def load_plan(
        address_id: Annotated[
            str, typer.Argument(metavar="ID", help="Address id (delivery date), e.g. 2025-09-08")
        ],
        file: Annotated[Path, typer.Argument(help="the national implementation plan as CSV")],
        as_json: JsonOpt = False,
        db: DbOpt = None,
    ) -> None:
        """Load a national implementation plan (№, measure, responsible, deadline) and re-link stored articles."""
        from zholdau.instructions import PlanError, parse_plan

        _check_address(address_id)
        try:
            items = parse_plan(_read(file), str(file))
        except PlanError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from exc
        source = f"plan-{items[0]['lang']}"
        store = _store(_settings(db))
        n = store.add_instructions(address_id, items, source)
        counts = _relink(store, address_id)
        store.close()
        _report(address_id, source, n, counts, items, as_json)

    def _report(
        address_id: str,
        source: str,
        n: int,
        counts: dict[str, int],
        items: list[dict[str, Any]],
        as_json: bool,
    ) -> None:
        if as_json:
            _dump({"address": address_id, "source": source, "items": n, "relinked": counts})
            return
        console.print(f"stored {n} items of Address {address_id} ({source})")
        console.print(
            f"re-linked {counts['articles']} stored articles of this Address: {counts['changed']} "
            f"changed, {counts['links']} links"
        )
        _table(items[:10], f"first {min(10, len(items))} of {n} items")

    def _table(items: list[dict[str, Any]], title: str, origin: bool = False) -> None:
        from rich.table import Table

        t = Table(title=title)
        widths = {"address": 10, "source": 7, "item": 4, "body": 12, "deadline": 10}
        for col in (("address", "source") if origin else ()) + ("item", "body", "deadline"):
            t.add_column(col, min_width=widths[col])
        t.add_column("text", min_width=20)
        for it in items:
            row = [str(it.get("address") or ""), str(it.get("source") or "")] if origin else []
            row += [
                str(it["item"]),
                _short(it.get("body"), 40),
                _short(it.get("deadline"), 30),
                _short(it["text"], 110),
            ]
            t.add_row(*row)
        console.print(t)

    @addresses_app.command("instructions")
    def instructions(
        address_id: Annotated[
            str | None, typer.Argument(metavar="[ID]", help="Address id (default: all)")
        ] = None,
        source: Annotated[str | None, typer.Option(help="text-ru, text-kk, plan-ru or plan-kk")] = None,
        as_json: JsonOpt = False,
        db: DbOpt = None,
    ) -> None:
        """List the stored instruction items of an Address (or of every Address)."""
        store = _store(_settings(db))
        items = store.instructions(address_id)
        store.close()
        if source:
            items = [it for it in items if it.get("source") == source]
        if as_json:
            _dump(items)
            return
        if not items:
            console.print(
                "no instructions stored"
                + (f" for {address_id}" if address_id else "")
                + ": load them with `zholdau addresses load-text ID FILE` or `load-plan ID FILE.csv`"
            )
            return
        _table(items, f"{len(items)} items", origin=True)

    @addresses_app.command("link")
    def link(
        address: Annotated[
            str | None, typer.Option("--address", help="only the articles of this Address")
        ] = None,
        as_json: JsonOpt = False,
        db: DbOpt = None,
    ) -> None:
        """Re-link stored articles to the instruction items of the Addresses they discuss."""
        if address:
            _check_address(address)
        store = _store(_settings(db))
        counts = _relink(store, address)
        store.close()
        if as_json:
            _dump(counts)
            return
        console.print(
            f"re-linked {counts['articles']} articles: {counts['changed']} changed, {counts['links']} links"
        )
