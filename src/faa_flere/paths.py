"""Where the official materials and templates are, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import BuildError

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # In a wheel the folders are copied into the package's data folder; in a checkout
    # they sit at the top of the repository, two levels above this file.
    for candidate in (_PACKAGE / "data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise BuildError.of("official-folder-missing", name=name)


def materials_dir() -> Path:
    """The official content: YAML files, fonts and icons."""
    return _find("materials")


def templates_dir() -> Path:
    """The official Jinja templates and their CSS."""
    return _find("templates")


def compiled_templates_dir() -> Path | None:
    """Where the command line keeps compiled templates between runs (the user's cache
    folder); None if it cannot be made."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "faa-flere" / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
