"""The ``faa-flere`` command: a thin layer over the library."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from . import __version__, build_pack
from .batch import Outcome, discover, parse_shard, run_batch, select_shard, summary_rows
from .build import load
from .calibrate import write_calibration
from .catalogue import BY_ID
from .errors import FaaFlereError, display_path
from .imposition import Duplex
from .listing import material_items
from .profiles import Paper, PrintSettings, Profile, parse_offset
from .scaffold import new_area as scaffold_area

app = typer.Typer(
    help="Print-ready «Få flere på banen» materials: poster, jigsaw pieces, cards, worksheets, manual.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EDITION_ARGUMENT = typer.Argument(
    help="An edition folder with an area.yaml, e.g. areas/tingbjerg. Without it: the official pack.",
    show_default=False,
)
MATERIALS_OPTION = typer.Option(
    "--materials",
    help="Read the official content from this folder instead of materials/ (a copy being edited).",
    file_okay=False,
)


class _EchoWarnings(logging.Handler):
    """Shows the library's warnings (e.g. text that does not fit, with --no-strict) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.secho(record.getMessage(), fg=typer.colors.YELLOW, err=True)


@contextlib.contextmanager
def _warnings_shown() -> Iterator[None]:
    handler = _EchoWarnings(logging.WARNING)
    logger = logging.getLogger("faa_flere")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _fail(error: FaaFlereError) -> None:
    typer.secho(str(error), fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"faa-flere {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show what is being rendered.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Build the «Få flere på banen» pack, official or for a housing area."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    # Warnings reach the user through _warnings_shown, not twice through the root logger.
    logging.getLogger("faa_flere").propagate = verbose
    if not verbose:
        # The builder collects WeasyPrint's warnings and reports them as errors or warnings.
        logging.getLogger("weasyprint").propagate = False


PAPER_OPTION = typer.Option("--paper", help="Sheet size for the office printer: a4 or letter.")
DUPLEX_OPTION = typer.Option(
    "--duplex", help="How the printer turns the sheet for the card backs: long (edge), short (edge) or none."
)
OFFSET_OPTION = typer.Option(
    "--back-offset",
    metavar="X,Y",
    help="Shift the card backs by X,Y mm to correct a printer's drift (see calibrate).",
)


@app.command()
def build(
    edition: Annotated[Path | None, EDITION_ARGUMENT] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Folder for the PDFs. Default: out/official or out/<edition folder>."
        ),
    ] = None,
    profile: Annotated[
        Profile,
        typer.Option(
            "--profile",
            help="home: office printer; shop: print shop (bleed, marks, PDF/X-4); screen: fillable, tagged.",
        ),
    ] = "home",
    paper: Annotated[Paper, PAPER_OPTION] = "a4",
    duplex: Annotated[Duplex, DUPLEX_OPTION] = "long",
    back_offset: Annotated[str, OFFSET_OPTION] = "0,0",
    output_profile: Annotated[
        Path | None,
        typer.Option(
            "--output-profile", help="The print shop's CMYK ICC profile (shop profile).", dir_okay=False
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict/--no-strict", help="Fail the build when text does not fit its box.")
    ] = True,
    materials: Annotated[Path | None, MATERIALS_OPTION] = None,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", help="Build the official pack and every edition in the folder given (default: areas/)."
        ),
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="With --all: packs built at once (default: the cores).")
    ] = os.cpu_count() or 1,
    shard: Annotated[
        str | None,
        typer.Option("--shard", metavar="K/N", help="With --all: build only the K-th of N slices."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="With --all: build everything, changed or not.")
    ] = False,
) -> None:
    """Build a pack: one PDF per material and the combined pack. With --all, many packs."""
    started = time.perf_counter()
    try:
        settings = PrintSettings(profile, paper, duplex, parse_offset(back_offset), output_profile, strict)
        if all_:
            slice_ = parse_shard(shard) if shard else None
            _build_all(edition or Path("areas"), out or Path("out"), settings, jobs, slice_, force)
            return
        with _warnings_shown():
            result = build_pack(edition, out, materials_dir=materials, settings=settings)
    except FaaFlereError as e:
        _fail(e)
    for document in result.documents:
        typer.echo(f"  {document.filename:<48} {document.pages:>3} sider")
    seconds = time.perf_counter() - started
    typer.echo(f"{len(result.documents)} PDF-filer i {display_path(result.out_dir)}/ ({seconds:.1f} s)")


def _build_all(
    areas: Path, root: Path, settings: PrintSettings, jobs: int, shard: tuple[int, int] | None, force: bool
) -> None:
    started = time.perf_counter()
    tasks = select_shard(discover(areas), shard)
    # A progress bar on a terminal; in CI logs only the summary.
    live = sys.stderr.isatty()
    bar = typer.progressbar(length=len(tasks), label="Bygger pakker", file=sys.stderr)

    def done(outcome: Outcome) -> None:
        if live:
            bar.label = f"{outcome.name:<20}"
            bar.update(1)

    with bar if live else contextlib.nullcontext():
        outcomes = run_batch(areas, root, settings, jobs=jobs, force=force, on_done=done, tasks=tasks)
    rows = summary_rows(outcomes)
    typer.echo(f"{'udgave':<24} {'dokumenter':>10} {'sider':>6} {'sekunder':>9}  status")
    for row in rows:
        status = {"built": "bygget", "unchanged": "uændret", "failed": "FEJL"}[row["status"]]
        colour = typer.colors.RED if row["status"] == "failed" else None
        typer.secho(
            f"{row['edition']:<24} {row['documents']:>10} {row['pages']:>6} {row['seconds']:>9.1f}  {status}",
            fg=colour,
        )
    typer.echo(f"{len(rows)} pakker i {display_path(root)}/ ({time.perf_counter() - started:.1f} s)")
    failures = [o for o in outcomes if o.status == "failed"]
    for outcome in failures:
        typer.secho(outcome.message, fg=typer.colors.RED, err=True)
    if failures:
        raise typer.Exit(1)


@app.command()
def validate(
    editions: Annotated[list[Path] | None, EDITION_ARGUMENT] = None,
    materials: Annotated[Path | None, MATERIALS_OPTION] = None,
) -> None:
    """Check content and edits without rendering anything. Exit code 0 if all is well, 1 if not."""
    failed = False
    for edition in editions or [None]:
        name = display_path(edition) if edition else "official materials"
        try:
            load(edition, materials)
        except FaaFlereError as e:
            typer.secho(str(e), fg=typer.colors.RED, err=True)
            failed = True
        else:
            typer.echo(f"{name}: OK")
    if failed:
        raise typer.Exit(1)


STATUS = {"official": "", "edited": "ændret", "local": "lokal", "removed": "fjernet"}


@app.command("list")
def list_items(
    edition: Annotated[Path | None, EDITION_ARGUMENT] = None,
    materials: Annotated[Path | None, MATERIALS_OPTION] = None,
) -> None:
    """Show each material's items as the edition sees them: id, text, and official, ændret or lokal."""
    try:
        content = load(edition, materials)
    except FaaFlereError as e:
        _fail(e)
    for material_id in content.pack.materials:
        material = BY_ID[material_id]
        title = getattr(content, material.content).title
        typer.secho(f"{material.number}. {title} ({material.id})", bold=True)
        for group, items in material_items(content, material_id):
            if group:
                typer.echo(f"   {group}")
            for item_id, text in items:
                status = STATUS[content.status.get(item_id, "official")] or "officiel"
                typer.echo(f"     {item_id:<24} {status:<9} {text}")
    if content.removed:
        typer.secho("Fjernet i denne udgave", bold=True)
        for item_id, text in content.removed:
            typer.echo(f"     {item_id:<24} {'fjernet':<9} {text}")


@app.command("new-area")
def new_area(
    name: Annotated[
        str, typer.Argument(help="The area's name, e.g. «Tingbjerg» or «Gellerupparken/Toveshøj».")
    ],
    parent: Annotated[Path, typer.Option("--in", help="The folder that holds the editions.")] = Path("areas"),
) -> None:
    """Make a new edition folder with a commented area.yaml, ready to fill in."""
    try:
        folder = scaffold_area(name, parent)
    except FaaFlereError as e:
        _fail(e)
    typer.echo(f"Oprettet {display_path(folder / 'area.yaml')}")
    typer.echo(f"Udfyld filen, og byg pakken med: faa-flere build {display_path(folder)}")


@app.command()
def calibrate(
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the sheet.")] = Path(
        "out/kalibrering.pdf"
    ),
    paper: Annotated[Paper, PAPER_OPTION] = "a4",
    duplex: Annotated[Duplex, DUPLEX_OPTION] = "long",
    back_offset: Annotated[str, OFFSET_OPTION] = "0,0",
) -> None:
    """Print a two-sided alignment sheet; read from it the --back-offset for your printer."""
    try:
        settings = PrintSettings(paper=paper, duplex=duplex, back_offset=parse_offset(back_offset))
        path = write_calibration(out, settings)
    except FaaFlereError as e:
        _fail(e)
    typer.echo(f"Kalibreringsark: {display_path(path)}")
    typer.echo("Print det dobbeltsidet i 100 % størrelse, og følg vejledningen på arket.")


@app.command()
def serve(
    editions: Annotated[Path, typer.Option("--editions", help="The folder with the editions.")] = Path(
        "areas"
    ),
    out: Annotated[Path, typer.Option("--out", help="Where the page keeps previews and PDFs.")] = Path(
        "out/web"
    ),
    port: Annotated[int, typer.Option("--port", help="The port on this machine.")] = 8000,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="The address to listen on. Keep 127.0.0.1: the page is for this machine."
        ),
    ] = "127.0.0.1",
) -> None:
    """Start the web page where staff make and print their area's pack, without YAML."""
    from .web.app import serve as run_server  # Flask only loads for this command

    editions.mkdir(parents=True, exist_ok=True)
    typer.echo(f"Åbn http://{host}:{port}/ i din browser. Stop med Ctrl+C.")
    run_server(editions, out, host, port)


def main() -> None:
    app()
