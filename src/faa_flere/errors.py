"""The project's own errors: problems as data, put into words only at the edges.

A :class:`Problem` says where (file and line, or the option at fault), what (a
:class:`~faa_flere.i18n.messages.Message`: a code and its parameters) and how to mend
it (another message). The CLI and the web page choose the words, in Danish or in
English, through :mod:`faa_flere.i18n`. Nothing here imports WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from .i18n.messages import Message, msg

Location = tuple[str | int, ...]

__all__ = [
    "BuildError",
    "ContentError",
    "FaaFlereError",
    "Location",
    "Message",
    "OptionError",
    "Problem",
    "StoreError",
    "TextOverflowError",
    "msg",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with where it is and how to mend it."""

    path: Path | None
    line: int | None
    loc: Location
    message: Message
    hint: Message | None = None
    #: What is at fault when it is not a file: an option (``--out``) or a variable.
    subject: str = ""

    def to_data(self) -> dict[str, Any]:
        """The problem as JSON data, to cross a process, a job or the database; words are
        made from it only where a person reads them (:meth:`from_data`)."""
        return {
            "path": str(self.path) if self.path is not None else None,
            "line": self.line,
            "loc": list(self.loc),
            "message": self.message.to_data(),
            "hint": self.hint.to_data() if self.hint is not None else None,
            "subject": self.subject,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Problem:
        """The problem :meth:`to_data` made."""
        return cls(
            Path(data["path"]) if data.get("path") is not None else None,
            data.get("line"),
            tuple(data.get("loc") or ()),
            Message.from_data(data["message"]),
            Message.from_data(data["hint"]) if data.get("hint") else None,
            str(data.get("subject") or ""),
        )

    def sort_key(self) -> tuple[str, int, str]:
        return (str(self.path or self.subject), self.line or 0, ".".join(map(str, self.loc)))

    def __str__(self) -> str:
        from .i18n import Words

        return Words.from_env().problem(self)


class FaaFlereError(Exception):
    """Base class for errors meant for the user, never shown as a traceback."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.problems[0].message.code if self.problems else "")

    def __reduce__(self) -> tuple[type[Self], tuple[list[Problem]]]:
        # Pickled with its problems, so an error raised in a worker process reaches the
        # parent whole (an exception is pickled with its args, here only the first code).
        return type(self), (self.problems,)

    @classmethod
    def of(
        cls,
        code: str,
        hint: Message | None = None,
        *,
        subject: str = "",
        path: Path | None = None,
        **params: object,
    ) -> Self:
        """An error of one problem that belongs to no file line: ``of("no-such-folder", path=...)``."""
        return cls([Problem(path, None, (), msg(code, **params), hint, subject)])

    def __str__(self) -> str:
        from .i18n import Words

        return Words.from_env().error(self)


class ContentError(FaaFlereError):
    """One or more problems in content files, reported together."""


class TextOverflowError(ContentError):
    """Text that does not fit its box on paper, reported at the text's source line."""


class BuildError(FaaFlereError):
    """The build could not finish for a reason outside the content."""


class OptionError(FaaFlereError):
    """A command-line option (or its equivalent on the web page) that cannot be used."""


class StoreError(FaaFlereError):
    """The database cannot do what was asked: an area that exists, a link used up, a
    version that was saved by someone else in the meantime."""
