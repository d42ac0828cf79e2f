"""The ``faa-flere`` command: a thin layer over the library."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Annotated

import typer

from . import __version__, build_pack, load_content, paths
from .catalogue import BY_ID
from .errors import FaaFlereError, display_path
from .listing import material_items

app = typer.Typer(
    help="Print-ready «Få flere på banen» materials: poster, jigsaw pieces, cards, worksheets, manual.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


MATERIALS_OPTION = typer.Option(
    "--materials",
    help="Read the content from this folder instead of the official materials/ (a copy being edited).",
    file_okay=False,
)


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
    """Build the «Få flere på banen» pack from the YAML content in materials/."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    if not verbose:
        # WeasyPrint reports every unsupported CSS property; keep that for --verbose.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)


@app.command()
def build(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the PDFs to.")] = Path(
        "out/official"
    ),
    materials: Annotated[Path | None, MATERIALS_OPTION] = None,
) -> None:
    """Build the official pack: one PDF per material and the combined pack."""
    started = time.perf_counter()
    try:
        result = build_pack(out, materials_dir=materials)
    except FaaFlereError as e:
        _fail(e)
    for document in result.documents:
        typer.echo(f"  {document.filename:<48} {document.pages:>3} sider")
    seconds = time.perf_counter() - started
    typer.echo(f"{len(result.documents)} PDF-filer i {display_path(result.out_dir)}/ ({seconds:.1f} s)")


@app.command("list")
def list_items(materials: Annotated[Path | None, MATERIALS_OPTION] = None) -> None:
    """Show each material and the ids of its items."""
    try:
        content = load_content(materials or paths.materials_dir())
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
                typer.echo(f"     {item_id:<26} {text}")


def main() -> None:
    app()
