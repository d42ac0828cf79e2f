"""The database of the hosted service: accounts, areas and every saved version of their editions.

An edition's content stays what the CLI reads: ``area.yaml``'s text and its files
(:class:`EditionFiles`). The database keeps each save as a numbered version, files once
however many versions share them. SQLite by default, PostgreSQL when hosted; the tables
come from Alembic migrations run by :func:`upgrade` (and :meth:`Store.open`).

A :class:`Store` holds one repository for each thing kept: :class:`Accounts`,
:class:`Areas` (and their versions), :class:`Jobs` and :class:`Uploads`.

Nothing here imports WeasyPrint; :meth:`Areas.import_folder` loads the content models
only when called.
"""

from __future__ import annotations

from ..content.files import EditionFiles
from .accounts import INVITE_DAYS, MIN_PASSWORD, Accounts, check_password
from .areas import Areas
from .collation import danish_key
from .database import DEFAULT_URL, URL_VARIABLE, make_engine, upgrade, url_from_env
from .jobs import Jobs
from .records import (
    AreaExists,
    AreaInfo,
    Conflict,
    JobInfo,
    UserInfo,
    VersionContent,
    VersionInfo,
    summary_json,
)
from .store import Store
from .uploads import Uploads

__all__ = [
    "DEFAULT_URL",
    "INVITE_DAYS",
    "MIN_PASSWORD",
    "URL_VARIABLE",
    "Accounts",
    "AreaExists",
    "AreaInfo",
    "Areas",
    "Conflict",
    "EditionFiles",
    "JobInfo",
    "Jobs",
    "Store",
    "Uploads",
    "UserInfo",
    "VersionContent",
    "VersionInfo",
    "check_password",
    "danish_key",
    "make_engine",
    "summary_json",
    "upgrade",
    "url_from_env",
]
