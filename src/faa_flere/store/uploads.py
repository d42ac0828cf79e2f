"""Uploaded logos waiting for their form to be corrected and sent again."""

from __future__ import annotations

import datetime
import secrets

from sqlalchemy import delete

from ..content.files import MAX_LOGO_BYTES
from ..errors import StoreError
from .models import Upload, utc_now
from .session import Sessions

#: A pending upload older than this may be purged.
UPLOAD_HOURS = 24


class Uploads:
    """Logos kept between a refused form and the corrected one, for the account that sent them."""

    def __init__(self, sessions: Sessions):
        self._sessions = sessions

    def stash(self, user_id: int | None, name: str, data: bytes) -> str:
        """Keep an uploaded logo while its form is corrected; its id, for the form."""
        if len(data) > MAX_LOGO_BYTES:
            raise StoreError.of(
                "logo-too-large", subject=name, size=len(data) // 1024, limit=MAX_LOGO_BYTES // 1024
            )
        upload_id = secrets.token_urlsafe(24)
        with self._sessions.begin() as session:
            session.add(Upload(id=upload_id, user_id=user_id, name=name[:255], data=data))
        return upload_id

    def take(self, user_id: int | None, upload_id: str) -> tuple[str, bytes] | None:
        """The upload's name and bytes, once, and only to the account that stashed it (or,
        for one stashed while nobody was logged in, to whoever logs in with its form: its id
        is a secret only that browser holds)."""
        with self._sessions.begin() as session:
            upload = session.get(Upload, upload_id)
            if upload is None or upload.user_id not in (user_id, None):
                return None
            session.delete(upload)
            return upload.name, bytes(upload.data)

    def purge(self, now: datetime.datetime | None = None) -> int:
        """Forget uploads older than a day; how many there were."""
        cutoff = (now or utc_now()) - datetime.timedelta(hours=UPLOAD_HOURS)
        with self._sessions.begin() as session:
            result = session.execute(delete(Upload).where(Upload.created_at < cutoff))
            return int(result.rowcount)  # type: ignore[attr-defined]
