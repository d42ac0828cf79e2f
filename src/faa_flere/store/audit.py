"""Who did what: logins and administrators' actions, as data (an action's message code and
its parameters), put into words where a person reads them (the administrator's page)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from .models import AuditEntry, utc_now
from .session import Sessions

#: The actions recorded, each a message code of the catalogue (``audit-<action>``).
ACTIONS = frozenset(
    {"login", "login-failed", "logout", "area-created", "invited", "reset", "removed", "disabled", "enabled"}
)


@dataclass(frozen=True)
class Entry:
    at: datetime.datetime
    actor: str  # an e-mail address
    action: str
    params: dict[str, Any]


class Audit:
    """The record of logins and administrators' actions."""

    def __init__(self, sessions: Sessions):
        self._sessions = sessions

    def record(self, actor: str, action: str, **params: str) -> None:
        """Note that ``actor`` (an e-mail address) did ``action`` (one of :data:`ACTIONS`)."""
        if action not in ACTIONS:
            raise KeyError(f"no audit action {action!r}")
        with self._sessions.begin() as session:
            session.add(
                AuditEntry(
                    at=utc_now(),
                    actor=actor[:254],
                    action=action,
                    params=json.dumps(params, ensure_ascii=False),
                )
            )

    def recent(self, limit: int = 50) -> list[Entry]:
        """The newest entries first."""
        with self._sessions.begin() as session:
            rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
            return [Entry(r.at, r.actor, r.action, json.loads(r.params)) for r in rows]
