"""``faa-flere new-area``: a new edition folder with a commented area.yaml."""

from __future__ import annotations

import errno
import re
import unicodedata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..errors import FaaFlereError

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def slugify(name: str) -> str:
    """A safe folder name for an area: ``Gellerupparken/Toveshøj`` -> ``gellerupparken-toveshoej``."""
    text = unicodedata.normalize("NFKD", name.translate(_DANISH))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40].strip("-")


def yaml_string(value: str) -> str:
    """A double-quoted YAML string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def area_yaml_for(name: str, folder: Path) -> str:
    """The commented ``area.yaml`` of a new edition for the area ``name`` (``folder`` is
    where it is said to stand); raises for a name that cannot be an area's."""
    name = " ".join(name.split())
    if not slugify(name) or len(name) > 60 or not name.isprintable():
        raise FaaFlereError.of("bad-area-name", name=name)
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "scaffold"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = yaml_string
    return env.get_template("area.yaml").render(name=name, folder=str(folder))


def new_area(name: str, parent: Path = Path("areas")) -> Path:
    """Create ``parent/<slug>/area.yaml`` for the area ``name``; return the folder."""
    name = " ".join(name.split())
    slug = slugify(name)
    if not slug or len(name) > 60 or not name.isprintable():
        raise FaaFlereError.of("bad-area-name", name=name)
    if parent.exists() and not parent.is_dir():
        raise FaaFlereError.of("editions-not-folder", subject="--in", path=parent)
    folder = parent / slug
    if folder.exists():
        raise FaaFlereError.of("folder-exists", folder=folder, file=folder / "area.yaml")
    text = area_yaml_for(name, folder)
    try:
        folder.mkdir(parents=True)
        (folder / "area.yaml").write_text(text, encoding="utf-8")
    except OSError as e:
        code = {
            errno.ENOTDIR: "editions-not-folder",
            errno.EACCES: "os-permission",
            errno.ENOSPC: "os-no-space",
        }
        raise FaaFlereError.of(
            code.get(e.errno or 0, "os-not-found"), subject="--in", path=Path(e.filename or parent)
        ) from e
    return folder
