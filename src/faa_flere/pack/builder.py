"""Build a pack: content in, one PDF per material and one combined PDF out, as bytes.

:class:`PackBuilder` plans every document of a pack (material, variant, HTML, key), lays
out the ones that changed, checks that their text fits, and writes their bytes; the
combined pack is put together from those bytes and the cover's (:mod:`..render.combine`),
so the materials can be laid out in several processes (:mod:`.parallel`) and are never
laid out twice. Writing files is :mod:`.output`'s job.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..content.edition import template_dirs
from ..content.loading import Content
from ..content.schema import PACK_KEY
from ..content.yamlsource import ReadCache
from ..errors import BuildError, Problem, TextOverflowError, msg
from ..materials import PACK_FILENAME, load, materials_of
from ..materials import by_id as materials_by_id
from ..materials.base import Material
from ..materials.solskinsmodellen import sun_view
from ..render import fit
from ..render.cache import RenderCache, Rendered
from ..render.combine import combine
from ..render.jinja import Templates
from ..render.weasy import Document, Layout, copy_pages, write_pdf
from .digest import hash_text, inputs_digest
from .output import PLOTTER_DIR, check_out_dir, default_out_dir, write_outputs
from .settings import PrintSettings

log = logging.getLogger(__name__)

#: The cover and the contents come before the materials in the combined pack.
FRONT_PAGES = 2


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
    #: Files written beside the PDFs, by name: the plotter's cut files.
    extra_files: tuple[str, ...] = ()

    @property
    def files(self) -> list[Path]:
        return [self.out_dir / d.filename for d in self.documents]


def build_date(content: Content) -> str:
    """The date written into the PDFs: SOURCE_DATE_EPOCH if set, else the content's own date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:  # set and not empty
        try:
            seconds = int(epoch)
        except ValueError as e:
            raise BuildError.of(
                "bad-epoch", msg("bad-epoch.hint"), subject="SOURCE_DATE_EPOCH", value=epoch
            ) from e
        try:
            moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
            if not 1980 <= moment.year <= 9999:
                raise ValueError
        except (ValueError, OverflowError, OSError) as e:
            raise BuildError.of(
                "bad-epoch-range", msg("bad-epoch.hint"), subject="SOURCE_DATE_EPOCH", value=epoch
            ) from e
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
    size: int = 0  # the length of its HTML: what a layout of it roughly costs

    @property
    def filename(self) -> str:
        return self.material.filename_for(self.variant)


class PackBuilder:
    """Renders the materials of one pack with one shared layout engine."""

    def __init__(
        self, content: Content, settings: PrintSettings | None = None, cache: RenderCache | None = None
    ):
        self.content = content
        self.settings = settings or PrintSettings()
        self.cache = cache if cache is not None else RenderCache()
        self.date = build_date(content)
        self.cmyk = self.settings.cmyk_profile()
        roots = [content.materials_dir]
        if content.local:
            roots.append(content.local.folder)
        if self.cmyk:
            roots.append(self.cmyk)
        dirs = template_dirs(content, paths.templates_dir())
        self.templates = Templates(dirs, content.materials_dir / "icons", untrusted=len(dirs) > 1)
        self.layout_engine = Layout(
            dirs[-1], [*dirs, *roots], self.settings.render_options(), self.settings.strict
        )
        self.inputs = inputs_digest(content, self.settings, self.cmyk)
        #: What the last build writes beside the PDFs, by name: the plotter's cut files.
        self.extra_files: dict[str, bytes] = {}

    def common(self) -> dict[str, Any]:
        """What every template gets: the pack's texts, colours, the area, the settings."""
        c = self.content
        local = c.local
        return {
            "pack": c.pack,
            "colours": c.palette.colours,
            "fonts_dir": (c.materials_dir / "fonts").as_uri(),
            "created": self.date,
            "settings": {
                "paper": self.settings.paper,
                "duplex": self.settings.duplex,
                "back_offset": self.settings.back_offset,
            },
            "profile": self.settings.profile,
            "bleed": self.settings.bleed,
            "slug": self.settings.profile.slug_mm,
            "cmyk_profile_url": self.cmyk.resolve().as_uri() if self.cmyk else None,
            "area": local.area if local else None,
            "logo_url": local.logo.resolve().as_uri() if local and local.logo else None,
            "kicker": f"{c.pack.title} · {local.area.name}" if local else c.pack.title,
            "edition_label": c.pack.local_label.replace("{område}", local.area.name)
            if local
            else c.pack.edition_label,
        }

    def html(self, part: Part, scales: dict[str, float]) -> str:
        def fit_font(key: str, size: float, unit: str = "pt") -> str:
            return f"font-size: {size * scales.get(key, 1.0):.2f}{unit};"

        return self.templates.html(
            part.material.template, **self.common(), **part.view, title=part.title, fit_font=fit_font
        )

    def plan(self) -> list[Part]:
        """Every material document of the pack, with its HTML and key, not yet laid out."""
        by_id = materials_by_id(materials_of(self.content))
        parts = []
        for material_id in self.content.pack.materials:
            material = by_id[material_id]
            text = self.content.text(material.id)
            for variant in material.variants(self.settings):
                view = {
                    "material": {"id": material.id, "number": material.number},
                    "text": text,
                    **material.view(self.content, variant, self.settings),
                }
                part = Part(material, variant, text.title, view)
                html = self.html(part, {})
                part.key, part.size = self.key(html), len(html)
                parts.append(part)
        return parts

    def key(self, html: str) -> str:
        """What a PDF is made from: its HTML, the files it draws on, the settings, the versions."""
        return hash_text(html, self.inputs)

    def layout(self, part: Part) -> Document:
        """Lay out one material; step fonts down where text does not fit, then check it fits."""
        cached = self.cache.layouts.get(part.key)
        if cached is not None:
            return cached
        log.info("rendering %s %s", part.material.id, part.variant)
        document, too_long = fit.lay_out_fitting(
            lambda scales: self.html(part, scales), self.layout_engine, part.material.template
        )
        # Kept with the key: a layout or PDF taken from the cache later still has them.
        self.cache.overflows.put(part.key, too_long)
        if too_long:
            self.report_overflows(part.material, too_long)
        copies = self.content.local.copies.get(part.material.id, 1) if self.content.local else 1
        if copies > 1:
            document = copy_pages(document, document.pages * copies)
        self.cache.layouts.put(part.key, document)
        return document

    def overflow_problems(self, material: Material, overflows: list[fit.Overflow]) -> list[Problem]:
        """Text that does not fit, at its place in the current content."""
        smallest = round(fit.SCALES[-1] * 100)
        problems = []
        for overflow in {o.key: o for o in overflows}.values():
            source, loc, what = locate(self.content, overflow.key)
            message = msg(
                "does-not-fit", what=what, material=material.id, how=overflow.describe(), smallest=smallest
            )
            problems.append(source.problem(loc, message, msg("does-not-fit.hint")))
        return problems

    def overflows(self, part: Part) -> list[fit.Overflow]:
        """What did not fit in ``part`` when it was laid out with this builder's cache."""
        found = self.cache.overflows.get(part.key)
        assert found is not None, f"{part.material.id} was not laid out with this cache"
        return found

    def report_overflows(self, material: Material, overflows: list[fit.Overflow]) -> None:
        error = TextOverflowError(self.overflow_problems(material, overflows))
        if self.settings.strict:
            raise error
        for problem in error.problems:
            log.warning("%s", problem)

    def write(self, document: Document) -> bytes:
        return write_pdf(
            document,
            self.settings.pdf_options(),
            self.settings.finishing(self.content.palette.colours),
            self.settings.profile.tagged,
        )

    def render(self, part: Part) -> Rendered:
        """One material laid out and written (once per key and cache)."""
        rendered = self.cache.pdfs.get(part.key)
        if rendered is None:
            document = self.layout(part)
            rendered = Rendered(len(document.pages), self.write(document))
            self.cache.pdfs.put(part.key, rendered)
        return rendered

    def render_all(self, parts: list[Part], wanted: list[Part], jobs: int = 1) -> dict[str, Rendered]:
        """The parts ``wanted``, by key: in this process, or in up to ``jobs`` processes."""
        todo = list({p.key: p for p in wanted if self.cache.pdfs.get(p.key) is None}.values())
        workers = min(jobs, len(todo))
        if workers > 1:
            from .parallel import render_in_processes

            index = {id(p): i for i, p in enumerate(parts)}
            done = render_in_processes(self, parts, [index[id(p)] for p in todo], workers)
            for i, rendered in done.items():
                self.cache.pdfs.put(parts[i].key, rendered)
        return {p.key: self.render(p) for p in wanted}

    def build(self, previous: dict[str, tuple[str, int]] | None = None, jobs: int = 1) -> list[BuiltDocument]:
        """Every document of the pack. ``previous`` maps file names already on disk to their
        key and page count; those whose key is unchanged are not laid out or written again.
        ``jobs`` processes lay out the materials; the PDFs are the same bytes for any number."""
        previous = previous or {}
        parts = self.plan()
        self.extra_files = self.cut_files(parts)
        changed = [p for p in parts if previous.get(p.filename, ("", 0))[0] != p.key]
        pack_parts = [p for p in parts if p.material.in_pack(p.variant)]
        rendered = self.render_all(parts, changed, jobs)
        pages = {p.key: previous[p.filename][1] for p in parts if p not in changed}
        pages.update((key, r.pages) for key, r in rendered.items())

        cover_html = self.cover_html(pack_parts, lambda part: pages[part.key]) if pack_parts else ""
        pack_key = hash_text(cover_html, *(p.key for p in pack_parts), self.inputs)
        pack_unchanged = previous.get(PACK_FILENAME, ("", 0))[0] == pack_key

        built = []
        for part in parts:
            data = rendered[part.key].data if part in changed else None
            built.append(
                BuiltDocument(
                    part.material.id,
                    part.variant,
                    part.filename,
                    part.title,
                    pages[part.key],
                    data,
                    part.key,
                )
            )
        if pack_parts:
            if pack_unchanged:
                total = previous[PACK_FILENAME][1]
                built.append(
                    BuiltDocument(PACK_KEY, "", PACK_FILENAME, self.content.pack.title, total, None, pack_key)
                )
            else:
                # The pack's materials that were on disk unchanged are laid out now, once.
                rendered.update(self.render_all(parts, pack_parts, jobs))
                built.append(self.combined([rendered[p.key] for p in pack_parts], cover_html, pack_key))
        return built

    def cut_files(self, parts: list[Part]) -> dict[str, bytes]:
        """A cutting plotter's SVG file for every sheet of pieces, copies included."""
        files = {}
        for part in parts:
            sheets: list[str] = part.view.get("cut_files", [])
            copies = self.content.local.copies.get(part.material.id, 1) if self.content.local else 1
            for number, data in enumerate(sheets * copies, 1):
                files[f"{PLOTTER_DIR}/{part.material.id}-ark-{number}.svg"] = data.encode()
        return files

    def cover_html(self, parts: list[Part], pages_of: Callable[[Part], int]) -> str:
        entries, page = [], FRONT_PAGES + 1
        for part in parts:
            entries.append(
                {
                    "number": part.material.number,
                    "anchor": f"materiale-{part.material.id}",
                    "title": part.title,
                    "page": page,
                    "pages": pages_of(part),
                }
            )
            page += pages_of(part)
        return self.templates.html(
            "cover.html",
            **self.common(),
            **sun_view(self.content, self.settings.sheet),
            title=self.content.pack.title,
            entries=entries,
        )

    def combined(self, parts: list[Rendered], cover_html: str, key: str) -> BuiltDocument:
        """The whole pack in one PDF: cover and contents, then every material's PDF."""
        front = self.layout_engine.document(cover_html, "cover.html")
        if len(front.pages) != FRONT_PAGES:
            raise BuildError.of("cover-pages", subject="cover.html", pages=len(front.pages))
        data = combine(self.write(front), [part.data for part in parts])
        pages = FRONT_PAGES + sum(part.pages for part in parts)
        return BuiltDocument(PACK_KEY, "", PACK_FILENAME, self.content.pack.title, pages, data, key)


def locate(content: Content, key: str) -> tuple[Any, tuple[str | int, ...], Any]:
    """The source, location and a name for a ``data-fit`` key like ``kort:cards.k07.text``."""
    file, _, path = key.partition(":")
    parts = path.split(".")
    node: Any = content.text(file)
    loc: list[str | int] = []
    what: Any = parts[0]
    while parts:
        name = parts.pop(0)
        value = getattr(node, name)
        loc.append(name)
        if isinstance(value, list) and parts:
            item_id = parts.pop(0)
            index = next(i for i, item in enumerate(value) if item.id == item_id)
            loc.append(index)
            what = msg("item-named", id=item_id)
            node = value[index]
        else:
            node = value
    return content.sources[file], tuple(loc), what


def build_pack(
    edition: Path | str | None = None,
    out_dir: Path | str | None = None,
    *,
    materials_dir: Path | None = None,
    settings: PrintSettings | None = None,
    cache: RenderCache | None = None,
    jobs: int = 1,
    reads: ReadCache | None = None,
) -> BuildResult:
    """Build the pack of ``edition`` (or the official pack) into ``out_dir``, laying out its
    materials in ``jobs`` processes; return what was written."""
    out = Path(out_dir) if out_dir is not None else default_out_dir(edition)
    check_out_dir(out)  # a wrong --out costs milliseconds, not a layout
    content = load(edition, materials_dir, reads=reads)
    builder = PackBuilder(content, settings, cache)
    documents = builder.build(jobs=jobs)
    write_outputs(out, documents, builder.extra_files)
    return BuildResult(out, tuple(documents), tuple(builder.extra_files))


__all__ = ["BuildResult", "BuiltDocument", "PackBuilder", "Problem", "build_pack"]
