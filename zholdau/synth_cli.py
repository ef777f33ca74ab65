"""``zholdau synth``: write a synthetic corpus with its gold (see :mod:`zholdau.synth`)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``synth`` command to the CLI."""
    app.command("synth")(synth)


def synth(
    n: Annotated[int, typer.Option("--n", min=0, help="articles to write (malformed inputs come on top)")],
    output: Annotated[
        str, typer.Option("-o", "--output", help="folder to write: corpus/, gold.jsonl, manifest.json")
    ],
    seed: Annotated[int, typer.Option(help="the same seed writes the same files")] = 7,
    malformed_rate: Annotated[
        float,
        typer.Option(
            min=0.0, max=0.49, help="share of malformed inputs: empty files, binary junk, broken JSONL lines"
        ),
    ] = 0.01,
    workers: Annotated[int | None, typer.Option(min=1, help="processes (default: one per CPU)")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
) -> None:
    """Write N realistic kk/ru articles about the Address (txt, JSONL, HTML) and the gold for every field."""
    from pathlib import Path

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from zholdau.synth import generate

    err = Console(stderr=True)
    out = Path(output)
    if out.exists() and not out.is_dir():
        err.print(f"[red]error:[/] {output} is a file: give a folder to write the corpus into")
        raise typer.Exit(2)
    if (out / "corpus").exists() and any((out / "corpus").iterdir()):
        err.print(
            f"[red]error:[/] {output}/corpus is not empty: choose a new folder, or delete it first "
            "(a mix of two corpora would not match the gold)"
        )
        raise typer.Exit(2)
    with Progress(
        TextColumn("[bold]synth"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
    ) as progress:
        task = progress.add_task("synth", total=n)
        try:
            report = generate(
                n,
                out,
                seed=seed,
                malformed_rate=malformed_rate,
                workers=workers,
                on_progress=lambda done: progress.update(task, completed=done),
            )
        except OSError as exc:
            err.print(f"[red]error:[/] cannot write to {output}: {exc.strerror or exc}")
            raise typer.Exit(2) from exc
    t = Table(title=f"synthetic corpus in {output} (seed {seed})", show_header=False)
    t.add_row("articles", str(report.articles))
    t.add_row("files", str(report.files))
    t.add_row("formats", ", ".join(f"{k} {v}" for k, v in sorted(report.by_format.items())))
    t.add_row("languages", ", ".join(f"{k} {v}" for k, v in sorted(report.by_lang.items())))
    t.add_row("kinds", ", ".join(f"{k} {v}" for k, v in sorted(report.by_kind.items())))
    t.add_row("malformed (expected rejections)", str(sum(report.malformed.values())))
    t.add_row("seconds", f"{report.seconds:.1f}")
    err.print(t)
    err.print(
        f"Ingest it with `zholdau ingest {out / 'corpus'}`, score it with "
        f"`zholdau eval {out / 'gold.jsonl'}`."
    )
