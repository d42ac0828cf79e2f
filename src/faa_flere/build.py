"""Build a pack: content in, one PDF per material and one combined PDF out.

Files are first written to a temporary folder beside the output and moved into
place only when every document has been made, so a failed build leaves the
previous output as it was.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import weasyprint

from . import fit, paths, views
from .catalogue import BY_ID, PACK_FILENAME, Material
from .content import Content, load_content
from .edition import load_edition, template_dirs
from .errors import BuildError, TextOverflowError
from .profiles import PrintSettings
from .render import Renderer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuiltDocument:
    """One PDF of the pack."""

    material: str
    variant: str
    filename: str
    title: str
    pages: int
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    documents: tuple[BuiltDocument, ...]

    @property
    def files(self) -> list[Path]:
        return [self.out_dir / d.filename for d in self.documents]


def build_date(content: Content) -> str:
    """The date written into the PDFs: SOURCE_DATE_EPOCH if set, else the content's own date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
        except (ValueError, OverflowError) as e:
            raise BuildError(f"SOURCE_DATE_EPOCH must be a number of seconds, got {epoch!r}") from e
    else:
        moment = datetime.datetime.combine(content.pack.date, datetime.time(), tzinfo=datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class PackBuilder:
    """Renders the materials of one pack with one shared renderer."""

    def __init__(self, content: Content, settings: PrintSettings | None = None):
        self.content = content
        self.settings = settings or PrintSettings()
        self.date = build_date(content)
        roots = [content.materials_dir]
        if content.local:
            roots.append(content.local.folder)
        self.cmyk = self.settings.cmyk_profile() if self.settings.profile == "shop" else None
        if self.cmyk:
            roots.append(self.cmyk)
        self.renderer = Renderer(template_dirs(content), roots, self.settings.render_options())

    def common(self) -> dict[str, Any]:
        c = self.content
        local = c.local
        return {
            "pack": c.pack,
            "content": c,
            "colours": c.palette.colours,
            "fonts_dir": (c.materials_dir / "fonts").as_uri(),
            "created": self.date,
            "settings": self.settings,
            "bleed": self.settings.bleed,
            "cmyk_profile_url": self.cmyk.resolve().as_uri() if self.cmyk else None,
            "local": local,
            "area": local.area if local else None,
            "logo_url": local.logo.resolve().as_uri() if local and local.logo else None,
            "kicker": f"{c.pack.title} · {local.area.name}" if local else c.pack.title,
            "edition_label": c.pack.local_label.replace("{område}", local.area.name)
            if local
            else c.pack.edition_label,
        }

    def variants(self, material: Material) -> tuple[str, ...]:
        """The poster comes in A3 and on the chosen sheet; other materials once."""
        if material.id == "solskinsmodellen":
            return ("a3", self.settings.paper)
        return ("",)

    def material_view(self, material: Material, variant: str) -> dict[str, Any]:
        c, settings = self.content, self.settings
        view: dict[str, Any] = {"material": material, "text": getattr(c, material.content)}
        if material.id == "solskinsmodellen":
            view.update(views.sun_view(c, variant, settings))
        elif material.id == "brikker":
            view.update(views.pieces_view(c, settings))
        elif material.id == "kort":
            view.update(views.cards_view(c, settings))
        elif material.id == "tjekliste":
            view.update(views.checklist_view(c, settings))
        elif material.id == "udbytte":
            view.update(views.exchange_view(c, settings))
        elif material.id == "tilpasning":
            view.update(views.adjustment_view(c, settings))
        else:
            view.update(views.sheet_view(settings))
        return view

    def render(self, material: Material, variant: str) -> tuple[weasyprint.Document, str]:
        """Lay out one material; step fonts down where text does not fit, then check it fits."""
        view = self.material_view(material, variant)
        title = view["text"].title
        scales: dict[str, float] = {}

        def fit_font(key: str, size: float, unit: str = "pt") -> str:
            return f"font-size: {size * scales.get(key, 1.0):.2f}{unit};"

        log.info("rendering %s %s", material.id, variant)
        for step in range(len(fit.SCALES)):
            html = self.renderer.html(
                material.template, **self.common(), **view, title=title, fit_font=fit_font
            )
            document = self.renderer.document(html)
            too_long = fit.overflows(document)
            if not too_long or step == len(fit.SCALES) - 1:
                break
            for overflow in too_long:
                scales[overflow.key] = fit.SCALES[step + 1]
        if too_long:
            self.report_overflows(material, too_long)
        copies = self.content.local.copies.get(material.id, 1) if self.content.local else 1
        if copies > 1:
            document = document.copy(document.pages * copies)
        return document, title

    def report_overflows(self, material: Material, overflows: list[fit.Overflow]) -> None:
        smallest = round(fit.SCALES[-1] * 100)
        problems = []
        for overflow in {o.key: o for o in overflows}.values():
            source, loc, what = locate(self.content, overflow.key)
            message = f"{what} does not fit on {material.id}: {overflow.describe()} at {smallest} % font size"
            problems.append(source.problem(loc, message, "shorten the text"))
        error = TextOverflowError(problems)
        if self.settings.strict:
            raise error
        for problem in error.problems:
            log.warning("warning: %s", problem)

    def write(self, document: weasyprint.Document) -> bytes:
        return document.write_pdf(finisher=stable_document_id, **self.settings.pdf_options())

    def build(self) -> list[BuiltDocument]:
        built: list[BuiltDocument] = []
        pack_parts: list[tuple[Material, str, weasyprint.Document]] = []
        for material_id in self.content.pack.materials:
            material = BY_ID[material_id]
            for variant in self.variants(material):
                document, title = self.render(material, variant)
                built.append(
                    BuiltDocument(
                        material.id,
                        variant,
                        material.filename(variant),
                        title,
                        len(document.pages),
                        self.write(document),
                    )
                )
                # The combined pack is for one printer: the poster on the sheet, not on A3.
                if variant != "a3":
                    pack_parts.append((material, title, document))
        built.append(self.combined(pack_parts))
        return built

    def combined(self, parts: list[tuple[Material, str, weasyprint.Document]]) -> BuiltDocument:
        """The whole pack in one PDF: cover and contents, then every material."""
        front_pages = 2
        entries, page = [], front_pages + 1
        for material, title, document in parts:
            entries.append({"material": material, "title": title, "page": page, "pages": len(document.pages)})
            page += len(document.pages)
        html = self.renderer.html(
            "cover.html",
            **self.common(),
            **views.sun_view(self.content, self.settings.paper, self.settings),
            title=self.content.pack.title,
            entries=entries,
        )
        front = self.renderer.document(html)
        if len(front.pages) != front_pages:
            raise BuildError(f"the cover and contents take {len(front.pages)} pages, expected {front_pages}")
        pages = [*front.pages, *(p for _m, _t, document in parts for p in document.pages)]
        combined = front.copy(pages)
        return BuiltDocument(
            "pakke", "", PACK_FILENAME, self.content.pack.title, len(pages), self.write(combined)
        )


_XMP_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def stable_document_id(document: weasyprint.Document, pdf: Any) -> None:
    """Replace the random XMP DocumentID of PDF/X-4 output by one derived from the document.

    WeasyPrint draws a fresh uuid4 for every write; the same input must give the same bytes.
    """
    if "Metadata" not in pdf.catalog:
        return
    number = int(pdf.catalog["Metadata"].split()[0])
    stream = pdf.objects[number]
    meta = document.metadata
    seed = f"{meta.title}|{meta.created}|{len(document.pages)}|{meta.description}"
    stable = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}".encode()
    stream.stream = [_XMP_DOCUMENT_ID.sub(stable, part) for part in stream.stream]


def locate(content: Content, key: str) -> tuple[Any, tuple[str | int, ...], str]:
    """The source, location and a name for a ``data-fit`` key like ``cards:cards.k07.text``."""
    file, _, path = key.partition(":")
    parts = path.split(".")
    node: Any = getattr(content, file)
    loc: list[str | int] = []
    what = parts[0]
    while parts:
        name = parts.pop(0)
        value = getattr(node, name)
        loc.append(name)
        if isinstance(value, list) and parts:
            item_id = parts.pop(0)
            index = next(i for i, item in enumerate(value) if item.id == item_id)
            loc.append(index)
            what = f"'{item_id}'"
            node = value[index]
        else:
            node = value
    return content.sources[file], tuple(loc), what


def write_file(path: Path, data: bytes) -> None:
    """Write one file whole or not at all: to a temporary name, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def write_outputs(out_dir: Path, documents: list[BuiltDocument]) -> None:
    """Write all documents, replacing earlier files only once every new one is on disk."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for document in documents:
            (staging / document.filename).write_bytes(document.data)
        out_dir.mkdir(exist_ok=True)
        for document in documents:
            (staging / document.filename).replace(out_dir / document.filename)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def default_out_dir(edition: Path | str | None) -> Path:
    """``out/official`` for the official pack, ``out/<folder name>`` for an edition."""
    return Path("out") / (Path(edition).resolve().name if edition else "official")


def load(edition: Path | str | None = None, materials_dir: Path | None = None) -> Content:
    """The content of an edition, or of the official pack."""
    if edition is not None:
        return load_edition(edition)
    return load_content(materials_dir or paths.materials_dir())


def build_pack(
    edition: Path | str | None = None,
    out_dir: Path | str | None = None,
    *,
    materials_dir: Path | None = None,
    settings: PrintSettings | None = None,
) -> BuildResult:
    """Build the pack of ``edition`` (or the official pack) into ``out_dir``; return what was written."""
    content = load(edition, materials_dir)
    documents = PackBuilder(content, settings).build()
    out = Path(out_dir) if out_dir is not None else default_out_dir(edition)
    write_outputs(out, documents)
    return BuildResult(out, tuple(documents))
