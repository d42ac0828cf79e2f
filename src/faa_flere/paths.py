"""Where the official materials and templates are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # In a wheel the folders are copied into the package; in a checkout they
    # sit at the top of the repository, two levels above this file.
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the official '{name}' folder is missing from the installation")


def materials_dir() -> Path:
    """The official content: YAML files, fonts and icons."""
    return _find("materials")


def templates_dir() -> Path:
    """The official Jinja templates and their CSS."""
    return _find("templates")
