"""Build a pack: content in, one PDF per material and one combined PDF out, as bytes.

:class:`PackBuilder` plans every document of a pack (material, variant, HTML, key), lays
out the ones that changed, checks that their text fits, and writes their bytes; the
combined pack is put together from those bytes and the cover's (:mod:`..render.combine`),
so the materials can be laid out in several processes (:mod:`.parallel`) and are never
laid out twice. A material may be laid out in sections (:meth:`Material.sections`), each
a document with its own key, fit loop and PDF; the material's PDF joins them. Writing
files is :mod:`.output`'s job.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..atomic import check_out_dir
from ..content.files import TEMPLATES, EditionFiles
from ..content.loading import Content
from ..content.schema import PACK_KEY
from ..content.yamlsource import ReadCache
from ..errors import BuildError, FaaFlereError, Problem, TextOverflowError, msg
from ..render import fit
from ..render.cache import Laid, RenderCache, Rendered
from ..render.combine import combine, join
from ..render.jinja import Templates
from ..render.weasy import Document, Layout, copy_pages, write_pdf
from ..toolkit import PACK_FILENAME, load, materials_of
from ..toolkit import by_id as materials_by_id
from ..toolkit.base import Material
from ..toolkit.solskinsmodellen import sun_view
from .digest import hash_text, inputs_digest
from .output import PLOTTER_DIR, default_out_dir, write_outputs
from .settings import PrintSettings

log = logging.getLogger(__name__)

#: The cover and the contents come before the materials in the combined pack.
FRONT_PAGES = 2
#: A page of a material's template: a fixed-size box that breaks the page after it.
_PAGE = re.compile(r'<div class="page[ "]')


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


@dataclass(frozen=True)
class Section:
    """Pages of a material laid out as one document: its view, the key of its HTML."""

    view: dict[str, Any] = field(repr=False)
    key: str
    html: str = field(repr=False)  # as planned, at full font sizes: the first one laid out
    size: int = 0  # the length of its HTML: what a layout of it roughly costs


@dataclass(eq=False)
class Part:
    """One material document of a pack: what to render, and the key of what it is made from.
    Its sections are laid out one by one and joined; one section is the whole document,
    with the part's key."""

    material: Material
    variant: str
    title: str
    view: dict[str, Any] = field(repr=False)
    key: str = ""
    size: int = 0  # the length of its HTML: what a layout of it roughly costs
    sections: list[Section] = field(default_factory=list, repr=False)

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
        templates = paths.templates_dir()
        roots = [templates, content.materials_dir]
        if self.cmyk:
            roots.append(self.cmyk)
        local = content.local
        self.templates = Templates(
            [templates],
            content.materials_dir / "icons",
            edition=local.templates if local else None,
            edition_folder=local.origin / TEMPLATES if local else Path(TEMPLATES),
            compiled=self.cache.compiled,
        )
        self.layout_engine = Layout(
            templates,
            roots,
            self.settings.render_options(),
            self.settings.strict,
            resources=local.resources() if local else None,
        )
        self.inputs = inputs_digest(content, self.settings, self.cmyk)
        #: What the last build writes beside the PDFs, by name: the plotter's cut files.
        self.extra_files: dict[str, bytes] = {}
        #: The cover laid out while the materials were (:meth:`cover_early`): its HTML,
        #: pages and PDF.
        self.early_cover: tuple[str, int, bytes] | None = None

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
            "logo_url": local.logo.url if local and local.logo else None,
            "kicker": f"{c.pack.title} · {local.area.name}" if local else c.pack.title,
            "edition_label": c.pack.local_label.replace("{område}", local.area.name)
            if local
            else c.pack.edition_label,
        }

    def html(self, part: Part, scales: dict[str, float], view: dict[str, Any] | None = None) -> str:
        """The HTML of ``part`` (or of one of its sections' ``view``), fonts scaled by ``scales``."""

        def fit_font(key: str, size: float, unit: str = "pt") -> str:
            return f"font-size: {size * scales.get(key, 1.0):.2f}{unit};"

        return self.templates.html(
            part.material.template,
            **self.common(),
            **(part.view if view is None else view),
            title=part.title,
            fit_font=fit_font,
        )

    def copies(self, material: Material) -> int:
        """How many times the edition prints ``material``."""
        return self.content.local.copies.get(material.id, 1) if self.content.local else 1

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
                for section_view in material.sections(view, self.settings):
                    html = self.html(part, {}, section_view)
                    part.sections.append(Section(section_view, self.key(html), html, len(html)))
                if len(part.sections) == 1:
                    part.key, part.size = part.sections[0].key, part.sections[0].size
                else:
                    keys = (s.key for s in part.sections)
                    part.key = hash_text("sections", str(self.copies(material)), *keys, self.inputs)
                    part.size = sum(s.size for s in part.sections)
                parts.append(part)
        return parts

    def key(self, html: str) -> str:
        """What a PDF is made from: its HTML, the files it draws on, the settings, the versions."""
        return hash_text(html, self.inputs)

    def layout(self, part: Part) -> list[Document]:
        """Lay out one material, section by section; step fonts down where text does not
        fit, then check it fits."""
        return [self.layout_section(part, section).document for section in part.sections]

    def layout_section(self, part: Part, section: Section) -> Laid:
        """One section laid out (once per key and cache), its text checked."""
        laid, fresh = self._laid(part, section)
        self.check_fit(part.material, laid.overflows, fresh)
        return laid

    def _laid(self, part: Part, section: Section) -> tuple[Laid, bool]:
        """A section's layout and what does not fit in it, from the cache or laid out now
        (then True)."""
        cached = self.cache.layouts.get(section.key)
        if cached is not None:
            return cached, False
        log.info("rendering %s %s", part.material.id, part.variant)
        document, too_long = fit.lay_out_fitting(
            lambda scales: self.html(part, scales, section.view) if scales else section.html,
            self.layout_engine,
            part.material.template,
        )
        copies = self.copies(part.material)
        if copies > 1 and len(part.sections) == 1:  # sections' copies are made when joining
            document = copy_pages(document, document.pages * copies)
        laid = Laid(document, tuple(too_long))
        self.cache.layouts.put(section.key, laid)
        return laid, True

    def check_fit(self, material: Material, overflows: tuple[fit.Overflow, ...], fresh: bool = True) -> None:
        """A strict build stops at text that does not fit, laid out now or before; any other
        build warns of it when it lays it out."""
        if not overflows or not (self.settings.strict or fresh):
            return
        error = TextOverflowError(self.overflow_problems(material, overflows))
        if self.settings.strict:
            raise error
        for problem in error.problems:
            log.warning("%s", problem)

    def overflow_problems(self, material: Material, overflows: tuple[fit.Overflow, ...]) -> list[Problem]:
        """A problem for each text that does not fit, at its place in the current content."""
        smallest = round(fit.SCALES[-1] * 100)
        problems = []
        for overflow in {o.key: o for o in overflows}.values():
            source, loc, what = locate(self.content, overflow.key)
            message = msg(
                "does-not-fit", what=what, material=material.id, how=overflow.describe(), smallest=smallest
            )
            problems.append(source.problem(loc, message, msg("does-not-fit.hint")))
        return problems

    def fit_problems(self, parts: list[Part]) -> list[Problem]:
        """Text that does not fit in ``parts``, whether laid out now or before (written or
        only laid out); what is neither is laid out now. Collected, never raised."""
        problems = []
        for part in parts:
            overflows: list[fit.Overflow] = []
            for section in part.sections:
                rendered = self.cache.pdfs.get(section.key)
                overflows += rendered.overflows if rendered else self._laid(part, section)[0].overflows
            problems += self.overflow_problems(part.material, tuple(overflows))
        return problems

    def write(self, document: Document) -> bytes:
        return write_pdf(
            document,
            self.settings.pdf_options(),
            self.settings.finishing(self.content.palette.colours),
            self.settings.profile.tagged,
        )

    def render_section(self, part: Part, section: Section) -> Rendered:
        """One section laid out and written (once per key and cache)."""
        rendered = self.cache.pdfs.get(section.key)
        if rendered is None:
            laid = self.layout_section(part, section)
            rendered = Rendered(len(laid.document.pages), self.write(laid.document), laid.overflows)
            self.cache.pdfs.put(section.key, rendered)
        else:
            self.check_fit(part.material, rendered.overflows, fresh=False)
        return rendered

    def render(self, part: Part) -> Rendered:
        """One material laid out and written (once per key and cache): its sections' PDFs
        joined, as many times as the edition prints it."""
        if len(part.sections) == 1:
            return self.render_section(part, part.sections[0])
        rendered = self.cache.pdfs.get(part.key)
        if rendered is None:
            sections = [self.render_section(part, section) for section in part.sections]
            copies = self.copies(part.material)
            rendered = Rendered(
                sum(s.pages for s in sections) * copies,
                join([s.data for s in sections], copies),
                tuple(o for s in sections for o in s.overflows),
            )
            self.cache.pdfs.put(part.key, rendered)
        else:
            self.check_fit(part.material, rendered.overflows, fresh=False)
        return rendered

    def render_all(
        self, wanted: list[Part], jobs: int = 1, cover: list[Part] | None = None
    ) -> dict[str, Rendered]:
        """The parts ``wanted``, by key: in this process, or in up to ``jobs`` processes
        (their sections shared out, the biggest first). With several processes, the cover
        of ``cover`` is laid out meanwhile once its page numbers can be told
        (:meth:`cover_early`)."""
        units = {
            s.key: (p, s)
            for p in wanted
            if self.cache.pdfs.get(p.key) is None
            for s in p.sections
            if self.cache.pdfs.get(s.key) is None
        }
        todo = list(units.values())
        workers = min(jobs, len(todo))
        if workers > 1:
            from .parallel import render_in_processes

            # Not faster (each process would load them as fast), but the children then
            # write no font files of their own, which they would leave behind.
            self.warm_up()
            unit = {section.key: n for n, (_, section) in enumerate(todo)}

            def aside(done: dict[int, Rendered]) -> bool:
                def pages(section: Section) -> int | None:
                    rendered = self.cache.pdfs.get(section.key)
                    if rendered is None and unit.get(section.key) in done:
                        rendered = done[unit[section.key]]
                    return rendered.pages if rendered else None

                return self.cover_early(cover or [], pages)

            done = render_in_processes(
                lambda n: self.render_section(*todo[n]),
                [s.size for _, s in todo],
                workers,
                aside if cover else None,
            )
            for (_, section), rendered in zip(todo, done, strict=True):
                self.cache.pdfs.put(section.key, rendered)
        return {p.key: self.render(p) for p in wanted}

    def cover_early(self, parts: list[Part], pages: Callable[[Section], int | None]) -> bool:
        """Lay out and write the cover of ``parts`` now, if every section's page count is
        known (``pages``) or can be told from its HTML (one page a ``div.page``); False if
        not yet. :meth:`combined` uses it if the page numbers come out the same."""
        counts = {}
        for part in parts:
            copies = self.copies(part.material)
            total = 0
            for section in part.sections:
                count = pages(section)
                if count is None:
                    count = len(_PAGE.findall(section.html)) * (copies if len(part.sections) == 1 else 1)
                    if not count:
                        return False
                total += count
            counts[part.key] = total * (copies if len(part.sections) > 1 else 1)
        html = self.cover_html(parts, lambda part: counts[part.key])
        try:
            front = self.layout_engine.document(html, "cover.html")
            self.early_cover = (html, len(front.pages), self.write(front))
        except FaaFlereError:
            pass  # laid out again, and the error raised, when the pack is put together
        return True

    def warm_up(self) -> None:
        """Load the pack's fonts by laying out a line in each face with the pack's CSS, so
        that processes forked afterwards have them loaded (and share one folder of them)."""
        html = self.templates.html("base.html", **self.common(), page_w=50, page_h=20, title="")
        faces = "".join(
            f'<p style="font-weight: {weight}; font-style: {style}">Aa</p>'
            for weight, style in ((400, "normal"), (400, "italic"), (700, "normal"), (900, "normal"))
        )
        self.layout_engine.document(html.replace("</body>", faces + "</body>"))

    def build(self, previous: dict[str, tuple[str, int]] | None = None, jobs: int = 1) -> list[BuiltDocument]:
        """Every document of the pack. ``previous`` maps file names already on disk to their
        key and page count; those whose key is unchanged are not laid out or written again.
        ``jobs`` processes lay out the materials; the PDFs are the same bytes for any number."""
        previous = previous or {}
        parts = self.plan()
        self.extra_files = self.cut_files(parts)
        changed = [p for p in parts if previous.get(p.filename, ("", 0))[0] != p.key]
        pack_parts = [p for p in parts if p.material.in_pack(p.variant)]
        early = pack_parts if pack_parts and PACK_FILENAME not in previous else None
        rendered = self.render_all(changed, jobs, early)
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
                rendered.update(self.render_all(pack_parts, jobs))
                built.append(self.combined([rendered[p.key] for p in pack_parts], cover_html, pack_key))
        return built

    def cut_files(self, parts: list[Part]) -> dict[str, bytes]:
        """A cutting plotter's SVG file for every sheet of pieces, copies included."""
        files = {}
        for part in parts:
            sheets: list[str] = part.view.get("cut_files", [])
            copies = self.copies(part.material)
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
        early, self.early_cover = self.early_cover, None
        if early is not None and early[0] == cover_html:
            _, front_pages, front_data = early
        else:
            front = self.layout_engine.document(cover_html, "cover.html")
            front_pages, front_data = len(front.pages), self.write(front)
        if front_pages != FRONT_PAGES:
            raise BuildError.of("cover-pages", subject="cover.html", pages=front_pages)
        data = combine(front_data, [part.data for part in parts])
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
    edition: EditionFiles | Path | str | None = None,
    out_dir: Path | str | None = None,
    *,
    materials_dir: Path | None = None,
    settings: PrintSettings | None = None,
    cache: RenderCache | None = None,
    jobs: int = 1,
    reads: ReadCache | None = None,
) -> BuildResult:
    """Build the pack of ``edition`` (its files, or a folder of them; the official pack if
    None) into ``out_dir``, laying out its materials in ``jobs`` processes; return what was
    written."""
    origin = edition.origin if isinstance(edition, EditionFiles) else edition
    out = Path(out_dir) if out_dir is not None else default_out_dir(origin)
    check_out_dir(out)  # a wrong --out costs milliseconds, not a layout
    content = load(edition, materials_dir, reads=reads)
    builder = PackBuilder(content, settings, cache)
    documents = builder.build(jobs=jobs)
    write_outputs(out, documents, builder.extra_files)
    return BuildResult(out, tuple(documents), tuple(builder.extra_files))


__all__ = ["BuildResult", "BuiltDocument", "PackBuilder", "Problem", "build_pack"]
