"""Checks for files an edition brings along: its logo and its templates.

An edition is untrusted input. A logo must be one of the edition's own files, small,
and really an SVG, PNG or JPEG image; an SVG may not run scripts
or pull in anything from outside itself.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from ..errors import ContentError, Message, Problem, msg
from .files import MAX_LOGO_BYTES, EditionFiles
from .loading import Logo
from .validation import suggest
from .yamlsource import SourceMap

if TYPE_CHECKING:
    from PIL import Image

#: A logo printed 45 mm wide needs about 530 pixels; 16 megapixels is far more than enough.
MAX_LOGO_PIXELS = 16_000_000
#: An SVG logo with more shapes than this takes minutes to draw.
MAX_SVG_ELEMENTS = 5_000
#: The longest side a raster logo keeps at upload. The largest print of a logo is the A3
#: poster's (solskinsmodellen.html: at most 64 mm wide, 22 mm high; elsewhere 14 mm high
#: and 35-45 mm wide): 64 mm at 300 dpi is 756 pixels, so 1200 leaves room for 475 dpi,
#: or for a poster enlarged to A2.
LOGO_PRINT_PIXELS = 1200
#: A raster upload with more pixels than this is refused, not shrunk: no logo needs it,
#: and even read in bands it costs seconds (13,000 x 13,000, 169 megapixels, still
#: shrinks, in about 5 s). Pillow itself refuses to open more than twice its
#: ``MAX_IMAGE_PIXELS`` (179 megapixels), as "far too many pixels".
MAX_UPLOAD_PIXELS = 175_000_000
#: Pixels Pillow may decode in one piece while shrinking: a PNG that cannot be read in
#: bands (16-bit, interlaced) is read whole only up to the content check's own limit.
_BAND_PIXELS = 1_000_000
IMAGE_SUFFIXES = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SAFE_REF = re.compile(r"^(#|data:image/(png|jpeg|gif);base64,)")
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.I)


def check_logo(
    edition: EditionFiles, name: str | None, source: SourceMap, problems: list[Problem]
) -> Logo | None:
    """The logo named ``name`` if it is a safe image among the edition's files; otherwise
    add a problem and return None."""
    if name is None:
        return None
    loc = ("area", "logo")
    count = len(problems)

    def fail(message: Message, hint: Message | None = None) -> None:
        problems.append(source.problem(loc, message, hint))

    relative = PurePosixPath(name)
    if _URL.match(name):
        fail(msg("logo-url", name=name), msg("logo-url.hint"))
    elif relative.is_absolute() or "\\" in name or ".." in relative.parts:
        fail(msg("logo-outside", name=name), msg("logo-outside.hint"))
    elif (suffix := relative.suffix.lower()) not in IMAGE_SUFFIXES:
        fail(msg("logo-kind", name=name), msg("logo-kind.hint"))
    if len(problems) > count:
        return None

    key = relative.as_posix()
    data = edition.files.get(key)
    if data is None:
        if any(other.startswith(f"{key}/") for other in edition.files):
            fail(msg("logo-not-file", name=name), msg("logo-missing.hint"))
            return None
        images = [other for other in edition.files if PurePosixPath(other).suffix.lower() in IMAGE_SUFFIXES]
        fail(msg("logo-missing", name=name), suggest(name, images) or msg("logo-missing.hint"))
        return None
    if len(data) > MAX_LOGO_BYTES:
        fail(
            msg("logo-too-large", size=len(data) // 1024, limit=MAX_LOGO_BYTES // 1024),
            msg("logo-too-large.hint"),
        )
        return None
    kind = IMAGE_SUFFIXES[suffix]
    trouble = _svg_trouble(data, name) if kind == "SVG" else _bitmap_trouble(data, kind, name)
    if trouble:
        smaller = trouble.code in ("logo-too-many-pixels", "logo-far-too-many-pixels", "logo-too-complex")
        fail(trouble, msg("logo-smaller.hint") if smaller else msg("logo-unsafe.hint"))
        return None
    return Logo(key, data)


@dataclass(frozen=True)
class FittedLogo:
    """A raster logo made fit for print: its bytes, and its pixel size before and after."""

    data: bytes
    before: tuple[int, int]
    after: tuple[int, int]

    @property
    def shrunk(self) -> bool:
        return self.before != self.after


def fit_logo(data: bytes, suffix: str) -> FittedLogo:
    """A PNG or JPEG logo (``suffix`` ``.png``, ``.jpg`` or ``.jpeg``) no larger than print
    needs: scaled down to :data:`LOGO_PRINT_PIXELS` on its longest side, transparency kept,
    JPEG at quality 90, metadata left out. A logo small enough already comes back as it was.

    The pixel size is read from the header before any pixel is decoded; a large PNG is then
    read a band of rows at a time (:mod:`.pngbands`) and a large JPEG at 1/2 to 1/8 of its
    size (Pillow's ``draft``), so memory stays small whatever the header says. Raises
    :class:`ContentError` for a file that is not an image of its kind or has more than
    :data:`MAX_UPLOAD_PIXELS` pixels."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    from . import pngbands

    kind = IMAGE_SUFFIXES.get(suffix.lower())
    name = f"logo{suffix.lower()}"
    if kind not in ("PNG", "JPEG"):
        raise ContentError.of("logo-kind", msg("logo-kind.hint"), name=name)
    try:
        with warnings.catch_warnings():
            # The size is checked here, against a limit of our own.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data), formats=[kind])  # reads the header only
    except Image.DecompressionBombError as e:
        raise ContentError.of("logo-far-too-many-pixels", msg("logo-smaller.hint"), name=name) from e
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise ContentError.of("logo-not-image", msg("logo-unsafe.hint"), name=name, kind=kind) from e
    with image:
        width, height = before = image.size
        if width * height > MAX_UPLOAD_PIXELS:
            raise ContentError.of(
                "logo-upload-too-many-pixels",
                msg("logo-smaller.hint"),
                width=width,
                height=height,
                limit=MAX_UPLOAD_PIXELS // 1_000_000,
            )
        if max(before) <= LOGO_PRINT_PIXELS:
            return FittedLogo(data, before, before)
        try:
            if kind == "JPEG":
                smaller = _jpeg_smaller(image)
            elif pngbands.streamable(data):
                smaller = _png_smaller(data, before)
            elif width * height <= MAX_LOGO_PIXELS:
                smaller = _whole_smaller(image)
            else:
                raise ContentError.of(
                    "logo-too-many-pixels", msg("logo-smaller.hint"), name=name, width=width, height=height
                )
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
            raise ContentError.of("logo-not-image", msg("logo-unsafe.hint"), name=name, kind=kind) from e
        if kind == "JPEG":
            smaller = ImageOps.exif_transpose(smaller)  # the turn the camera wrote, before it is dropped
    smaller.thumbnail((LOGO_PRINT_PIXELS, LOGO_PRINT_PIXELS), Image.Resampling.LANCZOS)
    out = BytesIO()
    if kind == "JPEG":
        smaller.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
    else:
        smaller.save(out, "PNG", optimize=True)  # no info passed on: no text, EXIF or ICC chunks
    return FittedLogo(out.getvalue(), before, smaller.size)


def _jpeg_smaller(image: Image.Image) -> Image.Image:
    """The JPEG decoded at the smallest of 1/1, 1/2, 1/4 or 1/8 of its size that is still
    at least twice the print size (the file's own DCT scaling: the whole is never decoded)."""
    image.draft("RGB", (2 * LOGO_PRINT_PIXELS, 2 * LOGO_PRINT_PIXELS))
    image.load()
    smaller = image.copy()
    # Keep the orientation tag for exif_transpose; nothing else of the file's metadata.
    orientation = image.getexif().get(0x0112)
    smaller.info = {}
    if orientation:
        exif = smaller.getexif()
        exif[0x0112] = orientation
    return smaller


def _png_smaller(data: bytes, size: tuple[int, int]) -> Image.Image:
    """The PNG shrunk by a whole factor to about twice the print size, a band at a time
    (a box filter per band, bands a multiple of the factor tall, so no seams)."""
    from PIL import Image

    from . import pngbands

    width, height = size
    factor = max(1, max(size) // (2 * LOGO_PRINT_PIXELS))
    rows = max(1, _BAND_PIXELS // (width * factor)) * factor
    canvas: Image.Image | None = None
    top = 0
    for band in pngbands.bands(data, rows):
        alpha = band.mode in ("LA", "RGBA") or "transparency" in band.info
        wanted = "RGBA" if alpha else "RGB"
        band = band if band.mode == wanted else band.convert(wanted)
        reduced = band.reduce(factor)
        if canvas is None:
            canvas = Image.new(band.mode, (-(-width // factor), -(-height // factor)))
        canvas.paste(reduced, (0, top))
        top += reduced.height
    assert canvas is not None
    return canvas


def _whole_smaller(image: Image.Image) -> Image.Image:
    image.load()
    alpha = image.mode in ("LA", "RGBA", "PA") or "transparency" in image.info
    return image.convert("RGBA" if alpha else "RGB")


def check_templates(templates: Mapping[str, bytes], folder: Path) -> list[Problem]:
    """Every template an edition brings (by name below ``folder``) parses as Jinja
    (``parse`` finds a syntax error without rendering anything)."""
    import jinja2

    environment = jinja2.Environment()
    problems = []
    for name, data in sorted(templates.items()):
        if PurePosixPath(name).suffix not in (".html", ".css"):
            continue
        path = folder / name
        try:
            environment.parse(data.decode("utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(path, None, (), msg("file-not-utf8"), msg("file-not-utf8.hint")))
        except jinja2.TemplateSyntaxError as e:
            problems.append(
                Problem(
                    path,
                    e.lineno,
                    (),
                    msg("template-error", detail=e.message or ""),
                    msg("template-error.hint"),
                )
            )
    return problems


def _bitmap_trouble(data: bytes, kind: str, name: str) -> Message | None:
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:  # reads the header only
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    return msg("logo-too-many-pixels", name=name, width=width, height=height)
                image.verify()
                found = image.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return msg("logo-far-too-many-pixels", name=name)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return msg("logo-not-image", name=name, kind=kind)
    if found != kind:
        return msg("logo-wrong-ending", name=name, found=found, kind=kind)
    return None


def _svg_trouble(data: bytes, name: str) -> Message | None:
    """Why this SVG is not safe to embed, or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return msg("logo-not-utf8", name=name)
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        return msg("logo-doctype", name=name)
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return msg("logo-not-xml", name=name)
    if _local(root.tag) != "svg":
        return msg("logo-not-svg", name=name)
    for count, element in enumerate(root.iter()):
        if count > MAX_SVG_ELEMENTS:
            return msg("logo-too-complex", name=name, limit=MAX_SVG_ELEMENTS)
        tag = _local(element.tag)
        if tag in {"script", "foreignObject", "iframe", "embed", "object"}:
            return msg("logo-element", name=name, tag=tag)
        for attribute, value in element.attrib.items():
            attribute_name = _local(attribute)
            if attribute_name.startswith("on"):
                return msg("logo-handler", name=name, attribute=attribute_name)
            if attribute_name == "href" and not _SAFE_REF.match(value.strip()):
                return msg("logo-reference", name=name, target=value[:40])
            if attribute_name == "style" and _CSS_URL.search(value):
                return msg("logo-style", name=name)
        if tag == "style" and element.text and _CSS_URL.search(element.text):
            return msg("logo-style", name=name)
    return None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]
