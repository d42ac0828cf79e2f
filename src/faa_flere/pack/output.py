"""A pack's output, written whole or not at all (through :mod:`..atomic`), for the command
line and the web page alike.

A pack is made in a new folder beside the old one (unchanged files are hard links to
the old ones), and the two are swapped only when every file is on disk. Whatever
fails, and wherever, the earlier pack stays as it was and nothing is left beside it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from ..atomic import check_out_dir, replaced_whole
from ..toolkit import PACK_FILENAME


class Document(Protocol):
    @property
    def filename(self) -> str: ...

    @property
    def data(self) -> bytes | None: ...


def default_out_dir(edition: Path | str | None) -> Path:
    """``out/official`` for the official pack, ``out/<folder name>`` for an edition."""
    return Path("out") / (Path(edition).resolve().name if edition else "official")


def write_outputs(
    out_dir: Path, documents: Iterable[Document], extra_files: Mapping[str, bytes] | None = None
) -> None:
    """Replace the pack in ``out_dir`` by one holding ``documents`` (and the earlier files
    they do not replace), all at once. ``extra_files`` (name -> bytes, like
    ``plotter/brikker-ark-1.svg``) replace the earlier pack's plotter folder whole."""
    check_out_dir(out_dir)
    with replaced_whole(out_dir) as staging:
        if out_dir.is_dir():
            shutil.copytree(out_dir, staging, copy_function=_link_or_copy, dirs_exist_ok=True)
            shutil.copymode(out_dir, staging)
        names = {document.filename for document in documents}
        for old in staging.iterdir():
            # PDFs of an earlier pack that this one no longer has: they would look current.
            if _PACK_PDF.match(old.name) and old.name not in names:
                old.unlink()
        # The plotter's files are made anew every build: an earlier one could be stale.
        shutil.rmtree(staging / PLOTTER_DIR, ignore_errors=True)
        files = {d.filename: d.data for d in documents if d.data is not None} | dict(extra_files or {})
        for filename, data in files.items():
            target = staging / filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a hard link to the old file: never write through it
            target.write_bytes(data)


#: The folder of a pack's cut files for a cutting plotter.
PLOTTER_DIR = "plotter"

#: The names of a pack's PDFs: ``4-tjekliste-for-bidrag.pdf``, ``faa-flere-paa-banen.pdf``.
_PACK_PDF = re.compile(rf"^(\d+-[a-z0-9-]+\.pdf|{re.escape(PACK_FILENAME)})$")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
