"""Which database, how to connect to it, and bringing its tables up to date.

An SQLite file beside the editions by default; PostgreSQL when the service is hosted
(``postgresql+psycopg://user@host/db``). The URL comes from ``--db``, else from
``FAA_FLERE_DATABASE_URL``, else :data:`DEFAULT_URL`. The migrations are Alembic's, run
from code: no ``alembic.ini`` is needed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import StoreError

#: The environment variable that names the database.
URL_VARIABLE = "FAA_FLERE_DATABASE_URL"
#: A file beside the editions (``faa-flere build --all`` only looks at folders).
DEFAULT_URL = "sqlite:///areas/.faa-flere.sqlite"
MIGRATIONS = Path(__file__).parent / "migrations"
#: How long a write waits for another to finish on SQLite, in seconds.
SQLITE_BUSY_SECONDS = 30
#: Taken while migrating on PostgreSQL, so that two processes starting at once take turns.
_MIGRATION_LOCK = 0x0FAAF1E5E


def url_from_env(given: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The database URL: ``given`` (``--db``), else the environment's, else the default."""
    environ = os.environ if environ is None else environ
    return given or environ.get(URL_VARIABLE) or DEFAULT_URL


def shown_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def make_engine(url: str) -> Engine:
    """An engine for ``url``; on SQLite with foreign keys on, and writes that wait their turn."""
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise StoreError.of("database-url-bad", url=url) from e
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError) as e:
        raise StoreError.of("database-url-bad", url=shown_url(url)) from e


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is off: _sqlite_begin starts each one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # SQLite leaves foreign keys unchecked unless asked, on every connection.
    cursor.execute("PRAGMA foreign_keys = ON")
    # Readers do not wait for a writer, and a writer does not wait for readers.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock at the start: two transactions that both read, then
    # write, would otherwise deadlock, and SQLite fails one at once instead of waiting.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade(target: str | Engine) -> None:
    """Bring the database's tables up to the newest migration (an empty database included)."""
    engine = make_engine(target) if isinstance(target, str) else target
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            run_migrations(connection, "upgrade", "head")
    except SQLAlchemyError as e:
        raise unusable(engine.url.render_as_string(hide_password=True), e) from e
    finally:
        if isinstance(target, str):
            engine.dispose()


def run_migrations(connection: Connection, command: str, revision: str) -> None:
    """Run Alembic's ``upgrade`` or ``downgrade`` to ``revision`` on an open connection."""
    from alembic import command as commands
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    getattr(commands, command)(config, revision)


def unusable(url: str, error: SQLAlchemyError) -> StoreError:
    """The database cannot be reached or used: say which, and what it answered."""
    orig = getattr(error, "orig", None) or error
    reason = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return StoreError.of("database-unusable", url=url, reason=reason)
