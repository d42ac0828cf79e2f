"""What every page of one web app shares: its settings, the database, builds and the user."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import abort
from flask_login import UserMixin, current_user

from ..content.changes import Change, changes_in_words, describe_changes, from_data, summary, to_data
from ..content.files import AREA_FILE
from ..content.loading import Content
from ..content.yamlsource import ReadCache
from ..errors import FaaFlereError
from ..i18n import Words
from ..jobs import JobQueue
from ..store import AreaInfo, EditionFiles, Store, UserInfo, VersionContent, summary_json
from ..toolkit import load_edition
from .config import WebConfig

#: The page is in Danish.
WORDS = Words("da")
#: Local mode's one user: an administrator, who needs no login on their own machine.
LOCAL_EMAIL = "lokal@localhost.localdomain"
LOCAL_NAME = WORDS.message_code("web-local-user")


class Person(UserMixin):  # type: ignore[misc]
    """The logged-in user, as Flask-Login wants it."""

    def __init__(self, info: UserInfo):
        self.info = info

    def get_id(self) -> str:
        return str(self.info.id)


@dataclass
class Site:
    config: WebConfig
    store: Store
    queue: JobQueue
    #: The official content files, parsed once for every page and save.
    reads: ReadCache = field(default_factory=ReadCache)

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
        if not self.config.hosted:
            self.sync_from_disk(area)
            area = self.store.areas.get(slug, self.user) or area
        return area

    def version_or_404(self, slug: str, number: int | None = None) -> VersionContent:
        found = self.store.areas.latest(slug) if number is None else self.store.areas.version(slug, number)
        if found is None:
            abort(404)
        return found

    # --- editions as folders (what the command line and the builder read) ---

    @contextmanager
    def checkout(self, files: EditionFiles, slug: str) -> Iterator[Path]:
        """A version's files as an edition folder, for the time of a ``with`` block."""
        with tempfile.TemporaryDirectory(prefix="faa-flere-") as tmp:
            folder = Path(tmp) / slug
            files.write(folder)
            yield folder

    def load(self, files: EditionFiles, slug: str) -> Content:
        with self.checkout(files, slug) as folder:
            return load_edition(folder, reads=self.reads)

    def sync_from_disk(self, area: AreaInfo) -> None:
        """Local mode: the editions folder is the user's own; a change made there (in an
        editor, by the command line) becomes a version before the page shows it."""
        assert self.config.editions is not None
        folder = self.config.editions / area.slug
        if not (folder / AREA_FILE).is_file():
            return
        try:
            on_disk = EditionFiles.read(folder)
        except FaaFlereError:
            return  # shown when the page loads it
        latest = self.store.areas.latest(area.slug)
        if latest is None or latest.files != on_disk:
            try:
                self.record(area.slug, latest, on_disk, None, "note-changed-on-disk")
            except FaaFlereError:
                return

    def write_to_disk(self, slug: str, files: EditionFiles) -> None:
        """Local mode: keep the editions folder the same as the newest version."""
        if self.config.editions is not None:
            files.write(self.config.editions / slug)

    def record(
        self,
        slug: str,
        base: VersionContent | None,
        files: EditionFiles,
        author: UserInfo | None,
        note: str = "",
        restored_from: int | None = None,
    ) -> Any:
        """Save ``files`` on top of ``base``, with what changed kept as data for the history."""
        with self.checkout(files, slug) as folder:
            new = load_edition(folder, reads=self.reads)
            if base is None:
                changes = describe_changes(None, new)
            else:
                with self.checkout(base.files, slug) as old_folder:
                    try:
                        old: Content | None = load_edition(old_folder, reads=self.reads)
                    except FaaFlereError:
                        old = None  # an older version that no longer loads: list it as new
                    # Inside both blocks: the logos are compared by their bytes.
                    changes = describe_changes(old, new)
        return self.store.areas.save_version(
            slug,
            base.info.number if base else None,
            files,
            author,
            summary_json(to_data(changes), note),
            restored_from=restored_from,
        )


def sentence(text: str) -> str:
    """A message as a sentence on the page: a capital first, a full stop last."""
    text = text.strip()
    if not text:
        return text
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?", ")")) else ".")


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
