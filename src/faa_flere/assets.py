"""Checks for files an edition brings along: its logo.

An edition is untrusted input. A logo must be a file inside the edition's own
folder, small, and really an SVG, PNG or JPEG image; an SVG may not run scripts
or pull in anything from outside itself.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from .errors import Problem
from .validation import suggest
from .yamlsource import SourceMap

MAX_LOGO_BYTES = 2 * 1024 * 1024
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

    def fail(message: str, hint: str = "") -> None:
        problems.append(source.problem(loc, message, hint))

    relative = PurePosixPath(name)
    if _URL.match(name):
        fail(f"'{name}' is a URL", "put the logo file in the edition's folder and give its file name")
    elif relative.is_absolute() or "\\" in name or ".." in relative.parts:
        fail(
            f"'{name}' points outside the edition's folder",
            "give the name of a file in the folder, e.g. logo.svg",
        )
    elif (suffix := relative.suffix.lower()) not in IMAGE_SUFFIXES:
        fail(f"'{name}' is not an SVG, PNG or JPEG file", "save the logo as .svg, .png or .jpg")
    if len(problems) > count:
        return None

    path = folder / relative
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if not inside:
        fail(f"'{name}' points outside the edition's folder", "copy the file into the folder")
        return None
    if not path.is_file():
        images = (
            [p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES]
            if folder.is_dir()
            else []
        )
        fail(
            f"no file '{name}' in the edition's folder",
            suggest(name, images) or "copy the logo into the folder",
        )
        return None
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            fail(
                f"the logo is {size // 1024} KiB, more than {MAX_LOGO_BYTES // 1024} KiB",
                "use a smaller file",
            )
            return None
        data = path.read_bytes()
    except OSError as e:
        fail(f"cannot read '{name}': {e.strerror}")
        return None
    kind = IMAGE_SUFFIXES[suffix]
    trouble = _svg_trouble(data) if kind == "SVG" else _bitmap_trouble(data, kind)
    if trouble:
        fail(f"'{name}' {trouble}", "export the logo again as a plain SVG, PNG or JPEG")
        return None
    return path


def _bitmap_trouble(data: bytes, kind: str) -> str:
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
            found = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"is not a {kind} image"
    if found != kind:
        return f"is a {found} image, not {kind}: give it the right file ending"
    return ""


def _svg_trouble(data: bytes) -> str:
    """Why this SVG is not safe to embed, or an empty string."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "is not a UTF-8 SVG file"
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        return "declares a DOCTYPE or entities, which are not allowed"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return "is not an SVG image (it is not valid XML)"
    if _local(root.tag) != "svg":
        return "is not an SVG image"
    for element in root.iter():
        tag = _local(element.tag)
        if tag in {"script", "foreignObject", "iframe", "embed", "object"}:
            return f"contains <{tag}>, which is not allowed in a logo"
        for attribute, value in element.attrib.items():
            name = _local(attribute)
            if name.startswith("on"):
                return f"has an event handler ({name}), which is not allowed"
            if name == "href" and not _SAFE_REF.match(value.strip()):
                return f"refers to an outside file or address ({value[:40]})"
            if name == "style" and _CSS_URL.search(value):
                return "loads something from outside through its style"
        if tag == "style" and element.text and _CSS_URL.search(element.text):
            return "loads something from outside through its style"
    return ""


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]
