"""The store: accounts, areas and every saved version of their editions, in one database.

A :class:`Store` owns its engine and sessions; the caller (the CLI, the web app, a test)
makes one and passes it along. Its answers are plain dataclasses, never database rows.
Lookups answer ``None`` for what is missing; changes raise :class:`StoreError` (in
words at the edges, like every error of the project).
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ..content.files import MAX_LOGO_BYTES, EditionFiles
from ..errors import Problem, StoreError, msg
from ..i18n import Words
from . import database
from .collation import danish_key
from .models import ROLES, Area, Blob, Invite, Job, Membership, Upload, User, Version, VersionFile, utc_now

#: An area's folder name: the same rule as the web page's URLs and ``new-area``'s folders.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MAX_AREA_NAME = 60
MAX_USER_NAME = 100
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 10
#: A password longer than this is not a password (and would make hashing slow on purpose).
MAX_PASSWORD = 1024
INVITE_DAYS = 7
#: A pending upload older than this may be purged.
UPLOAD_HOURS = 24


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


def _job_info(slug: str, job: Job) -> JobInfo:
    return JobInfo(
        job.id,
        slug,
        job.version_number,
        job.kind,
        job.key,
        job.options,
        job.state,
        job.created_at,
        job.started_at,
        job.finished_at,
        job.attempts,
        job.worker,
        job.message,
        job.result,
    )


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


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _user_info(user: User) -> UserInfo:
    return UserInfo(
        user.id, user.email, user.name, user.role, user.password_hash is not None, user.created_at
    )


def _version_info(slug: str, version: Version) -> VersionInfo:
    return VersionInfo(
        slug,
        version.number,
        version.author_id,
        version.author_name,
        version.created_at,
        version.summary,
        version.restored_from,
    )


class Store:
    """Accounts, areas and versions in the database at one URL."""

    def __init__(self, engine: Engine, hasher: PasswordHasher | None = None):
        self.engine = engine
        self.hasher = hasher or PasswordHasher()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._dummy_hash: str | None = None

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

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    # --- areas ---

    def create_area(self, slug: str, name: str) -> AreaInfo:
        """A new area with no versions yet; :class:`AreaExists` if the folder name is taken."""
        name = " ".join(name.split())
        if not SLUG.match(slug):
            raise StoreError.of("area-slug-bad", slug=slug)
        if not name or len(name) > MAX_AREA_NAME or not name.isprintable():
            raise StoreError.of("bad-area-name", name=name)
        try:
            with self._session() as session:
                return self._create_area(session, slug, name)
        except IntegrityError as e:
            # Made by someone else between our look and our insert.
            with self._session() as session:
                existing = self._area_row(session, slug)
                if existing is None:
                    raise
                raise AreaExists(self._area_info(session, existing)) from e

    def _create_area(self, session: Session, slug: str, name: str) -> AreaInfo:
        existing = self._area_row(session, slug)
        if existing is not None:
            raise AreaExists(self._area_info(session, existing))
        area = Area(slug=slug, name=name)
        session.add(area)
        session.flush()
        return self._area_info(session, area)

    def areas(self, user: UserInfo | None) -> list[AreaInfo]:
        """The areas ``user`` may see, in Danish alphabetical order of their names.

        An administrator sees every area, staff the areas they are members of. ``None``
        is the local page without accounts, which sees every area."""
        with self._session() as session:
            query = select(Area)
            if user is not None and not user.is_admin:
                query = query.join(Membership, Membership.area_id == Area.id).where(
                    Membership.user_id == user.id
                )
            infos = [self._area_info(session, area) for area in session.scalars(query)]
        return sorted(infos, key=lambda a: danish_key(a.name))

    def area(self, slug: str, user: UserInfo | None) -> AreaInfo | None:
        """The area, or ``None`` when there is none or ``user`` may not see it (the same
        answer for both: a page must not tell them apart)."""
        with self._session() as session:
            area = self._area_row(session, slug)
            if area is None or not self._may_see(session, user, area):
                return None
            return self._area_info(session, area)

    def _may_see(self, session: Session, user: UserInfo | None, area: Area) -> bool:
        if user is None or user.is_admin:
            return True
        member = session.get(Membership, (user.id, area.id))
        return member is not None

    def _area_row(self, session: Session, slug: str) -> Area | None:
        return session.scalar(select(Area).where(Area.slug == slug))

    def _require_area(self, session: Session, slug: str) -> Area:
        area = self._area_row(session, slug)
        if area is None:
            raise StoreError.of("no-such-area", slug=slug)
        return area

    def _area_info(self, session: Session, area: Area) -> AreaInfo:
        latest = session.scalar(select(func.max(Version.number)).where(Version.area_id == area.id))
        return AreaInfo(area.id, area.slug, area.name, area.created_at, latest or 0)

    # --- versions ---

    def save_version(
        self,
        slug: str,
        base: int | None,
        files: EditionFiles,
        author: UserInfo | None,
        summary: str,
        *,
        restored_from: int | None = None,
    ) -> VersionInfo:
        """Save ``files`` as the area's next version.

        ``base`` is the version the edit started from (``None``: the area had none). If
        another version was saved since, :class:`Conflict` says which, and nothing is
        saved. Content the same as the newest version's saves nothing and answers that
        version, whatever ``base`` is (nothing would be lost)."""
        files.check()
        try:
            with self._session() as session:
                area = self._require_area(session, slug)
                return self._save(session, area, base, files, author, summary, restored_from)
        except IntegrityError as e:
            # Another save made the same number between our look and our insert: the
            # unique (area, number) refused ours.
            latest = self.latest(slug)
            if latest is None or latest.info.number == base:
                raise
            raise Conflict(latest.info, base) from e

    def _save(
        self,
        session: Session,
        area: Area,
        base: int | None,
        files: EditionFiles,
        author: UserInfo | None,
        summary: str,
        restored_from: int | None,
    ) -> VersionInfo:
        latest = self._latest_row(session, area)
        hashes = {path: _sha256(data) for path, data in files.files.items()}
        if (
            latest is not None
            and latest.area_yaml == files.area_yaml
            and self._hashes(session, latest) == hashes
        ):
            return _version_info(area.slug, latest)
        if (latest.number if latest else None) != base:
            if latest is None:
                raise StoreError.of("no-such-version", slug=area.slug, number=base)
            raise Conflict(_version_info(area.slug, latest), base)
        for path, data in files.files.items():
            self._put_blob(session, hashes[path], data)
        version = Version(
            area_id=area.id,
            number=(latest.number if latest else 0) + 1,
            author_id=author.id if author else None,
            author_name=author.name if author else "",
            summary=summary,
            restored_from=restored_from,
            area_yaml=files.area_yaml,
        )
        session.add(version)
        session.flush()
        session.add_all(VersionFile(version_id=version.id, path=p, sha256=h) for p, h in hashes.items())
        session.flush()
        return _version_info(area.slug, version)

    def _put_blob(self, session: Session, sha: str, data: bytes) -> None:
        # Insert unless there: two saves sharing a new logo must not fail on each other.
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        session.execute(insert(Blob).values(sha256=sha, data=data).on_conflict_do_nothing())

    def _latest_row(self, session: Session, area: Area) -> Version | None:
        return session.scalar(
            select(Version).where(Version.area_id == area.id).order_by(Version.number.desc()).limit(1)
        )

    def _hashes(self, session: Session, version: Version) -> dict[str, str]:
        rows = session.execute(
            select(VersionFile.path, VersionFile.sha256).where(VersionFile.version_id == version.id)
        )
        return {path: sha for path, sha in rows}

    def _content(self, session: Session, area: Area, version: Version) -> VersionContent:
        rows = session.execute(
            select(VersionFile.path, Blob.data)
            .join(Blob, Blob.sha256 == VersionFile.sha256)
            .where(VersionFile.version_id == version.id)
        )
        files = {path: bytes(data) for path, data in rows}
        return VersionContent(_version_info(area.slug, version), EditionFiles(version.area_yaml, files))

    def latest(self, slug: str) -> VersionContent | None:
        """The newest version of the area's edition, or ``None`` (no such area, no version)."""
        with self._session() as session:
            area = self._area_row(session, slug)
            version = self._latest_row(session, area) if area else None
            return self._content(session, area, version) if area and version else None

    def version(self, slug: str, number: int) -> VersionContent | None:
        """Version ``number`` of the area's edition, or ``None``."""
        with self._session() as session:
            area = self._area_row(session, slug)
            if area is None:
                return None
            version = session.scalar(
                select(Version).where(Version.area_id == area.id, Version.number == number)
            )
            return self._content(session, area, version) if version else None

    def history(self, slug: str) -> list[VersionInfo]:
        """Every version of the area's edition, newest first (empty for no such area)."""
        with self._session() as session:
            area = self._area_row(session, slug)
            if area is None:
                return []
            versions = session.scalars(
                select(Version).where(Version.area_id == area.id).order_by(Version.number.desc())
            )
            return [_version_info(slug, v) for v in versions]

    def restore(self, slug: str, number: int, base: int | None, author: UserInfo | None) -> VersionInfo:
        """A new version with the content of version ``number`` (a :class:`Conflict` as for
        :meth:`save_version` if ``base`` is not the newest)."""
        old = self.version(slug, number)
        if old is None:
            with self._session() as session:
                self._require_area(session, slug)
            raise StoreError.of("no-such-version", slug=slug, number=number)
        summary = Words.from_env().message_code("restored-version", number=number)
        return self.save_version(slug, base, old.files, author, summary, restored_from=number)

    def export(self, slug: str, number: int | None, folder: Path) -> VersionInfo:
        """Write version ``number`` (the newest if ``None``) as an edition folder."""
        content = self.latest(slug) if number is None else self.version(slug, number)
        if content is None:
            with self._session() as session:
                area = self._require_area(session, slug)
            if number is None:
                raise StoreError.of("no-versions", slug=area.slug)
            raise StoreError.of("no-such-version", slug=slug, number=number)
        content.files.write(folder)
        return content.info

    def import_folder(
        self,
        folder: Path,
        slug: str | None = None,
        name: str | None = None,
        author: UserInfo | None = None,
    ) -> VersionInfo:
        """Take an edition folder in as the newest version of its area, made if new.

        The folder is checked as the CLI checks it first; its errors come as they are,
        and nothing is written."""
        from ..toolkit import load_edition  # loads the content models only when importing

        content = load_edition(folder)
        files = EditionFiles.read(folder)
        slug = slug or folder.resolve().name
        if not SLUG.match(slug):
            raise StoreError.of("area-slug-bad", slug=slug)
        area_name = " ".join((name or (content.local.area.name if content.local else "") or slug).split())
        summary = Words.from_env().message_code("imported-folder", folder=folder.resolve().name)
        try:
            with self._session() as session:
                area = self._area_row(session, slug)
                if area is None:
                    self._create_area(session, slug, area_name)
                    area = self._require_area(session, slug)
                latest = self._latest_row(session, area)
                return self._save(
                    session, area, latest.number if latest else None, files, author, summary, None
                )
        except IntegrityError:
            # Someone saved or made the area at the same moment: once more, on top of theirs.
            with self._session() as session:
                area = self._require_area(session, slug)
                latest = self._latest_row(session, area)
                return self._save(
                    session, area, latest.number if latest else None, files, author, summary, None
                )

    # --- accounts ---

    def create_user(self, email: str, name: str, role: str = "staff") -> UserInfo:
        """A new account without a password; :meth:`invite` gives the link to choose one."""
        email = email.strip().lower()
        name = " ".join(name.split())
        if not EMAIL.match(email) or len(email) > 254:
            raise StoreError.of("email-bad", email=email)
        if not name or len(name) > MAX_USER_NAME or not name.isprintable():
            raise StoreError.of("user-name-bad", name=name)
        if role not in ROLES:
            raise StoreError.of("role-bad", role=role, roles=list(ROLES))
        try:
            with self._session() as session:
                if session.scalar(select(User).where(User.email == email)) is not None:
                    raise StoreError.of("user-exists", email=email)
                user = User(email=email, name=name, role=role)
                session.add(user)
                session.flush()
                return _user_info(user)
        except IntegrityError as e:
            raise StoreError.of("user-exists", email=email) from e

    def user(self, user_id: int) -> UserInfo | None:
        with self._session() as session:
            user = session.get(User, user_id)
            return _user_info(user) if user else None

    def user_by_email(self, email: str) -> UserInfo | None:
        with self._session() as session:
            user = session.scalar(select(User).where(User.email == email.strip().lower()))
            return _user_info(user) if user else None

    def users(self) -> list[UserInfo]:
        """Every account, in Danish alphabetical order of names."""
        with self._session() as session:
            infos = [_user_info(u) for u in session.scalars(select(User))]
        return sorted(infos, key=lambda u: danish_key(u.name))

    def members(self, slug: str) -> list[UserInfo]:
        """The staff who may see and change the area."""
        with self._session() as session:
            area = self._require_area(session, slug)
            users = session.scalars(
                select(User)
                .join(Membership, Membership.user_id == User.id)
                .where(Membership.area_id == area.id)
            )
            infos = [_user_info(u) for u in users]
        return sorted(infos, key=lambda u: danish_key(u.name))

    def invite(self, email: str, now: datetime.datetime | None = None) -> str:
        """A new one-time token for choosing a password, valid for a week; earlier unused
        ones of the same person stop working. The token is given once: only its hash is kept."""
        now = now or utc_now()
        token = secrets.token_urlsafe(32)
        with self._session() as session:
            user = self._require_user(session, email)
            session.execute(delete(Invite).where(Invite.user_id == user.id, Invite.used_at.is_(None)))
            session.add(
                Invite(
                    token_hash=_token_hash(token),
                    user_id=user.id,
                    created_at=now,
                    expires_at=now + datetime.timedelta(days=INVITE_DAYS),
                )
            )
        return token

    def redeem(self, token: str, password: str, now: datetime.datetime | None = None) -> UserInfo:
        """Set the password of the token's account; the token is used up."""
        now = now or utc_now()
        with self._session() as session:
            invite = session.scalar(select(Invite).where(Invite.token_hash == _token_hash(token)))
            if invite is None:
                raise StoreError.of("invite-unknown", msg("invite.hint"))
            if invite.used_at is not None:
                raise StoreError.of("invite-used", msg("invite.hint"))
            if invite.expires_at <= now:
                raise StoreError.of("invite-expired", msg("invite.hint"))
            check_password(password)
            # Used up here, only if nobody used it in the meantime (a second tab, a second click).
            taken = session.execute(
                update(Invite).where(Invite.id == invite.id, Invite.used_at.is_(None)).values(used_at=now)
            )
            if taken.rowcount != 1:  # type: ignore[attr-defined]
                raise StoreError.of("invite-used", msg("invite.hint"))
            user = session.get_one(User, invite.user_id)
            user.password_hash = self.hasher.hash(password)
            return _user_info(user)

    def authenticate(self, email: str, password: str) -> UserInfo | None:
        """The account if ``password`` is its password, else ``None`` (unknown e-mail, no
        password yet or a wrong one: the same answer, in about the same time)."""
        with self._session() as session:
            user = session.scalar(select(User).where(User.email == email.strip().lower()))
            if user is None or user.password_hash is None or len(password) > MAX_PASSWORD:
                self._verify(self._dummy(), password)
                return None
            if not self._verify(user.password_hash, password):
                return None
            if self.hasher.check_needs_rehash(user.password_hash):
                user.password_hash = self.hasher.hash(password)
            return _user_info(user)

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return self.hasher.verify(hashed, password[:MAX_PASSWORD])
        except (VerificationError, InvalidHashError):
            return False

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy_hash

    def reset_password(self, email: str) -> str:
        """Forget the account's password; a new one-time token to choose another."""
        with self._session() as session:
            user = self._require_user(session, email)
            user.password_hash = None
        return self.invite(email)

    def grant(self, email: str, slug: str) -> None:
        """Let the account see and change the area (nothing happens if it already may)."""
        with self._session() as session:
            user = self._require_user(session, email)
            area = self._require_area(session, slug)
            if session.get(Membership, (user.id, area.id)) is None:
                session.add(Membership(user_id=user.id, area_id=area.id))

    def revoke(self, email: str, slug: str) -> None:
        """Take the area away from the account."""
        with self._session() as session:
            user = self._require_user(session, email)
            area = self._require_area(session, slug)
            session.execute(
                delete(Membership).where(Membership.user_id == user.id, Membership.area_id == area.id)
            )

    def _require_user(self, session: Session, email: str) -> User:
        user = session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise StoreError.of("no-such-user", email=email.strip().lower())
        return user

    # --- uploads waiting for a corrected form ---

    def stash_upload(self, user_id: int | None, name: str, data: bytes) -> str:
        """Keep an uploaded logo while its form is corrected; its id, for the form."""
        if len(data) > MAX_LOGO_BYTES:
            raise StoreError.of(
                "logo-too-large", subject=name, size=len(data) // 1024, limit=MAX_LOGO_BYTES // 1024
            )
        upload_id = secrets.token_urlsafe(24)
        with self._session() as session:
            session.add(Upload(id=upload_id, user_id=user_id, name=name[:255], data=data))
        return upload_id

    def take_upload(self, user_id: int | None, upload_id: str) -> tuple[str, bytes] | None:
        """The upload's name and bytes, once, and only to the account that stashed it."""
        with self._session() as session:
            upload = session.get(Upload, upload_id)
            if upload is None or upload.user_id != user_id:
                return None
            session.delete(upload)
            return upload.name, bytes(upload.data)

    def purge_uploads(self, now: datetime.datetime | None = None) -> int:
        """Forget uploads older than a day; how many there were."""
        cutoff = (now or utc_now()) - datetime.timedelta(hours=UPLOAD_HOURS)
        with self._session() as session:
            result = session.execute(delete(Upload).where(Upload.created_at < cutoff))
            return int(result.rowcount)  # type: ignore[attr-defined]

    # --- builds asked for on the web page, run by workers ---

    def add_job(self, slug: str, version: int, kind: str, key: str, options: str) -> tuple[JobInfo, bool]:
        """The job for ``key``: one waiting, running or done already (shared with whoever
        asked first; answers False), else a new waiting one (True)."""
        with self._session() as session:
            area = self._require_area(session, slug)
            same = session.scalars(
                select(Job)
                .where(Job.key == key, Job.area_id == area.id, Job.state != "failed")
                .order_by(Job.created_at.desc())
                .limit(1)
            ).first()
            if same is not None:
                return _job_info(slug, same), False
            job = Job(
                id=secrets.token_hex(16),
                area_id=area.id,
                version_number=version,
                kind=kind,
                key=key,
                options=options,
                state="waiting",
                attempts=0,
                worker="",
                message="",
                result="",
            )
            session.add(job)
            session.flush()
            return _job_info(slug, job), True

    def job(self, job_id: str) -> JobInfo | None:
        with self._session() as session:
            job = session.get(Job, job_id)
            if job is None:
                return None
            area = session.get(Area, job.area_id)
            assert area is not None
            return _job_info(area.slug, job)

    def start_job(self, job_id: str, worker: str) -> JobInfo | None:
        """Mark the job as taken up by ``worker``; None when it is gone or finished (a
        message delivered twice does the work once)."""
        with self._session() as session:
            job = session.get(Job, job_id)
            if job is None or job.state in ("done", "failed"):
                return None
            job.state, job.worker, job.started_at = "running", worker, utc_now()
            job.attempts += 1
            area = session.get(Area, job.area_id)
            assert area is not None
            return _job_info(area.slug, job)

    def finish_job(self, job_id: str, result: str) -> None:
        with self._session() as session:
            session.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(state="done", result=result, finished_at=utc_now(), message="")
            )

    def fail_job(self, job_id: str, message: str) -> None:
        with self._session() as session:
            session.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(state="failed", message=message, finished_at=utc_now())
            )

    def jobs_ahead(self, job_id: str) -> int:
        """How many jobs wait before this one (all areas: the workers take them in turn)."""
        with self._session() as session:
            job = session.get(Job, job_id)
            if job is None or job.state != "waiting":
                return 0
            ahead = session.scalar(
                select(func.count())
                .select_from(Job)
                .where(Job.state == "waiting", Job.created_at < job.created_at)
            )
            return int(ahead or 0)

    def typical_seconds(self, kind: str, last: int = 20) -> float | None:
        """The median time of the last finished jobs of ``kind``, for estimates."""
        with self._session() as session:
            rows = session.execute(
                select(Job.started_at, Job.finished_at)
                .where(Job.kind == kind, Job.state == "done", Job.started_at.is_not(None))
                .order_by(Job.finished_at.desc())
                .limit(last)
            ).all()
        times = sorted((end - start).total_seconds() for start, end in rows if start and end)
        return times[len(times) // 2] if times else None

    def newest_job(self, slug: str, kind: str, state: str | None = None) -> JobInfo | None:
        """The area's newest job of ``kind`` (in ``state``, if given)."""
        with self._session() as session:
            area = self._area_row(session, slug)
            if area is None:
                return None
            query = select(Job).where(Job.area_id == area.id, Job.kind == kind)
            if state is not None:
                query = query.where(Job.state == state)
            job = session.scalars(
                query.order_by(Job.finished_at.desc(), Job.created_at.desc()).limit(1)
            ).first()
            return _job_info(slug, job) if job else None


def check_password(password: str) -> None:
    """A password long enough to keep (and short enough to hash)."""
    if len(password) < MIN_PASSWORD:
        raise StoreError.of("password-too-short", minimum=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise StoreError.of("password-too-long", maximum=MAX_PASSWORD)
