"""What every page of one web app shares: its settings, the database, builds and the user."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Protocol

from flask import Flask, abort
from flask_limiter import Limiter
from flask_login import LoginManager, UserMixin, current_user

from .. import paths
from ..content.changes import Change, changes_in_words, describe_changes, from_data, summary, to_data
from ..content.files import EditionFiles
from ..content.loading import Content
from ..content.yamlsource import ReadCache
from ..errors import FaaFlereError
from ..jobs import JobQueue
from ..store import AreaInfo, Store, UserInfo, VersionContent, VersionInfo, summary_json
from ..toolkit import load_content, load_edition
from .config import WebConfig
from .words import WORDS


class Person(UserMixin):  # type: ignore[misc]
    """The logged-in user, as Flask-Login wants it."""

    def __init__(self, info: UserInfo):
        self.info = info

    def get_id(self) -> str:
        """What the session cookie keeps: the account and its sessions' number, so that a
        cookie from before a logout or a new password no longer logs anyone in."""
        return f"{self.info.id}:{self.info.sessions}"


class Mode(Protocol):
    """How the page runs: :class:`~.modes.LocalMode` or :class:`~.modes.HostedMode`."""

    #: People log in (and out); the page names who is logged in.
    accounts: bool
    #: Cookies only over HTTPS, and forms checked against the page they came from.
    secure: bool

    def start(self, app: Flask, site: Site, logins: LoginManager, limiter: Limiter) -> None:
        """Say who the user is (and how they log in), and take in the editions there are."""

    #: What a request to a host it does not answer gets: 403 (the local page: not from
    #: this machine) or 421 (hosted: not the service's address).
    refused: int

    def answers(self, host: str) -> bool:
        """Whether a request to ``host`` (without port) is answered at all."""

    def saved(self, slug: str, files: EditionFiles) -> None:
        """What follows a save of ``files`` as the newest version of ``slug``."""

    def trouble(self, slug: str) -> FaaFlereError | None:
        """What is wrong where the edition comes from (a folder that does not load), if
        anything: the page says it above the last version that loaded."""


class Editions:
    """Editions loaded and checked, kept by what they are made of (their files and the
    official files), so that a page, a save and the page after it load each one once."""

    def __init__(self, reads: ReadCache, size: int = 64):
        self.reads = reads
        self.size = size
        self._loaded: OrderedDict[tuple[str, tuple[tuple[str, int, int], ...]], Content] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, files: EditionFiles) -> Content:
        """The edition's content (raises :class:`~faa_flere.errors.ContentError`)."""
        key = (files.digest(), _official_signature())
        with self._lock:
            content = self._loaded.get(key)
            if content is not None:
                self._loaded.move_to_end(key)
                return content
        content = load_edition(files, reads=self.reads)
        with self._lock:
            self._loaded[key] = content
            while len(self._loaded) > self.size:
                self._loaded.popitem(last=False)
        return content

    def official(self) -> Content:
        return load_content(reads=self.reads)


def _official_signature() -> tuple[tuple[str, int, int], ...]:
    """What changes when an official file changes (a file edited while the page runs)."""
    folder = paths.materials_dir()
    found = []
    for path in sorted([*folder.glob("*.y*ml"), *folder.glob("icons/*")]):
        info = path.stat()
        found.append((path.name, info.st_size, info.st_mtime_ns))
    return tuple(found)


@dataclass
class Site:
    config: WebConfig
    store: Store
    queue: JobQueue
    #: Who the user is, where editions come from, what follows a save (:mod:`.modes`).
    mode: Mode
    #: The official content files, parsed once for every page and save.
    reads: ReadCache = field(default_factory=ReadCache)
    editions: Editions = field(init=False)

    def __post_init__(self) -> None:
        self.editions = Editions(self.reads)

    # --- who is asking, and what they may see ---

    @property
    def user(self) -> UserInfo:
        return current_user.info  # type: ignore[no-any-return]

    def area_or_404(self, slug: str) -> AreaInfo:
        """The area if this user may see it; 404 for one that is not theirs, as for one that
        does not exist (a guessed name tells nothing)."""
        area = self.store.areas.get(slug, self.user)
        if area is None:
            abort(404)
        return area

    def version_or_404(self, slug: str, number: int | None = None) -> VersionContent:
        found = self.store.areas.latest(slug) if number is None else self.store.areas.version(slug, number)
        if found is None:
            abort(404)
        return found

    def record(
        self,
        slug: str,
        base: VersionContent | None,
        files: EditionFiles,
        author: UserInfo | None,
        note: str = "",
        restored_from: int | None = None,
    ) -> VersionInfo:
        """Save ``files`` on top of ``base`` (both checked first), with what changed kept as
        data for the history; then what the mode does after a save."""
        new = self.editions.load(files)
        old: Content | None = None
        if base is not None:
            try:
                old = self.editions.load(base.files)
            except FaaFlereError:
                old = None  # an older version that no longer loads: list it as new
        info = self.store.areas.save_version(
            slug,
            base.info.number if base else None,
            files,
            author,
            summary_json(to_data(describe_changes(old, new)), note),
            restored_from=restored_from,
        )
        self.mode.saved(slug, files)
        return info


def version_words(summary_text: str) -> tuple[str, list[str]]:
    """A version's one-line summary and its list of changes, in Danish.

    The summary is data (:func:`faa_flere.store.summary_json`): the changes, and a message
    code with its parameters. A row saved when summaries were words is shown as it is."""
    try:
        data = json.loads(summary_text)
        changes: list[Change] = from_data(data["changes"])
        note = WORDS.message_code(data["note"], **(data.get("params") or {})) if data.get("note") else ""
    except (ValueError, KeyError, TypeError, AttributeError):
        return summary_text, [summary_text] if summary_text else []
    if note and not changes:
        return note, []  # an imported folder: the note says what happened, not "no changes"
    line = summary(changes, WORDS)
    return (f"{note}: {line}" if note else line), changes_in_words(changes, WORDS)
