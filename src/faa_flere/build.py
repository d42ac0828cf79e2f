"""Build a pack: content in, one PDF per material and one combined PDF out.

Files are first written to a temporary folder beside the output and moved into
place only when every document has been made, so a failed build leaves the
previous output as it was.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import re
import shutil
import tempfile
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import weasyprint

from . import fit, paths, views
from .catalogue import BY_ID, PACK_FILENAME, Material
from .content import Content, load_content
from .digest import hash_text, inputs_digest
from .edition import load_edition, template_dirs
from .errors import BuildError, TextOverflowError
from .profiles import PrintSettings
from .render import Renderer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuiltDocument:
    """One PDF of the pack. ``data`` is None when the file on disk is already this document."""

    material: str
    variant: str
    filename: str
    title: str
    pages: int
    data: bytes | None = field(repr=False)
    key: str = ""  # the hash of everything the PDF is made from


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


@dataclass(eq=False)
class Part:
    """One material document of a pack: what to render, and the key of what it is made from."""

    material: Material
    variant: str
    title: str
    view: dict[str, Any] = field(repr=False)
    key: str = ""


class LRU:
    """A small cache of the most recently used values, for reuse within one process."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, Any] = OrderedDict()

    def get(self, key: str) -> Any:
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        return None

    def put(self, key: str, value: Any) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)

    def clear(self) -> None:
        self.items.clear()


#: Layouts and PDFs already made in this process, by key: a document that comes out the
#: same for several editions (an unedited set of pieces) is laid out and written once.
LAYOUTS = LRU(12)
PDFS = LRU(24)


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
        self.renderer = Renderer(
            template_dirs(content), roots, self.settings.render_options(), strict=self.settings.strict
        )
        self.inputs = inputs_digest(content, self.settings, self.cmyk)

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

    def html(self, part: Part, scales: dict[str, float]) -> str:
        def fit_font(key: str, size: float, unit: str = "pt") -> str:
            return f"font-size: {size * scales.get(key, 1.0):.2f}{unit};"

        return self.renderer.html(
            part.material.template, **self.common(), **part.view, title=part.title, fit_font=fit_font
        )

    def plan(self) -> list[Part]:
        """Every material document of the pack, with its HTML and key, not yet laid out."""
        parts = []
        for material_id in self.content.pack.materials:
            material = BY_ID[material_id]
            for variant in self.variants(material):
                view = self.material_view(material, variant)
                part = Part(material, variant, view["text"].title, view)
                part.key = self.key(self.html(part, {}))
                parts.append(part)
        return parts

    def key(self, html: str) -> str:
        """What a PDF is made from: its HTML, the files it draws on, the settings, the versions."""
        return hash_text(html, self.inputs)

    def layout(self, part: Part) -> weasyprint.Document:
        """Lay out one material; step fonts down where text does not fit, then check it fits."""
        cached = LAYOUTS.get(part.key)
        if cached is not None:
            return cached
        log.info("rendering %s %s", part.material.id, part.variant)
        scales: dict[str, float] = {}
        html = self.html(part, scales)
        for step in range(len(fit.SCALES)):
            document = self.renderer.document(html)
            too_long = fit.overflows(document)
            if not too_long or step == len(fit.SCALES) - 1:
                break
            for overflow in too_long:
                scales[overflow.key] = fit.SCALES[step + 1]
            html = self.html(part, scales)
        if too_long:
            self.report_overflows(part.material, too_long)
        copies = self.content.local.copies.get(part.material.id, 1) if self.content.local else 1
        if copies > 1:
            document = document.copy(document.pages * copies)
        LAYOUTS.put(part.key, document)
        return document

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

    def write(self, document: weasyprint.Document, key: str = "") -> bytes:
        data = PDFS.get(key) if key else None
        if data is None:
            with pristine_backgrounds(document):
                data = document.write_pdf(finisher=stable_document_id, **self.settings.pdf_options())
            if key:
                PDFS.put(key, data)
        return data

    def build(self, previous: dict[str, tuple[str, int]] | None = None) -> list[BuiltDocument]:
        """Every document of the pack. ``previous`` maps file names already on disk to their
        key and page count; those whose key is unchanged are not laid out or written again."""
        previous = previous or {}
        parts = self.plan()
        changed = [p for p in parts if previous.get(p.material.filename(p.variant), ("", 0))[0] != p.key]
        pages = {p.key: previous[p.material.filename(p.variant)][1] for p in parts if p not in changed}
        pack_parts = [p for p in parts if p.variant != "a3"]  # the combined pack is for one printer

        def pages_of(part: Part) -> int:
            if part.key not in pages:
                pages[part.key] = len(self.layout(part).pages)
            return pages[part.key]

        cover_html = self.cover_html(pack_parts, pages_of) if pack_parts else ""
        pack_key = hash_text(cover_html, *(p.key for p in pack_parts), self.inputs)
        pack_unchanged = previous.get(PACK_FILENAME, ("", 0))[0] == pack_key

        built = []
        for part in parts:
            filename = part.material.filename(part.variant)
            data = self.write(self.layout(part), part.key) if part in changed else None
            built.append(
                BuiltDocument(
                    part.material.id, part.variant, filename, part.title, pages_of(part), data, part.key
                )
            )
        if pack_parts:
            if pack_unchanged:
                total = previous[PACK_FILENAME][1]
                built.append(
                    BuiltDocument("pakke", "", PACK_FILENAME, self.content.pack.title, total, None, pack_key)
                )
            else:
                built.append(self.combined(pack_parts, cover_html, pack_key))
        return built

    def cover_html(self, parts: list[Part], pages_of: Callable[[Part], int]) -> str:
        front_pages = 2
        entries, page = [], front_pages + 1
        for part in parts:
            entries.append(
                {"material": part.material, "title": part.title, "page": page, "pages": pages_of(part)}
            )
            page += pages_of(part)
        return self.renderer.html(
            "cover.html",
            **self.common(),
            **views.sun_view(self.content, self.settings.paper, self.settings),
            title=self.content.pack.title,
            entries=entries,
        )

    def combined(self, parts: list[Part], cover_html: str, key: str) -> BuiltDocument:
        """The whole pack in one PDF: cover and contents, then every material."""
        front = self.renderer.document(cover_html)
        if len(front.pages) != 2:
            raise BuildError(f"the cover and contents take {len(front.pages)} pages, expected 2")
        pages = [*front.pages, *(p for part in parts for p in self.layout(part).pages)]
        combined = front.copy(pages)
        data = self.write(combined)
        return BuiltDocument("pakke", "", PACK_FILENAME, self.content.pack.title, len(pages), data, key)


@contextlib.contextmanager
def pristine_backgrounds(document: weasyprint.Document) -> Iterator[None]:
    """Undo what painting adds to the pages' backgrounds.

    WeasyPrint 70 draws crop marks by inserting a layer into the page's background
    each time the page is painted, so a page written twice (alone and in the
    combined pack) would get its marks twice. Restoring the layers keeps every
    write the same.
    """
    saved = []
    for page in document.pages:
        background = getattr(page._page_box, "background", None)
        if background is not None:
            saved.append((background.layers, list(background.layers)))
    try:
        yield
    finally:
        for layers, original in saved:
            layers[:] = original


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
        written = [d for d in documents if d.data is not None]
        for document in written:
            (staging / document.filename).write_bytes(document.data)
        out_dir.mkdir(exist_ok=True)
        for document in written:
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
