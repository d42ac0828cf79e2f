"""The store's transactions, shared by its repositories."""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


class Sessions:
    """Transactions on one engine: each ``with sessions.begin() as session`` block is one,
    committed at its end (rolled back on an error)."""

    def __init__(self, engine: Engine):
        # Answers are read after the commit: the rows must keep their values.
        self._maker = sessionmaker(engine, expire_on_commit=False)

    def begin(self) -> AbstractContextManager[Session]:
        return self._maker.begin()
