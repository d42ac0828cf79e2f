"""Output written whole or not at all, for the command line and the web page alike.

A pack is made in a new folder beside the old one (unchanged files are hard links to
the old ones), and the two are swapped only when every file is on disk. Whatever
fails, and wherever, the earlier pack stays as it was and nothing is left beside it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from ..errors import BuildError, Problem, msg


class Document(Protocol):
    @property
    def filename(self) -> str: ...

    @property
    def data(self) -> bytes | None: ...


def default_out_dir(edition: Path | str | None) -> Path:
    """``out/official`` for the official pack, ``out/<folder name>`` for an edition."""
    return Path("out") / (Path(edition).resolve().name if edition else "official")


def _cannot_write(path: Path, error: OSError, subject: str = "--out") -> BuildError:
    reason = error.strerror or type(error).__name__
    return BuildError(
        [Problem(path, None, (), msg("cannot-write", reason=reason), msg("cannot-write.hint"), subject)]
    )


def check_out_dir(out_dir: Path) -> None:
    """Before any layout: the output folder is a folder (or can become one) we may write in."""
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(
            [Problem(out_dir, None, (), msg("out-not-folder"), msg("out-not-folder.hint"), "--out")]
        )
    parent = out_dir if out_dir.is_dir() else next((p for p in out_dir.parents if p.exists()), Path())
    if not parent.is_dir():
        raise BuildError(
            [Problem(parent, None, (), msg("out-not-folder"), msg("out-not-folder.hint"), "--out")]
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise BuildError(
            [
                Problem(
                    parent,
                    None,
                    (),
                    msg("cannot-write", reason="permission denied"),
                    msg("cannot-write.hint"),
                    "--out",
                )
            ]
        )


def check_out_file(path: Path, subject: str = "--out") -> None:
    """Before any work: ``path`` can be written as a file (it is not a folder; its folder can be)."""
    if path.is_dir():
        raise BuildError([Problem(path, None, (), msg("out-is-folder"), msg("out-is-folder.hint"), subject)])
    check_out_dir(path.parent)


def write_file(path: Path, data: bytes, subject: str = "--out") -> None:
    """Write one file whole or not at all: to a temporary name beside it, then renamed."""
    check_out_file(path, subject)
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        temporary.replace(path)
    except OSError as e:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise _cannot_write(path, e, subject) from e


def write_outputs(out_dir: Path, documents: Iterable[Document]) -> None:
    """Replace the pack in ``out_dir`` by one holding ``documents`` (and the earlier files
    they do not replace), all at once."""
    check_out_dir(out_dir)
    staging: Path | None = None
    retired: Path | None = None
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
        if out_dir.is_dir():
            shutil.copytree(out_dir, staging, copy_function=_link_or_copy, dirs_exist_ok=True)
        for document in documents:
            if document.data is not None:
                target = staging / document.filename
                target.unlink(missing_ok=True)  # a hard link to the old file: never write through it
                target.write_bytes(document.data)
        if out_dir.is_dir():
            retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-old-", dir=out_dir.parent))
            out_dir.replace(retired / out_dir.name)
        staging.replace(out_dir)
        staging = None
    except OSError as e:
        if retired is not None and not out_dir.exists():
            (retired / out_dir.name).replace(out_dir)  # put the earlier pack back
        raise _cannot_write(out_dir, e) from e
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
