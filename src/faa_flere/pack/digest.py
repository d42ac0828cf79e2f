"""Hashes of what a document is made from, so unchanged work can be skipped."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from ..version import __version__

if TYPE_CHECKING:
    from ..content.loading import Content
    from .settings import PrintSettings


def hash_text(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FileDigests:
    """File hashes, by path, modification time and size, for the life of their owner (a
    batch run): an edited file is read again, an unchanged one is not."""

    def __init__(self) -> None:
        self.known: dict[tuple[Path, int, int], str] = {}

    def __call__(self, path: Path) -> str:
        info = path.stat()
        key = (path, info.st_mtime_ns, info.st_size)
        if key not in self.known:
            self.known[key] = file_digest(path)
        return self.known[key]


def tree_digest(roots: Iterable[Path], digests: FileDigests | None = None) -> str:
    """One hash of every file below ``roots``: names and contents."""
    digest = hashlib.sha256()
    for root in roots:
        if not root.exists():
            continue
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            digest.update(str(path.relative_to(root.parent)).encode())
            digest.update((digests(path) if digests else file_digest(path)).encode())
    return digest.hexdigest()


def environment() -> str:
    """Versions and environment that change the bytes of a PDF."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return f"faa-flere {__version__}|weasyprint {version('weasyprint')}|{epoch}"


def inputs_digest(content: Content, settings: PrintSettings, cmyk: Path | None) -> str:
    """The files a document draws on besides its HTML (fonts, icons, logo, colour profile),
    the settings and the versions."""
    files: list[Path] = [content.materials_dir / "fonts", content.materials_dir / "icons"]
    if cmyk:
        files.append(cmyk)
    logo = content.local.logo if content.local else None
    logo_digest = f"{logo.name}:{hashlib.sha256(logo.data).hexdigest()}" if logo else ""
    return hash_text(tree_digest(files), logo_digest, settings.describe(), environment())
