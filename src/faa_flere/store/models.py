"""The database's tables, as typed SQLAlchemy models.

An edition's content is kept as it is on disk: its ``area.yaml`` text and its files.
Every save is a new :class:`Version`; a file's bytes are a :class:`Blob` named by their
SHA-256, kept once however many versions share them. The migrations in ``migrations/``
make these tables; a test checks that the two agree.
"""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: The roles of an account: an administrator sees and manages every area, staff their own.
ROLES = ("admin", "staff")

# Constraint names the same on every database, so a migration can name them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime.datetime:
    """Now, in UTC, with its time zone."""
    return datetime.datetime.now(datetime.UTC)


class UTCDateTime(TypeDecorator[datetime.datetime]):
    """A moment in UTC, aware on the way out on every database (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime cannot be stored: give it a time zone")
        value = value.astimezone(datetime.UTC)
        # SQLite compares the stored text: one form for every value keeps the order right.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime.datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime.datetime)
        return value.replace(tzinfo=datetime.UTC) if value.tzinfo is None else value.astimezone(datetime.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    """An account: an administrator (CFBU) or a member of an area's staff."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('admin', 'staff')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Always lower case: the same address typed in capitals is the same account.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))
    #: None until the person has chosen a password through an invitation (or after a reset).
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    #: Every session of the account carries this number; raising it ends them all (a
    #: logout, a new password, a reset, an area taken away).
    sessions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Disabled by an administrator: no login, no session, until enabled again.
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Area(Base):
    """A housing area: one edition, whose versions are kept."""

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: The edition's folder name (``solgaarden``): in URLs and in exported folders.
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), default=utc_now)


class Membership(Base):
    """A staff member may see and change an area."""

    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    area_id: Mapped[int] = mapped_column(
        ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Version(Base):
    """One saved state of an edition: numbered 1, 2, 3 … within its area."""

    __tablename__ = "versions"
    # Two saves on the same version both make the next number: one of them fails here.
    __table_args__ = (UniqueConstraint("area_id", "number", name="uq_versions_area_id_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The author's name when saved: the history still says who after the account is gone.
    author_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    summary: Mapped[str] = mapped_column(Text)
    #: The version this one restored, if it is a restore.
    restored_from: Mapped[int | None] = mapped_column(Integer)
    area_yaml: Mapped[str] = mapped_column(Text)


class Blob(Base):
    """A file's bytes, once, named by their SHA-256."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class VersionFile(Base):
    """A file of a version (``logo.png``, ``templates/kort.html``) and its bytes."""

    __tablename__ = "version_files"

    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True)
    #: Relative, with forward slashes.
    path: Mapped[str] = mapped_column(String(255), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)


class Invite(Base):
    """A one-time link to choose a password. Only the token's hash is kept."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    expires_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime())


class Upload(Base):
    """A logo uploaded with a form that had to be corrected, kept until the form is sent again."""

    __tablename__ = "uploads"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), default=utc_now, index=True)


class AuditEntry(Base):
    """One login or administrator's action (:mod:`faa_flere.store.audit`)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), default=utc_now, index=True)
    #: Who: an e-mail address (kept when the account is gone).
    actor: Mapped[str] = mapped_column(String(254))
    #: What: an action of :data:`faa_flere.store.audit.ACTIONS`.
    action: Mapped[str] = mapped_column(String(64))
    #: Its parameters as JSON (the area, the person acted on).
    params: Mapped[str] = mapped_column(Text, default="{}")


class Job(Base):
    """A build asked for on the web page (a preview or a pack), run by a worker.

    ``key`` names everything the result is made from (the version's content, the options,
    the official content, the program's version): two requests with the same key share
    one job and its files."""

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("state IN ('waiting', 'running', 'done', 'failed')", name="state"),
        # One live job per key: two requests at the same moment cannot make two.
        Index(
            "uq_jobs_live_key",
            "area_id",
            "key",
            unique=True,
            postgresql_where=text("state != 'failed'"),
            sqlite_where=text("state != 'failed'"),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64), index=True)
    options: Mapped[str] = mapped_column(Text, default="{}")
    state: Mapped[str] = mapped_column(String(16), default="waiting", index=True)
    created_at: Mapped[datetime.datetime] = mapped_column(UTCDateTime(), default=utc_now, index=True)
    started_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime.datetime | None] = mapped_column(UTCDateTime())
    #: How many times a worker took it up (more than once: a worker stopped mid-job).
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str] = mapped_column(String(120), default="")
    #: Why it failed, as problems (data, :func:`faa_flere.jobs.request.failure`).
    message: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
