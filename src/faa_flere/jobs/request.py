"""A job as a worker hands it to its build process, and its failure as data.

Light on purpose: the web process and the worker's own process import it, and neither
imports WeasyPrint."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..content.files import EditionFiles
from ..errors import Problem, msg


class Request(NamedTuple):
    """A job as a build process gets it: what to make of which files, and where."""

    kind: str  # "preview" or "pack"
    files: EditionFiles
    slug: str
    place: Path  # a preview's images folder (shared by all), or the pack's own folder
    options: dict[str, str]


def failure(problems: Iterable[Problem]) -> str:
    """Why a job failed, as it is stored: its problems as data (JSON). The page puts them
    into words, in its reader's language; a job carries no words."""
    return json.dumps({"problems": [p.to_data() for p in problems]}, ensure_ascii=False)


def failure_of(code: str, **params: object) -> str:
    """:func:`failure` of one message that belongs to no file."""
    return failure([Problem(None, None, (), msg(code, **params))])


def failure_problems(message: str) -> list[Problem] | None:
    """The problems :func:`failure` stored, or None for a message that is not one (a row
    stored as words by an earlier version, or empty)."""
    try:
        return [Problem.from_data(p) for p in json.loads(message)["problems"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
