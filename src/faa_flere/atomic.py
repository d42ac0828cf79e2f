"""Files and folders written whole or not at all, for every stage that writes.

A file goes to a temporary name beside it and is renamed; a folder is filled as a new
folder beside the old one (a unique name, so two writers never share it) and the two are
swapped. Whatever fails, the earlier file or folder stays as it was and nothing is left
beside it. Packs (:mod:`.pack.output`), preview images (:mod:`.jobs.work`) and edition
folders (:class:`.content.files.EditionFiles`) are all written here.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BuildError, Message, OptionError, Problem, msg

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
