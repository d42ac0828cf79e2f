"""Output written whole or not at all, for the command line and the web page alike.

A pack is made in a new folder beside the old one (unchanged files are hard links to
the old ones), and the two are swapped only when every file is on disk. Whatever
fails, and wherever, the earlier pack stays as it was and nothing is left beside it.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from ..errors import BuildError, Message, OptionError, Problem, msg
from ..toolkit import PACK_FILENAME


class Document(Protocol):
    @property
    def filename(self) -> str: ...

    @property
    def data(self) -> bytes | None: ...


def default_out_dir(edition: Path | str | None) -> Path:
    """``out/official`` for the official pack, ``out/<folder name>`` for an edition."""
    return Path("out") / (Path(edition).resolve().name if edition else "official")


#: What the operating system says, in our words.
_OS_WORDS = {
    errno.ENOENT: "os-not-found",
    errno.ENOTDIR: "out-not-folder",
    errno.EACCES: "os-permission",
    errno.EPERM: "os-permission",
    errno.ENOSPC: "os-no-space",
    errno.EDQUOT: "os-no-space",
    errno.EROFS: "os-read-only",
}


def cannot_write(path: Path, error: OSError, subject: str = "--out") -> BuildError:
    """What the operating system said when writing ``path`` failed, in our words."""
    code = _OS_WORDS.get(error.errno or 0)
    message = msg(code) if code else msg("cannot-write", reason=error.strerror or type(error).__name__)
    hint = msg("os-no-space.hint") if code == "os-no-space" else msg("cannot-write.hint")
    return BuildError([Problem(path, None, (), message, hint, subject)])


def _unusable(path: Path, message: Message, hint: Message, subject: str) -> OptionError:
    return OptionError([Problem(path, None, (), message, hint, subject)])


def check_out_dir(out_dir: Path, subject: str = "--out") -> None:
    """Before any layout: the output folder is a folder (or can become one) we may write in."""
    if out_dir.exists() and not out_dir.is_dir():
        raise _unusable(out_dir, msg("out-not-folder"), msg("out-not-folder.hint"), subject)
    parent = out_dir if out_dir.is_dir() else next((p for p in out_dir.parents if p.exists()), Path())
    if not parent.is_dir():
        raise _unusable(parent, msg("out-not-folder"), msg("out-not-folder.hint"), subject)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _unusable(parent, msg("os-permission"), msg("cannot-write.hint"), subject)


def check_out_file(path: Path, subject: str = "--out") -> None:
    """Before any work: ``path`` can be written as a file (it is not a folder; its folder can be)."""
    if path.is_dir():
        raise _unusable(path, msg("out-is-folder"), msg("out-is-folder.hint"), subject)
    check_out_dir(path.parent, subject)


def write_file(path: Path, data: bytes, subject: str = "--out") -> None:
    """Write one file whole or not at all: to a temporary name beside it, then renamed."""
    check_out_file(path, subject)
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.parent / f".{path.name}-{secrets.token_hex(6)}"
        # The usual permissions (0666 less the umask), not mkstemp's 0600.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        temporary.replace(path)
    except OSError as e:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise cannot_write(path, e, subject) from e


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


@contextmanager
def replaced_whole(folder: Path) -> Iterator[Path]:
    """A new folder to fill in the ``with`` block; when it ends, the new folder takes
    ``folder``'s place at once, and a reader never sees half of either. If writing fails,
    the earlier folder stays (or is put back) and the error names ``folder``."""
    staging: Path | None = None
    retired: Path | None = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        # mkdir, not mkdtemp: the folder gets the usual permissions, not 0700.
        staging = folder.parent / f".{folder.name}-new-{secrets.token_hex(6)}"
        staging.mkdir()
        yield staging
        if folder.is_dir():
            retired = Path(tempfile.mkdtemp(prefix=f".{folder.name}-old-", dir=folder.parent))
            folder.replace(retired / folder.name)
        staging.replace(folder)
        staging = None
    except OSError as e:
        if retired is not None and not folder.exists():
            (retired / folder.name).replace(folder)  # put the earlier folder back
        raise cannot_write(folder, e) from e
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)


#: The folder of a pack's cut files for a cutting plotter.
PLOTTER_DIR = "plotter"

#: The names of a pack's PDFs: ``4-tjekliste-for-bidrag.pdf``, ``faa-flere-paa-banen.pdf``.
_PACK_PDF = re.compile(rf"^(\d+-[a-z0-9-]+\.pdf|{re.escape(PACK_FILENAME)})$")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
