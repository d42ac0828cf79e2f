"""What a worker does for a job: a preview (with the fit check) or a pack.

Each takes a saved version's files as data (nothing of the edition is written to disk)
and writes only its output: a pack's folder, or the shared folder of page images. A worker's build
process (:mod:`faa_flere.jobs.process`) keeps one
:class:`~faa_flere.render.cache.RenderCache`, so a material whose HTML did not change is
not laid out again, and one folder of page images per material key, so its pages are not
turned into images again either."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, NamedTuple

from ..atomic import replaced_whole
from ..content.yamlsource import ReadCache
from ..errors import Problem
from ..pack.builder import PackBuilder, build_pack
from ..pack.settings import PrintSettings
from ..render.cache import RenderCache
from ..render.fit import Overflow
from ..store import EditionFiles
from ..toolkit import PACK_FILENAME, load_edition
from .images import pdf_to_pngs
from .request import Request

#: Preview pages are read on screen: sharp enough to read a card at full width.
PREVIEW_DPI = 100


#: Beside a material's page images: what did not fit in it, as data.
FIT_FILE = "fit.json"


def run(request: Request, cache: RenderCache, reads: ReadCache) -> Any:
    """What a job made, as data for the page (JSON): a preview's materials with their pages
    and the text that does not fit (problems as data: put into words by the page), or a
    pack's file names. Raises
    :class:`~faa_flere.errors.FaaFlereError` for what the edition cannot be made into."""
    if request.kind == "preview":
        shown = preview(request.files, request.place, cache, reads)
        return {"materials": shown.materials, "problems": [p.to_data() for p in shown.problems]}
    return pack(request.files, request.place, request.options, cache, reads)


class Preview(NamedTuple):
    """A preview's pages (per material: its key and page count) and its text that does not fit."""

    materials: list[dict[str, Any]]
    problems: list[Problem]


def preview(files: EditionFiles, images: Path, cache: RenderCache, reads: ReadCache | None = None) -> Preview:
    """Page images of every material in the pack, one folder per section of it,
    ``images/<section key>/``, and the text that does not fit: the check a build makes,
    found while drawing. A section whose key has its images already is not laid out or
    drawn again; what did not fit in it is kept beside its images. Per material its key,
    pages and sections (key and pages, in order, repeated for copies)."""
    # Not strict: text that does not fit is drawn at the smallest size and named.
    builder = PackBuilder(load_edition(files, reads=reads), PrintSettings(strict=False), cache)
    shown: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for part in builder.plan():
        if not part.material.in_pack(part.variant):
            continue
        sections: list[dict[str, Any]] = []
        overflows: list[Overflow] = []
        for section in part.sections:
            target = images / section.key
            if not (target / "done").is_file():
                rendered = builder.render_section(part, section)
                _draw(rendered.data, rendered.overflows, target)
            overflows += [Overflow(**o) for o in json.loads((target / FIT_FILE).read_text("utf-8"))]
            sections.append({"key": section.key, "pages": sum(1 for _ in target.glob("*.png"))})
        problems += builder.overflow_problems(part.material, tuple(overflows))
        if len(part.sections) > 1:
            sections *= builder.copies(part.material)
        shown.append(
            {
                "material": part.material.id,
                "title": part.title,
                "key": part.key,
                "pages": sum(s["pages"] for s in sections),
                "sections": sections,
            }
        )
    return Preview(shown, problems)


def _draw(pdf: bytes, overflows: tuple[Overflow, ...], target: Path) -> None:
    """The pages of ``pdf`` as ``side-1.png``, ``side-2.png``… in ``target``, with what did
    not fit in them; swapped in whole (two workers drawing the same section each fill a
    folder of their own, and the last one swapped in stays)."""
    with replaced_whole(target) as fresh:
        source = fresh / "document.pdf"
        source.write_bytes(pdf)
        pdf_to_pngs(source, fresh, "side", dpi=PREVIEW_DPI)
        source.unlink()
        (fresh / FIT_FILE).write_text(json.dumps([dataclasses.asdict(o) for o in overflows]), "utf-8")
        (fresh / "done").touch()


def pack(
    files: EditionFiles,
    target: Path,
    options: dict[str, str],
    cache: RenderCache,
    reads: ReadCache | None = None,
) -> list[str]:
    """The pack's PDFs (combined pack first) and plotter files in ``target``; their names."""
    settings = PrintSettings(profile=options["profile"], duplex=options["duplex"])  # type: ignore[arg-type]
    result = build_pack(files, target, settings=settings, cache=cache, reads=reads)
    ordered = [d.filename for d in result.documents if d.filename == PACK_FILENAME]
    ordered += [d.filename for d in result.documents if d.filename != PACK_FILENAME]
    return ordered + list(result.extra_files)
