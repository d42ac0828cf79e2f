"""An edition as data: its ``area.yaml`` text and its files (names to bytes).

This is what the core loads (:func:`faa_flere.load_edition`), what the store keeps as a
version and what a job carries to a worker. A folder on disk is one source of it (the one
the CLI reads: ``area.yaml``, a logo, a ``templates/`` folder), and can be written back
as one. A folder is untrusted: links, files that are not regular and files over the loader's
limits are refused. Writing is whole or not at all: the files go into a new folder
beside the old one, and the two are swapped, so a reader never sees half an edition and
files the version does not have are gone.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..atomic import check_out_dir, replaced_whole
from ..errors import ContentError, OptionError, Problem, msg

AREA_FILE = "area.yaml"
#: An edition's own templates, searched before the official ones.
TEMPLATES = "templates"
#: area.yaml is a short list of edits; anything larger is a mistake.
MAX_AREA_BYTES = 256 * 1024
#: A logo is at most this large (checked again, with its pixels, in :mod:`.assets`).
MAX_LOGO_BYTES = 2 * 1024 * 1024

#: An edition is area.yaml, a logo and a few templates: more files than this is a mistake.
MAX_FILES = 100
#: The same limit as the renderer's for one template (render/jinja.py, not imported: it
#: loads Jinja's sandbox).
MAX_TEMPLATE_BYTES = 512 * 1024
#: A file name stored in the database: a relative path of at most this many characters.
MAX_PATH_CHARS = 255


def check_path(path: str) -> bool:
    """Whether ``path`` can name a file of an edition: relative, forward slashes, no
    ``..``, no hidden parts, printable, and not ``area.yaml`` itself."""
    parts = PurePosixPath(path).parts
    return (
        0 < len(path) <= MAX_PATH_CHARS
        and path.isprintable()
        and "\\" not in path
        and not path.startswith("/")
        and PurePosixPath(path).as_posix() == path
        and all(part not in ("", ".", "..") and not part.startswith(".") for part in parts)
        and path != AREA_FILE
    )


def limit_of(path: str) -> int:
    """The largest a file at ``path`` may be, in bytes: the loader's limits."""
    if path == AREA_FILE:
        return MAX_AREA_BYTES
    if PurePosixPath(path).parts[0] == TEMPLATES:
        return MAX_TEMPLATE_BYTES
    return MAX_LOGO_BYTES


@dataclass(frozen=True)
class EditionFiles:
    """An edition's content: ``area.yaml``'s text and its other files by relative path."""

    area_yaml: str
    files: dict[str, bytes] = field(default_factory=dict)
    #: Where the files came from, as problems name it: an edition folder
    #: (``areas/tingbjerg``), or an area's name for a stored version.
    origin: Path = field(default=Path(), compare=False)

    def path(self, name: str) -> Path:
        """The place of file ``name`` as a problem names it (``areas/x/area.yaml``)."""
        return self.origin / name

    def digest(self) -> str:
        """One hash of everything the edition is: area.yaml and every file, by name."""
        digest = hashlib.sha256(self.area_yaml.encode("utf-8"))
        for name, data in sorted(self.files.items()):
            digest.update(b"\0" + name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
        return digest.hexdigest()

    def templates(self) -> dict[str, bytes]:
        """The edition's own templates, by their name below ``templates/``."""
        prefix = f"{TEMPLATES}/"
        return {name[len(prefix) :]: data for name, data in self.files.items() if name.startswith(prefix)}

    def problems(self) -> list[Problem]:
        """Paths that cannot be files of an edition, and files over the limits."""
        problems = []
        size = len(self.area_yaml.encode("utf-8"))
        if size > MAX_AREA_BYTES:
            problems.append(_too_large(self.path(AREA_FILE), size, MAX_AREA_BYTES))
        if len(self.files) >= MAX_FILES:
            problems.append(Problem(None, None, (), msg("edition-too-many-files", limit=MAX_FILES)))
        for path, data in sorted(self.files.items()):
            if not check_path(path):
                problems.append(Problem(None, None, (), msg("edition-path-bad", path=path)))
            elif len(data) > limit_of(path):
                problems.append(_too_large(self.path(path), len(data), limit_of(path)))
        return problems

    def check(self) -> None:
        """Raise :class:`ContentError` with every problem of :meth:`problems`."""
        if problems := self.problems():
            raise ContentError(problems)

    @classmethod
    def read(cls, folder: Path) -> EditionFiles:
        """An edition folder's ``area.yaml`` and every regular, non-hidden file below it."""
        if folder.exists() and not folder.is_dir():
            raise ContentError.of("edition-is-file", msg("edition-is-file.hint"), path=folder)
        if not folder.is_dir():
            raise ContentError.of("no-edition-folder", msg("no-edition-folder.hint"), path=folder)
        problems: list[Problem] = []
        found: dict[str, bytes] = {}
        _read_tree(folder, PurePosixPath(), found, problems)
        area_yaml = found.pop(AREA_FILE, None)
        if area_yaml is None and not any(p.path == folder / AREA_FILE for p in problems):
            problems.append(Problem(folder / AREA_FILE, None, (), msg("file-missing")))
        text = ""
        if area_yaml is not None:
            try:
                text = area_yaml.decode("utf-8-sig")
            except UnicodeDecodeError as e:
                line = area_yaml[: e.start].count(b"\n") + 1
                problems.append(
                    Problem(folder / AREA_FILE, line, (), msg("file-not-utf8"), msg("file-not-utf8.hint"))
                )
        if problems:
            raise ContentError(problems)
        edition = cls(text, found, folder)
        edition.check()
        return edition

    def write(self, folder: Path) -> None:
        """Make ``folder`` hold exactly this edition, swapped in whole.

        ``folder`` must not exist, be empty, or be an edition folder (hold ``area.yaml``):
        any other folder is refused rather than replaced."""
        self.check()
        check_out_dir(folder)
        if folder.is_dir() and any(folder.iterdir()) and not (folder / AREA_FILE).is_file():
            raise OptionError.of("out-not-edition", msg("out-not-edition.hint"), subject="--out", path=folder)
        with replaced_whole(folder) as staging:
            (staging / AREA_FILE).write_bytes(self.area_yaml.encode("utf-8"))
            for path, data in self.files.items():
                target = staging / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)


def _read_tree(folder: Path, below: PurePosixPath, found: dict[str, bytes], problems: list[Problem]) -> None:
    for entry in sorted(os.scandir(folder / below), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue  # .DS_Store, .git and the like are not part of an edition
        relative = below / entry.name
        path = Path(entry.path)
        if entry.is_symlink():
            what = msg("templates-not-folder") if relative.as_posix() == TEMPLATES else msg("file-is-link")
            problems.append(Problem(path, None, (), what, msg("file-is-link.hint")))
        elif entry.is_dir(follow_symlinks=False):
            _read_tree(folder, relative, found, problems)
        elif not entry.is_file(follow_symlinks=False):
            problems.append(Problem(path, None, (), msg("file-not-regular")))
        elif len(found) >= MAX_FILES:
            if not any(p.message.code == "edition-too-many-files" for p in problems):
                problems.append(Problem(folder, None, (), msg("edition-too-many-files", limit=MAX_FILES)))
            return
        else:
            data = _read_file(path, limit_of(relative.as_posix()), problems)
            if data is not None:
                found[relative.as_posix()] = data


def _read_file(path: Path, limit: int, problems: list[Problem]) -> bytes | None:
    try:
        # O_NOFOLLOW: a file swapped for a link after the folder was listed is still refused.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as e:
        problems.append(Problem(path, None, (), msg("file-unreadable", reason=e.strerror or str(e))))
        return None
    with os.fdopen(handle, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem(path, None, (), msg("file-not-regular")))
            return None
        if info.st_size > limit:
            problems.append(_too_large(path, info.st_size, limit))
            return None
        data = f.read(limit + 1)
    if len(data) > limit:
        problems.append(_too_large(path, len(data), limit))
        return None
    return data


def _too_large(path: Path, size: int, limit: int) -> Problem:
    return Problem(
        path,
        None,
        (),
        msg("file-too-large", size=size // 1024, limit=limit // 1024),
        msg("file-too-large.hint"),
    )
