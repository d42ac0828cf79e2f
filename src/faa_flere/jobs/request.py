"""A job as a worker hands it to its build process, and the words its outcome is told in.

Light on purpose: the web process and the worker's own process import it, and neither
imports WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..i18n import Words
from ..store import EditionFiles

#: The jobs' results and failures are read by staff, in Danish.
WORDS = Words("da")


class Request(NamedTuple):
    """A job as a build process gets it: what to make of which files, and where."""

    kind: str  # "preview" or "pack"
    files: EditionFiles
    slug: str
    place: Path  # a preview's images folder (shared by all), or the pack's own folder
    options: dict[str, str]
