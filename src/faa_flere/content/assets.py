"""Checks for files an edition brings along: its logo.

An edition is untrusted input. A logo must be a file inside the edition's own
folder, small, and really an SVG, PNG or JPEG image; an SVG may not run scripts
or pull in anything from outside itself.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from ..errors import Message, Problem, msg
from .validation import suggest
from .yamlsource import SourceMap

MAX_LOGO_BYTES = 2 * 1024 * 1024
#: A logo printed 45 mm wide needs about 530 pixels; 16 megapixels is far more than enough.
MAX_LOGO_PIXELS = 16_000_000
#: An SVG logo with more shapes than this takes minutes to draw.
MAX_SVG_ELEMENTS = 5_000
IMAGE_SUFFIXES = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SAFE_REF = re.compile(r"^(#|data:image/(png|jpeg|gif);base64,)")
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.I)


def check_logo(folder: Path, name: str | None, source: SourceMap, problems: list[Problem]) -> Path | None:
    """The logo's path if it is a safe image in ``folder``; otherwise add a problem and return None."""
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

    path = folder / relative
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if not inside:
        fail(msg("logo-outside", name=name), msg("logo-missing.hint"))
        return None
    if path.exists() and not path.is_file():
        fail(msg("logo-not-file", name=name), msg("logo-missing.hint"))
        return None
    if not path.is_file():
        images = (
            [p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES]
            if folder.is_dir()
            else []
        )
        fail(msg("logo-missing", name=name), suggest(name, images) or msg("logo-missing.hint"))
        return None
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            fail(
                msg("logo-too-large", size=size // 1024, limit=MAX_LOGO_BYTES // 1024),
                msg("logo-too-large.hint"),
            )
            return None
        data = path.read_bytes()
    except OSError as e:
        fail(msg("logo-unreadable", name=name, reason=e.strerror))
        return None
    kind = IMAGE_SUFFIXES[suffix]
    trouble = _svg_trouble(data, name) if kind == "SVG" else _bitmap_trouble(data, kind, name)
    if trouble:
        smaller = trouble.code in ("logo-too-many-pixels", "logo-far-too-many-pixels", "logo-too-complex")
        fail(trouble, msg("logo-smaller.hint") if smaller else msg("logo-unsafe.hint"))
        return None
    return path


def check_templates(folder: Path) -> list[Problem]:
    """Every template an edition brings parses as Jinja (``validate`` finds a syntax error
    without rendering anything); files that are not regular are left to the renderer."""
    import jinja2

    environment = jinja2.Environment()
    problems = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.suffix not in (".html", ".css"):
            continue
        try:
            environment.parse(path.read_text(encoding="utf-8"))
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
