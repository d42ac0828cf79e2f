"""The two ways the page runs, as two objects of one small interface.

A mode (:class:`~.site.Mode`) says who the user is, where editions come from and what follows a save;
the views and templates ask the mode, never which mode it is.

- :class:`LocalMode` (``faa-flere serve``): one person on their own machine, no login; the
  editions folder the command line builds from is the editions' home. An edition changed
  there (in an editor, by ``new-area``) becomes a version when the folder is looked at
  (:meth:`LocalMode.sync`): at start, and every second by a watcher thread that
  ``faa-flere serve`` starts (see docs/processes.md). A save is written back to the folder.
  Only this machine may ask.
- :class:`HostedMode` (gunicorn, see deploy/): people log in with accounts; the database
  holds the editions; nothing is written anywhere else.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path
from typing import Any

from flask import Flask, redirect, url_for
from flask_limiter import Limiter
from flask_login import LoginManager

from ..content.files import AREA_FILE, EditionFiles
from ..errors import FaaFlereError
from ..store import UserInfo
from .site import Person, Site
from .words import WORDS

log = logging.getLogger(__name__)

#: Local mode's one user: an administrator, who needs no login on their own machine.
LOCAL_EMAIL = "lokal@localhost.localdomain"
LOCAL_NAME = WORDS.message_code("web-local-user")
#: The addresses the local page answers to: it acts on the user's own files.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
#: How often the local watcher looks at the editions folder, in seconds.
WATCH_SECONDS = 1.0


class HostedMode:
    """Every housing area's staff, with accounts; the database holds the editions. Only
    requests for ``host`` (the configured address's) are answered; None: any."""

    accounts = True
    secure = True
    refused = 421

    def __init__(self, host: str | None = None):
        self.host = host.lower() if host else None

    def start(self, app: Flask, site: Site, logins: LoginManager, limiter: Limiter) -> None:
        from .accounts import register_logins

        register_logins(app, site, limiter)

        @logins.user_loader  # type: ignore[untyped-decorator]
        def load_user(session_id: str) -> Person | None:
            user_id, _, sessions = session_id.partition(":")
            if not (user_id.isdigit() and sessions.isdigit() and len(session_id) < 40):
                return None
            info = site.store.accounts.user(int(user_id))
            if info is None or not info.may_log_in or info.sessions != int(sessions):
                return None  # logged out, a new password, or an area taken away since
            return Person(info)

    def answers(self, host: str) -> bool:
        # Not the proxy's choice: with nginx's default site gone, any Host reaches us, and
        # a link made on a forged one (an invitation) would lead elsewhere.
        return self.host is None or host.lower() == self.host

    def saved(self, slug: str, files: EditionFiles) -> None:
        return None

    def trouble(self, slug: str) -> FaaFlereError | None:
        return None  # the database is the only place editions come from


class LocalMode:
    """One person on their own machine; the editions folder is the editions' home."""

    accounts = False
    secure = False
    refused = 403

    def __init__(self, editions: Path):
        self.editions = editions
        self.user: UserInfo | None = None
        self._site: Site | None = None
        self._seen: dict[str, tuple[tuple[str, int, int], ...]] = {}
        self._trouble: dict[str, FaaFlereError] = {}
        self._stop = threading.Event()
        self._lock = threading.RLock()  # a sync records, and a record says it saved

    def start(self, app: Flask, site: Site, logins: LoginManager, limiter: Limiter) -> None:
        accounts = site.store.accounts
        self.user = accounts.user_by_email(LOCAL_EMAIL) or accounts.create_user(
            LOCAL_EMAIL, LOCAL_NAME, "admin"
        )
        local = Person(self.user)

        @logins.request_loader  # type: ignore[untyped-decorator]
        def local_user(_request: Any) -> Person:
            return local

        # No login here: the login page and the logout button lead to the start page.
        for rule, endpoint in (("/log-ind", "login"), ("/log-ud", "logout")):
            app.add_url_rule(rule, endpoint, _to_start, methods=["GET", "POST"])
        self._site = site
        self.sync()

    def answers(self, host: str) -> bool:
        return host in LOCAL_HOSTS

    def saved(self, slug: str, files: EditionFiles) -> None:
        """The folder is made the same as the version saved; a folder that holds it already
        (the version was taken in from it) is left as it is."""
        folder = self.editions / slug
        with self._lock:
            try:
                same = EditionFiles.read(folder) == files
            except FaaFlereError:
                same = False
            if not same:
                files.write(folder)
            self._seen[slug] = _signature(folder)
            self._trouble.pop(slug, None)

    # --- the editions folder ---

    def sync(self) -> None:
        """Take in what changed in the editions folder since it was last looked at: a new
        edition folder becomes an area, a changed one a new version. A folder that cannot be
        read as an edition still gets its area: the page says what is wrong with it."""
        assert self._site is not None and self.user is not None, "started"
        site = self._site
        with self._lock:
            for folder in sorted(self.editions.iterdir()):
                if not (folder / AREA_FILE).is_file():
                    continue
                signature = _signature(folder)
                if self._seen.get(folder.name) == signature:
                    continue
                self._seen[folder.name] = signature
                self._take_in(site, folder)

    def _take_in(self, site: Site, folder: Path) -> None:
        slug = folder.name
        self._trouble.pop(slug, None)
        if site.store.areas.get(slug, self.user) is None:
            try:
                site.store.areas.import_folder(folder, author=None)
            except FaaFlereError as e:
                self._trouble[slug] = e
                with contextlib.suppress(FaaFlereError):
                    site.store.areas.create(slug, slug)
            return
        try:
            on_disk = EditionFiles.read(folder)
            latest = site.store.areas.latest(slug)
            if latest is None or latest.files != on_disk:
                site.record(slug, latest, on_disk, None, "note-changed-on-disk")
        except FaaFlereError as e:
            # Kept, and said on the edition's page: a mistake typed into the file is not
            # dropped without a word.
            self._trouble[slug] = e

    def trouble(self, slug: str) -> FaaFlereError | None:
        """What is wrong with the edition's folder, if it holds an edition that does not
        load (the page then shows the last version that did)."""
        with self._lock:
            return self._trouble.get(slug)

    def watch(self, every: float = WATCH_SECONDS) -> threading.Thread:
        """Start the thread that looks at the editions folder every ``every`` seconds, until
        :meth:`stop` (or the process ends: it is a daemon thread)."""

        def loop() -> None:
            while not self._stop.wait(every):
                try:
                    self.sync()
                except Exception:  # a folder half written in an editor: next time
                    log.exception("looking at %s failed", self.editions)

        thread = threading.Thread(target=loop, name="faa-flere-editions-watcher", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when a file of the folder changes: names, sizes, modification times."""
    found = []
    for path in sorted(folder.rglob("*")):
        with contextlib.suppress(OSError):
            info = path.lstat()
            found.append((str(path.relative_to(folder)), info.st_size, info.st_mtime_ns))
    return tuple(found)


def _to_start() -> Any:
    return redirect(url_for("start"))
