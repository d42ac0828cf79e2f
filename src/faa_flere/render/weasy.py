"""The one module that touches WeasyPrint: layout, the URL fetcher, its log, its boxes,
the two workarounds that keep its output reproducible, one that keeps hyphens
searchable, and what a print shop needs added to its PDFs afterwards (the bleed box,
crop marks in the slug, a die line).

An upgrade of WeasyPrint is one file to read: this one.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import mimetypes
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urlsplit

import pikepdf
import pydyf
import weasyprint
from weasyprint.text.fonts import FontConfiguration

from ..errors import BuildError, Problem, msg

log = logging.getLogger(__name__)

if TYPE_CHECKING:

    class Document(Protocol):
        """What this project uses of a laid-out ``weasyprint.Document`` (WeasyPrint has no types)."""

        pages: list[Any]
        metadata: Any

        def copy(self, pages: Any = "all") -> Document: ...

        def write_pdf(
            self,
            target: None = None,
            zoom: float = 1,
            finisher: Callable[[Document, Any], None] | None = None,
            **options: Any,
        ) -> bytes: ...

else:
    Document = weasyprint.Document

PX_PER_MM = 96 / 25.4
PT_PER_MM = 72 / 25.4


def weasyprint_version() -> str:
    return version("weasyprint")


class LocalFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
    """Fetches ``file:`` URLs below the allowed folders, ``data:`` URLs, and the files
    given in memory by their URL (an edition's logo, ``edition:logo.png``); nothing else."""

    def __init__(self, roots: Iterable[Path], resources: Mapping[str, bytes] | None = None):
        super().__init__(allowed_protocols={"file", "data"}, timeout=1)
        self.roots = tuple(root.resolve() for root in roots)
        self.resources = dict(resources or {})

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url in self.resources:
            kind = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                url, self.resources[url], headers={"Content-Type": kind}
            )
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"refused to read {path}: outside the pack's folders")
        elif parts.scheme != "data":
            raise ValueError(f"refused to fetch {url}: only local files are read")
        return super().fetch(url, headers)


class Layout:
    """Lays out HTML into documents with one font configuration and one fetcher."""

    def __init__(
        self,
        base_dir: Path,
        roots: Iterable[Path],
        options: dict[str, Any],
        strict: bool = True,
        resources: Mapping[str, bytes] | None = None,
    ):
        """``roots``: the folders whose files may be read; ``resources``: files given in
        memory, by URL."""
        self.base_url = base_dir.as_uri() + "/"
        self.fetcher = LocalFetcher(roots, resources)
        self.font_config = FontConfiguration()
        self.options = options
        self.strict = strict

    def document(self, html: str, template: str = "") -> Document:
        """Lay out ``html``. What WeasyPrint complains about (a file it may not read, CSS it
        does not know) fails a strict build, and is a warning otherwise."""
        collector = _Collector()
        weasyprint_log = logging.getLogger("weasyprint")
        weasyprint_log.addHandler(collector)
        try:
            html_doc = weasyprint.HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
            document: Document = html_doc.render(font_config=self.font_config, **self.options)
        finally:
            weasyprint_log.removeHandler(collector)
        if collector.messages:
            detail = "; ".join(dict.fromkeys(collector.messages))
            problem = Problem(None, None, (), msg("renderer-reported", detail=detail), subject=template)
            if self.strict:
                raise BuildError([problem])
            log.warning("%s", problem)
        return document


class _Collector(logging.Handler):
    """Keeps WeasyPrint's warnings and errors for one layout."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def copy_pages(document: Document, pages: list[Any]) -> Document:
    """A document of ``pages`` (pages of ``document`` or of others laid out alike)."""
    return document.copy(pages)


def write_pdf(
    document: Document, options: dict[str, Any], finishing: Finishing | None = None, tagged: bool = False
) -> bytes:
    """The PDF bytes of a laid-out document, the same bytes every time; ``tagged`` mends
    what WeasyPrint's tagging leaves short of PDF/UA-1 (see ``mend_tags``), and
    ``finishing`` finishes it for the print shop."""

    def finisher(document: Document, pdf: Any) -> None:
        _finish(document, pdf)
        if tagged:
            mend_tags(document, pdf)

    with pristine_backgrounds(document):
        data: bytes = document.write_pdf(finisher=finisher, **options)
    if finishing is not None:
        data = finish(data, finishing, [cut_paths(page) for page in document.pages])
    return data


def _finish(document: Document, pdf: Any) -> None:
    stable_document_id(document, pdf)
    hyphens_as_typed(pdf)
    subset_tags_from_fonts(pdf)


# --- text that must fit its box ------------------------------------------------------


@dataclass(frozen=True)
class MarkedBox:
    """A laid-out box whose element carries ``data-fit``, measured in mm."""

    key: str
    page: int
    too_tall_mm: float
    too_wide_mm: float


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _walk(child)


def marked_boxes(document: Document) -> list[MarkedBox]:
    """How far the text of every ``data-fit`` box reaches past its bottom and right edge.

    A box is measured against ``data-fit-height`` mm when given (table cells grow
    instead of clipping), else its own height.
    """
    found: list[MarkedBox] = []
    for number, page in enumerate(document.pages):
        seen: set[int] = set()
        for box in _walk(page._page_box):
            element = getattr(box, "element", None)
            if element is None or id(element) in seen or not element.get("data-fit"):
                continue
            seen.add(id(element))
            found.append(_measure(box, element, number))
    return found


def _measure(box: Any, element: Any, page: int) -> MarkedBox:
    top, left = box.content_box_y(), box.content_box_x()
    limit = element.get("data-fit-height")
    bottom = top + (float(limit) * PX_PER_MM if limit else box.height)
    right = left + box.width
    highest, lowest, rightmost = top, top, left
    for inner in _walk(box):
        if type(inner).__name__ == "TextBox":
            highest = min(highest, inner.position_y)
            lowest = max(lowest, inner.position_y + inner.margin_height())
            rightmost = max(rightmost, inner.position_x + inner.margin_width())
    # Centred text spills out at the top as well as at the bottom.
    tall = (lowest - bottom + max(top - highest, 0)) / PX_PER_MM
    wide = (rightmost - right) / PX_PER_MM
    return MarkedBox(element.get("data-fit"), page, max(tall, 0.0), max(wide, 0.0))


# --- reproducible output -------------------------------------------------------------


@contextlib.contextmanager
def pristine_backgrounds(document: Document) -> Iterator[None]:
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


def stable_document_id(document: Document, pdf: Any) -> None:
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


_FONT_FILES = ("FontFile2", "FontFile3", "FontFile")


def _subset_tag(data: bytes) -> str:
    """Six capital letters derived from a font program."""
    return "".join(chr(65 + byte % 26) for byte in hashlib.sha256(data).digest()[:6])


def _retagged(name: Any, tag: str) -> bytes:
    """``/ABCDEF+Lato-Bold`` (bytes or str) with ``tag`` for its subset tag."""
    text = name.decode() if isinstance(name, bytes) else str(name)
    base = text.lstrip("/")
    if len(base) > 7 and base[6] == "+" and base[:6].isalpha():
        base = base[7:]
    return f"/{tag}+{base}".encode()


def subset_tags_from_fonts(pdf: Any) -> None:
    """Name every embedded font subset after its font program.

    WeasyPrint derives the six letters before the ``+`` from the font's description
    (``Lato Bold``), so every document's subset of a face had the same name, with
    different glyphs in it; a shop that merges the files, or a RIP that caches fonts
    by name, would draw one document's text with another's glyphs. The tag is now
    derived from the embedded font program: the same subset has the same name, a
    different one another. The font's BaseFont, its descendant CIDFont's and its
    descriptor's FontName change together.
    """
    names: dict[int, bytes] = {}
    for number, obj in enumerate(pdf.objects):
        if not isinstance(obj, pydyf.Dictionary) or obj.get("Type") != "/FontDescriptor":
            continue
        key = next((k for k in _FONT_FILES if k in obj), None)
        if key is None or "FontName" not in obj:
            continue
        parts = pdf.objects[_number(obj[key])].stream
        data = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in parts)
        names[number] = obj["FontName"] = _retagged(obj["FontName"], _subset_tag(data))
    descendants: dict[int, bytes] = {}
    for number, obj in enumerate(pdf.objects):
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Font" and "FontDescriptor" in obj:
            name = names.get(_number(obj["FontDescriptor"]))
            if name is not None:
                descendants[number] = obj["BaseFont"] = name
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Font" and "DescendantFonts" in obj:
            name = descendants.get(_number(obj["DescendantFonts"][0]))
            if name is not None:
                obj["BaseFont"] = name


# --- text as it was typed ------------------------------------------------------------

#: An entry of a ToUnicode CMap that maps a glyph to U+2010 HYPHEN.
_HYPHEN_ENTRY = re.compile(rb"^(<[0-9a-f]{4}>) <2010>$")


def hyphens_as_typed(pdf: Any) -> None:
    """Make the hyphen glyph extract as the hyphen-minus U+002D that was typed.

    Lato draws U+002D, U+00AD and U+2010 with one glyph, and WeasyPrint names a glyph
    after the first character it was drawn for; once a line broke inside a word (the
    hyphenation character is U+2010), every hyphen of the font extracted as U+2010 and
    a search for »A4-udgaven« found nothing. A hyphen ending a line now extracts as
    U+002D too, as in most PDFs.
    """
    for obj in pdf.objects:
        parts = getattr(obj, "stream", None)
        if not isinstance(parts, list) or b"/CMapName /Adobe-Identity-UCS def" not in parts:
            continue
        obj.stream = [
            _HYPHEN_ENTRY.sub(rb"\1 <002d>", part) if isinstance(part, bytes) else part for part in parts
        ]


# --- finishing for the print shop -----------------------------------------------------


@dataclass(frozen=True)
class Finishing:
    """What is added to the PDF after WeasyPrint: the page is laid out with a CSS bleed of
    ``bleed_mm + slug_mm``; the BleedBox is set ``bleed_mm`` outside the TrimBox, the
    content is clipped to it, and the slug outside it gets the crop marks only."""

    bleed_mm: float
    slug_mm: float
    crop_marks: bool = True
    #: The spot colour of the die line, or None for no die line.
    cut_name: str | None = None
    #: The die line's colour where the spot colour is not kept (CMYK, 0 to 1).
    cut_cmyk: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 0.0)
    cut_width_pt: float = 0.25
    mark_width_pt: float = 0.25
    #: Colours (``#RRGGBB``) drawn with black ink only, as every grey is; empty to leave
    #: all colour to the shop's profile (see :func:`neutrals_to_black`).
    neutrals: tuple[str, ...] = ()


#: Resource names added to the pages (WeasyPrint's own are short: /a1, /A1.0, /f1 …).
_REGISTRATION, _CUT, _OVERPRINT = "/FaaRegistration", "/FaaCut", "/FaaOverprint"
_PATH_TOKEN = re.compile(r"[MLCZmlcz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")


def cut_paths(page: Any) -> list[tuple[float, float, str]]:
    """The die lines of a laid-out page: every element's ``data-cut``, SVG path data in mm
    from the element's top-left corner, with that corner's position in mm."""
    found, seen = [], set()
    for box in _walk(page._page_box):
        element = getattr(box, "element", None)
        if element is None or id(element) in seen or not element.get("data-cut"):
            continue
        seen.add(id(element))
        found.append(
            (box.border_box_x() / PX_PER_MM, box.border_box_y() / PX_PER_MM, element.get("data-cut"))
        )
    return found


def _path_operators(path: str, x0: float, y0: float) -> str:
    """SVG path data (absolute M, L, C, Z; mm, y down) as PDF path operators in points, y up,
    the page's top-left corner at (x0, y0) in PDF space."""
    ops, numbers = [], []
    names = {"M": "m", "L": "l", "C": "c"}
    command = ""
    for token in _PATH_TOKEN.findall(path):
        if token.isalpha():
            command = token.upper()
            if command == "Z":
                ops.append("h")
            continue
        numbers.append(float(token))
        need = 6 if command == "C" else 2
        if len(numbers) == need:
            points = " ".join(
                f"{x0 + x * PT_PER_MM:.3f} {y0 - y * PT_PER_MM:.3f}"
                for x, y in zip(numbers[::2], numbers[1::2], strict=True)
            )
            ops.append(f"{points} {names[command]}")
            numbers = []
            if command == "M":
                command = "L"  # coordinates after a moveto are linetos
    return "\n".join(ops)


def _crop_marks(trim: list[float], finishing: Finishing) -> str:
    """Two short lines at each corner, on the trim lines, in the slug only."""
    start = (finishing.bleed_mm + 1) * PT_PER_MM
    end = (finishing.bleed_mm + finishing.slug_mm - 1) * PT_PER_MM
    left, bottom, right, top = trim
    lines = []
    for x, sx in ((left, -1), (right, 1)):
        for y, sy in ((bottom, -1), (top, 1)):
            lines.append(f"{x + sx * start:.3f} {y:.3f} m {x + sx * end:.3f} {y:.3f} l")
            lines.append(f"{x:.3f} {y + sy * start:.3f} m {x:.3f} {y + sy * end:.3f} l")
    body = "\n".join(lines)
    return f"q {_REGISTRATION} CS 1 SCN {finishing.mark_width_pt} w 0 J\n{body}\nS Q\n"


def _separation(pdf: pikepdf.Pdf, name: str, cmyk: tuple[float, float, float, float]) -> pikepdf.Array:
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=list(cmyk), N=1)
    return pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/" + name), pikepdf.Name.DeviceCMYK, tint])


def _entry(parent: Any, key: str) -> Any:
    """The dictionary under ``key`` in ``parent``, made empty if missing."""
    if key not in parent:
        parent[key] = pikepdf.Dictionary()
    return parent[key]


def finish(data: bytes, finishing: Finishing, cuts: list[list[tuple[float, float, str]]]) -> bytes:
    """Set the BleedBox, clip the content to it, draw the crop marks in the slug and the die
    lines of ``cuts`` (one list a page, from :func:`cut_paths`) in their spot colour."""
    bleed = finishing.bleed_mm * PT_PER_MM
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if finishing.neutrals:
            neutrals_to_black(pdf, finishing.neutrals)
        registration = _separation(pdf, "All", (1.0, 1.0, 1.0, 1.0))
        cut = _separation(pdf, finishing.cut_name, finishing.cut_cmyk) if finishing.cut_name else None
        overprint = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=True, op=True, OPM=1)
        for page, page_cuts in zip(pdf.pages, cuts, strict=True):
            trim = [float(v) for v in page.TrimBox]
            box = [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
            page.BleedBox = pikepdf.Array(box)
            resources = _entry(page.obj, "/Resources")
            spaces, states = _entry(resources, "/ColorSpace"), _entry(resources, "/ExtGState")
            spaces[_REGISTRATION] = registration
            after = "Q\n"
            if finishing.crop_marks:
                after += _crop_marks(trim, finishing)
            if cut is not None and page_cuts:
                spaces[_CUT] = cut
                states[_OVERPRINT] = overprint
                paths = "\n".join(
                    _path_operators(d, trim[0] + x * PT_PER_MM, trim[3] - y * PT_PER_MM)
                    for x, y, d in page_cuts
                )
                after += (
                    f"q {_OVERPRINT} gs {_CUT} CS 1 SCN {finishing.cut_width_pt} w 0 J 0 j\n{paths}\nS Q\n"
                )
            clip = f"q {box[0]:.3f} {box[1]:.3f} {box[2] - box[0]:.3f} {box[3] - box[1]:.3f} re W n\n"
            page.contents_add(pdf.make_stream(clip.encode()), prepend=True)
            page.contents_add(pdf.make_stream(after.encode()))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


_RGB = {pikepdf.Operator("rg"): pikepdf.Operator("k"), pikepdf.Operator("RG"): pikepdf.Operator("K")}


def _rgb255(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def neutrals_to_black(pdf: pikepdf.Pdf, neutrals: Iterable[str]) -> None:
    """Draw the ``neutrals`` (hex colours) and every grey in black ink only.

    WeasyPrint writes every colour as DeviceRGB (``r g b rg``, ``RG``) and the shop
    separates it through the output intent: the body text's dark blue-grey became four
    inks of almost 300 %, and small text in four colours prints blurred wherever the
    plates are off register. Such colours become ``0 0 0 K k`` with K = 1 - luma
    (0.299 r + 0.587 g + 0.114 b), in the pages and in the forms and patterns they draw.
    """
    wanted = {_rgb255(colour) for colour in neutrals}
    done: set[tuple[int, int]] = set()

    def black(operands: Any, operator: pikepdf.Operator) -> tuple[list[Any], pikepdf.Operator] | None:
        if operator not in _RGB or len(operands) != 3:
            return None
        rgb = tuple(float(v) for v in operands)
        key = tuple(round(v * 255) for v in rgb)
        if key not in wanted and not (key[0] == key[1] == key[2]):
            return None
        luma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
        k = Decimal(f"{min(max(1 - luma, 0.0), 1.0):.2f}")
        return [0, 0, 0, k], _RGB[operator]

    def rewrite(instructions: list[Any]) -> bytes | None:
        changed = False
        out: list[Any] = []
        for operands, operator in instructions:
            replaced = black(operands, operator)
            if replaced is not None:
                changed = True
                out.append(replaced)
            else:
                out.append((operands, operator))
        return pikepdf.unparse_content_stream(out) if changed else None

    def drawn_by(resources: Any) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        for kind in ("/XObject", "/Pattern"):
            for item in dict(resources.get(kind, {})).values():
                if not isinstance(item, pikepdf.Stream) or item.objgen in done:
                    continue
                if item.get("/Subtype") != "/Form" and item.get("/PatternType") != 1:
                    continue
                done.add(item.objgen)
                data = rewrite(list(pikepdf.parse_content_stream(item)))
                if data is not None:
                    item.write(data)
                drawn_by(item.get("/Resources"))

    for page in pdf.pages:
        data = rewrite(list(pikepdf.parse_content_stream(page)))
        if data is not None:
            page.obj.Contents = pdf.make_stream(data)
        drawn_by(page.obj.get("/Resources"))


# --- tagged PDF (PDF/UA-1) -----------------------------------------------------------


def mend_tags(document: Document, pdf: Any) -> None:
    """Mend what WeasyPrint 70 leaves short of PDF/UA-1 in a tagged PDF.

    - a ToUnicode map of a font kept whole for form fields maps ``.null`` to U+0000 and
      a glyph to U+FEFF: those entries go;
    - a table header cell gets its /Scope (Row for ``scope="row"``, else Column);
    - a link is described by its text (WeasyPrint writes the target, a slug);
    - a check box or radio button gets an Off appearance beside its On one;
    - the running header and footer (page margin boxes) are made pagination artifacts:
      WeasyPrint tags them but links them nowhere in the structure tree;
    - the radio buttons of a group are its kids only, not fields of the form as well.
    """
    for page in document.pages:
        for box in _walk(page._page_box):
            mark = getattr(box, "mark", None)
            element = getattr(box, "element", None)
            if mark is not None and element is not None and element.tag == "th":
                scope = "/Row" if element.get("scope") == "row" else "/Column"
                mark["A"]["Scope"] = scope
            link = getattr(box, "link_annotation", None)
            if link is not None and element is not None and "Contents" in link:
                words = element.get("title") or " ".join("".join(element.itertext()).split())
                if words:
                    link["Contents"] = pydyf.String(words)
    _orphans_to_artifacts(pdf)
    form = pdf.catalog.get("AcroForm")
    if form is not None:  # a radio button belongs to its group, not among the form's fields
        form["Fields"] = pydyf.Array(
            ref for ref in form["Fields"] if "Parent" not in pdf.objects[_number(ref)]
        )
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream):
            if obj.stream[:1] == [_CMAP_START]:
                _clean_to_unicode(obj)
        elif isinstance(obj, pydyf.Dictionary) and obj.get("Subtype") == "/Widget":
            _off_appearance(pdf, obj)


_CMAP_START = b"/CIDInit /ProcSet findresource begin"
_NOT_TEXT = re.compile(rb"^<[0-9a-f]+> <(0000|feff|fffe)>$", re.IGNORECASE)


def _clean_to_unicode(stream: Any) -> None:
    """Drop the entries mapping a glyph to U+0000, U+FEFF or U+FFFE, which PDF/UA forbids."""
    lines = stream.stream
    if not any(isinstance(line, bytes) and _NOT_TEXT.match(line) for line in lines):
        return
    kept: list[Any] = []
    batch: list[bytes] = []
    inside = False
    for line in lines:
        if isinstance(line, bytes) and line.endswith(b" beginbfchar"):
            inside, batch = True, []
        elif inside and line == b"endbfchar":
            inside = False
            if batch:
                kept.extend([f"{len(batch)} beginbfchar".encode(), *batch, line])
        elif inside:
            if not _NOT_TEXT.match(line):
                batch.append(line)
        else:
            kept.append(line)
    stream.stream = kept


def _off_appearance(pdf: Any, widget: Any) -> None:
    """Give a check box or radio button an (empty) Off appearance."""
    appearance = widget.get("AP")
    normal = appearance.get("N") if appearance is not None else None
    if not isinstance(normal, pydyf.Dictionary) or "Off" in normal:
        return
    x1, y1, x2, y2 = (float(v) for v in widget["Rect"])
    off = pydyf.Stream(
        [],
        {"Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array((0, 0, abs(x2 - x1), abs(y2 - y1)))},
    )
    pdf.add_object(off)
    normal["Off"] = off.reference


def _number(reference: Any) -> int:
    """The object number of a pydyf reference (``b"12 0 R"``)."""
    return int(bytes(reference).split()[0]) if not isinstance(reference, int) else reference


def _orphans_to_artifacts(pdf: Any) -> None:
    """Mark content whose structure element is linked nowhere in the tree (the text of
    the page margin boxes) as a pagination artifact, and unmap it from the parent tree."""
    root = pdf.objects[_number(pdf.catalog["StructTreeRoot"])]
    reachable: set[int] = set()
    todo = [_number(ref) for ref in root["K"]]
    while todo:
        number = todo.pop()
        if number in reachable:
            continue
        reachable.add(number)
        kids = pdf.objects[number].get("K")
        if isinstance(kids, pydyf.Array):
            todo.extend(_number(kid) for kid in kids if isinstance(kid, bytes))
    nums = pdf.objects[_number(root["ParentTree"])]["Nums"]
    page_count = len(pdf.pages["Kids"]) // 3
    for key, refs in zip(nums[::2], nums[1::2], strict=True):
        if key >= page_count or not isinstance(refs, pydyf.Array):
            continue
        orphans = {mcid for mcid, ref in enumerate(refs) if _number(ref) not in reachable}
        if not orphans:
            continue
        for mcid in orphans:
            refs[mcid] = "null"
        page_object = pdf.objects[pdf.pages["Kids"][key * 3]]
        items = pdf.objects[_number(page_object["Contents"])].stream
        for i, item in enumerate(items):
            if isinstance(item, pydyf.Dictionary) and item.get("MCID") in orphans and i > 0:
                items[i - 1] = "/Artifact"
                items[i] = pydyf.Dictionary({"Type": "/Pagination"})
