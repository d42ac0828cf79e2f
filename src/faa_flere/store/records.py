"""What the store answers: plain dataclasses, never database rows, and its two refusals.

A version's summary is kept as data (:func:`summary_json`), never as words: the page
puts it into Danish when it shows it, whatever the language of the process that saved it.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..content.files import EditionFiles
from ..errors import Problem, StoreError, msg


@dataclass(frozen=True)
class UserInfo:
    """An account, without its password hash."""

    id: int
    email: str
    name: str
    role: str
    #: Whether a password has been chosen: an invited person has none yet.
    active: bool
    created_at: datetime.datetime
    #: The number every session of the account carries (:meth:`.Accounts.end_sessions`).
    sessions: int = 0
    #: Disabled by an administrator (:meth:`.Accounts.disable`).
    disabled: bool = False

    @property
    def may_log_in(self) -> bool:
        """A password chosen, and not disabled."""
        return self.active and not self.disabled

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class AreaInfo:
    """A housing area and how many versions its edition has."""

    id: int
    slug: str
    name: str
    created_at: datetime.datetime
    #: The number of the newest version; 0 while there is none.
    latest: int


@dataclass(frozen=True)
class VersionInfo:
    """A saved version of an edition: which, by whom, when and why."""

    slug: str
    number: int
    author_id: int | None
    author_name: str
    created_at: datetime.datetime
    #: What changed, as :func:`summary_json` writes it (plain text in rows saved before).
    summary: str
    #: The version this one restored, if it is a restore.
    restored_from: int | None = None


@dataclass(frozen=True)
class VersionContent:
    """A saved version with its content."""

    info: VersionInfo
    files: EditionFiles


@dataclass(frozen=True)
class JobInfo:
    """A build asked for on the web page: which edition and version, what, and how far."""

    id: str
    slug: str
    version: int
    kind: str
    key: str
    options: str
    state: str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    attempts: int
    worker: str
    message: str
    result: str


class AreaExists(StoreError):
    """An area with that folder name exists: :attr:`area` says which (its name, for the page)."""

    def __init__(self, area: AreaInfo):
        self.area = area
        super().__init__([Problem(None, None, (), msg("area-exists", name=area.name, slug=area.slug))])


class Conflict(StoreError):
    """A save started from version :attr:`base`, but :attr:`latest` was saved in the meantime."""

    def __init__(self, latest: VersionInfo, base: int | None):
        self.latest = latest
        self.base = base
        message = msg(
            "version-conflict",
            base=base or 0,
            number=latest.number,
            author=latest.author_name or "?",
        )
        super().__init__([Problem(None, None, (), message, msg("version-conflict.hint"))])


def summary_json(
    changes: Sequence[Mapping[str, Any]] = (), note: str = "", params: Mapping[str, Any] | None = None
) -> str:
    """A version's summary as stored: the changes as data, and a message code with its
    parameters for what the list does not say (``imported-folder``, ``folder=...``)."""
    data = {"changes": list(changes), "note": note, "params": dict(params or {})}
    return json.dumps(data, ensure_ascii=False)
