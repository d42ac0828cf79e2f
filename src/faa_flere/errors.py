"""The project's own errors: what reaches the user as a clear message.

Everything the CLI reports is a :class:`FaaFlereError`. Content problems carry
the file, line and field they belong to, so a person can go straight to the
spot and fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class FaaFlereError(Exception):
    """Base class for errors meant for the user, never shown as a traceback."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in a content file."""

    path: Path | None
    line: int | None
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = display_path(self.path) if self.path else "<input>"
        if self.line:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ContentError(FaaFlereError):
    """One or more problems in content files, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.path or ""), p.line or 0, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))


class TextOverflowError(ContentError):
    """Text that does not fit its box on paper, reported at the text's source line."""


class BuildError(FaaFlereError):
    """The build could not finish for a reason outside the content."""


def display_path(path: Path) -> str:
    """The path as a person would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
