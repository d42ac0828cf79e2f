"""Areas and the saved versions of their editions.

An area is made once and never renamed here; its edition is saved as numbered versions,
each a whole :class:`EditionFiles`, its files kept once however many versions share them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..content.files import EditionFiles
from ..errors import StoreError
from .collation import danish_key
from .models import Area, Blob, Membership, Version, VersionFile
from .records import AreaExists, AreaInfo, Conflict, UserInfo, VersionContent, VersionInfo, summary_json
from .session import Sessions

#: An area's folder name: the same rule as the web page's URLs and ``new-area``'s folders.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MAX_AREA_NAME = 60


def area_row(session: Session, slug: str) -> Area | None:
    """The area's row, or ``None``."""
    return session.scalar(select(Area).where(Area.slug == slug))


def require_area(session: Session, slug: str) -> Area:
    """The area's row; a :class:`StoreError` when there is none."""
    area = area_row(session, slug)
    if area is None:
        raise StoreError.of("no-such-area", slug=slug)
    return area


def _area_info(session: Session, area: Area) -> AreaInfo:
    latest = session.scalar(select(func.max(Version.number)).where(Version.area_id == area.id))
    return AreaInfo(area.id, area.slug, area.name, area.created_at, latest or 0)


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


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Areas:
    """The areas, who may see them, and every version of their editions."""

    def __init__(self, sessions: Sessions):
        self._sessions = sessions

    # --- areas ---

    def create(self, slug: str, name: str) -> AreaInfo:
        """A new area with no versions yet; :class:`AreaExists` if the folder name is taken."""
        name = " ".join(name.split())
        if not SLUG.match(slug):
            raise StoreError.of("area-slug-bad", slug=slug)
        if not name or len(name) > MAX_AREA_NAME or not name.isprintable():
            raise StoreError.of("bad-area-name", name=name)
        try:
            with self._sessions.begin() as session:
                return self._create(session, slug, name)
        except IntegrityError as e:
            # Made by someone else between our look and our insert.
            with self._sessions.begin() as session:
                existing = area_row(session, slug)
                if existing is None:
                    raise
                raise AreaExists(_area_info(session, existing)) from e

    def _create(self, session: Session, slug: str, name: str) -> AreaInfo:
        existing = area_row(session, slug)
        if existing is not None:
            raise AreaExists(_area_info(session, existing))
        area = Area(slug=slug, name=name)
        session.add(area)
        session.flush()
        return _area_info(session, area)

    def visible_to(self, user: UserInfo | None) -> list[AreaInfo]:
        """The areas ``user`` may see, in Danish alphabetical order of their names.

        An administrator sees every area, staff the areas they are members of. ``None``
        is the local page without accounts, which sees every area."""
        with self._sessions.begin() as session:
            query = select(Area)
            if user is not None and not user.is_admin:
                query = query.join(Membership, Membership.area_id == Area.id).where(
                    Membership.user_id == user.id
                )
            infos = [_area_info(session, area) for area in session.scalars(query)]
        return sorted(infos, key=lambda a: danish_key(a.name))

    def get(self, slug: str, user: UserInfo | None) -> AreaInfo | None:
        """The area, or ``None`` when there is none or ``user`` may not see it (the same
        answer for both: a page must not tell them apart)."""
        with self._sessions.begin() as session:
            area = area_row(session, slug)
            if area is None or not self._may_see(session, user, area):
                return None
            return _area_info(session, area)

    def _may_see(self, session: Session, user: UserInfo | None, area: Area) -> bool:
        if user is None or user.is_admin:
            return True
        member = session.get(Membership, (user.id, area.id))
        return member is not None

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
        """Save ``files`` as the area's next version, ``summary`` as :func:`summary_json` writes it.

        ``base`` is the version the edit started from (``None``: the area had none). If
        another version was saved since, :class:`Conflict` says which, and nothing is
        saved. Content the same as the newest version's saves nothing and answers that
        version, whatever ``base`` is (nothing would be lost)."""
        files.check()
        try:
            with self._sessions.begin() as session:
                area = require_area(session, slug)
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
        with self._sessions.begin() as session:
            area = area_row(session, slug)
            version = self._latest_row(session, area) if area else None
            return self._content(session, area, version) if area and version else None

    def version(self, slug: str, number: int) -> VersionContent | None:
        """Version ``number`` of the area's edition, or ``None``."""
        with self._sessions.begin() as session:
            area = area_row(session, slug)
            if area is None:
                return None
            version = session.scalar(
                select(Version).where(Version.area_id == area.id, Version.number == number)
            )
            return self._content(session, area, version) if version else None

    def history(self, slug: str) -> list[VersionInfo]:
        """Every version of the area's edition, newest first (empty for no such area)."""
        with self._sessions.begin() as session:
            area = area_row(session, slug)
            if area is None:
                return []
            versions = session.scalars(
                select(Version).where(Version.area_id == area.id).order_by(Version.number.desc())
            )
            return [_version_info(slug, v) for v in versions]

    # --- editions in and out of folders ---

    def export(self, slug: str, number: int | None, folder: Path) -> VersionInfo:
        """Write version ``number`` (the newest if ``None``) as an edition folder."""
        content = self.latest(slug) if number is None else self.version(slug, number)
        if content is None:
            with self._sessions.begin() as session:
                area = require_area(session, slug)
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

        files = EditionFiles.read(folder)
        content = load_edition(files)
        slug = slug or folder.resolve().name
        if not SLUG.match(slug):
            raise StoreError.of("area-slug-bad", slug=slug)
        area_name = " ".join((name or (content.local.area.name if content.local else "") or slug).split())
        # As data: the page says it in Danish, whatever the language of this process.
        summary = summary_json(note="imported-folder", params={"folder": folder.resolve().name})
        try:
            with self._sessions.begin() as session:
                area = area_row(session, slug)
                if area is None:
                    self._create(session, slug, area_name)
                    area = require_area(session, slug)
                latest = self._latest_row(session, area)
                return self._save(
                    session, area, latest.number if latest else None, files, author, summary, None
                )
        except IntegrityError:
            # Someone saved or made the area at the same moment: once more, on top of theirs.
            with self._sessions.begin() as session:
                area = require_area(session, slug)
                latest = self._latest_row(session, area)
                return self._save(
                    session, area, latest.number if latest else None, files, author, summary, None
                )
