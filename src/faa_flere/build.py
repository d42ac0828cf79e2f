"""Build a pack: content in, one PDF per material and one combined PDF out.

Files are first written to a temporary folder beside the output and moved into
place only when every document has been made, so a failed build leaves the
previous output as it was.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import weasyprint

from . import paths, views
from .catalogue import BY_ID, PACK_FILENAME, Material
from .content import Content, load_content
from .edition import load_edition, template_dirs
from .errors import BuildError
from .render import Renderer

log = logging.getLogger(__name__)

#: Options for every PDF we write. A deterministic identifier keeps output reproducible.
PDF_OPTIONS: dict[str, Any] = {"pdf_identifier": True}


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

    def __init__(self, content: Content, template_dirs: list[Path], asset_roots: list[Path]):
        self.content = content
        self.date = build_date(content)
        self.renderer = Renderer(template_dirs, asset_roots)

    def common(self) -> dict[str, Any]:
        c = self.content
        local = c.local
        return {
            "pack": c.pack,
            "content": c,
            "colours": c.palette.colours,
            "fonts_dir": (c.materials_dir / "fonts").as_uri(),
            "created": self.date,
            "local": local,
            "area": local.area if local else None,
            "logo_url": local.logo.resolve().as_uri() if local and local.logo else None,
            "kicker": f"{c.pack.title} · {local.area.name}" if local else c.pack.title,
            "edition_label": c.pack.local_label.replace("{område}", local.area.name)
            if local
            else c.pack.edition_label,
        }

    def material_view(self, material: Material, variant: str) -> dict[str, Any]:
        text = getattr(self.content, material.content)
        view: dict[str, Any] = {"material": material, "text": text}
        if material.id == "solskinsmodellen":
            view.update(views.sun_view(self.content, variant))
        elif material.id == "brikker":
            view.update(views.pieces_view(self.content))
        elif material.id == "kort":
            view.update(views.cards_view(self.content))
        elif material.id == "tjekliste":
            view.update(views.checklist_view(self.content))
        elif material.id == "udbytte":
            view.update(views.exchange_view(self.content))
        return view

    def render(self, material: Material, variant: str) -> tuple[weasyprint.Document, str]:
        view = self.material_view(material, variant)
        title = view["text"].title
        html = self.renderer.html(material.template, **self.common(), **view, title=title)
        log.info("rendering %s %s", material.id, variant)
        document = self.renderer.document(html)
        copies = self.content.local.copies.get(material.id, 1) if self.content.local else 1
        if copies > 1:
            document = document.copy(document.pages * copies)
        return document, title

    def write(self, document: weasyprint.Document) -> bytes:
        return document.write_pdf(**PDF_OPTIONS)

    def build(self) -> list[BuiltDocument]:
        built: list[BuiltDocument] = []
        pack_parts: list[tuple[Material, str, weasyprint.Document]] = []
        for material_id in self.content.pack.materials:
            material = BY_ID[material_id]
            for variant in material.variants:
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
                # The combined pack is for an ordinary printer: the A4 poster, not the A3.
                if variant in ("", "a4"):
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
            **views.sun_view(self.content, "a4"),
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
) -> BuildResult:
    """Build the pack of ``edition`` (or the official pack) into ``out_dir``; return what was written."""
    content = load(edition, materials_dir)
    roots = [content.materials_dir] + ([content.local.folder] if content.local else [])
    builder = PackBuilder(content, template_dirs(content), roots)
    documents = builder.build()
    out = Path(out_dir) if out_dir is not None else default_out_dir(edition)
    write_outputs(out, documents)
    return BuildResult(out, tuple(documents))
