"""The store: one database, and a repository for each thing kept in it.

A :class:`Store` owns its engine; the caller (the CLI, the web app, a test) makes one and
passes it along, and asks the repository that keeps what it wants: ``store.accounts``,
``store.areas`` (with their versions), ``store.jobs``, ``store.uploads``. Their answers
are plain dataclasses (:mod:`.records`), never database rows. Lookups answer ``None`` for
what is missing; changes raise :class:`StoreError` (in words at the edges, like every
error of the project).
"""

from __future__ import annotations

from types import TracebackType

from argon2 import PasswordHasher
from sqlalchemy import Engine

from . import database
from .accounts import Accounts
from .areas import Areas
from .audit import Audit
from .jobs import Jobs
from .session import Sessions
from .uploads import Uploads


class Store:
    """The accounts, areas and versions, jobs, uploads and the audit record in the database
    at one URL."""

    def __init__(self, engine: Engine, hasher: PasswordHasher | None = None):
        self.engine = engine
        sessions = Sessions(engine)
        self.accounts = Accounts(sessions, hasher)
        self.areas = Areas(sessions)
        self.jobs = Jobs(sessions)
        self.uploads = Uploads(sessions)
        self.audit = Audit(sessions)

    @classmethod
    def open(cls, url: str, hasher: PasswordHasher | None = None) -> Store:
        """The store at ``url``, its tables brought up to date first."""
        engine = database.make_engine(url)
        try:
            database.upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, hasher)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
