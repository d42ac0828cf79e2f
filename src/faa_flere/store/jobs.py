"""Builds asked for on the web page, as the workers take them up and finish them.

The queue (:mod:`faa_flere.jobs`) carries a job's id; its state lives here, so the page
can say where a job is and the same build asked twice is done once.
"""

from __future__ import annotations

import secrets

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from .areas import area_row, require_area
from .models import Area, Job, utc_now
from .records import JobInfo
from .session import Sessions


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


#: A job that is not failed: the unique index on a key holds for these (the predicate as
#: the index has it, so PostgreSQL can match an insert's conflict to it).
LIVE = "state != 'failed'"


class Jobs:
    """The builds: waiting, running, done or failed."""

    def __init__(self, sessions: Sessions):
        self._sessions = sessions

    def add(self, slug: str, version: int, kind: str, key: str, options: str) -> tuple[JobInfo, bool]:
        """The job for ``key``: one waiting, running or done already (shared with whoever
        asked first; answers False), else a new waiting one (True). Made with an insert
        that does nothing where a live job of the key exists (the unique index on live
        keys), so requests at the same moment make one job, never two."""
        with self._sessions.begin() as session:
            area = require_area(session, slug)
            dialect = session.get_bind().dialect.name
            insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            job_id = secrets.token_hex(16)
            made = session.execute(
                insert(Job)
                .values(
                    id=job_id,
                    area_id=area.id,
                    version_number=version,
                    kind=kind,
                    key=key,
                    options=options,
                    state="waiting",
                    created_at=utc_now(),
                    attempts=0,
                    worker="",
                    message="",
                    result="",
                )
                .on_conflict_do_nothing(index_elements=["area_id", "key"], index_where=text(LIVE))
            )
            live = session.scalars(
                select(Job).where(Job.key == key, Job.area_id == area.id, Job.state != "failed")
            ).one()
            return _job_info(slug, live), bool(made.rowcount) and live.id == job_id  # type: ignore[attr-defined]

    def live(self) -> list[JobInfo]:
        """Every job waiting or running, oldest first."""
        with self._sessions.begin() as session:
            rows = session.execute(
                select(Job, Area.slug)
                .join(Area, Area.id == Job.area_id)
                .where(Job.state.in_(("waiting", "running")))
                .order_by(Job.created_at)
            )
            return [_job_info(slug, job) for job, slug in rows]

    def get(self, job_id: str) -> JobInfo | None:
        """The job, or ``None``."""
        with self._sessions.begin() as session:
            job = session.get(Job, job_id)
            if job is None:
                return None
            area = session.get(Area, job.area_id)
            assert area is not None
            return _job_info(area.slug, job)

    def start(self, job_id: str, worker: str) -> JobInfo | None:
        """Mark the job as taken up by ``worker``; None when it is gone or finished (a
        message delivered twice does the work once)."""
        with self._sessions.begin() as session:
            job = session.get(Job, job_id)
            if job is None or job.state in ("done", "failed"):
                return None
            job.state, job.worker, job.started_at = "running", worker, utc_now()
            job.attempts += 1
            area = session.get(Area, job.area_id)
            assert area is not None
            return _job_info(area.slug, job)

    def finish(self, job_id: str, result: str) -> None:
        """The job is done; ``result`` says what it made."""
        with self._sessions.begin() as session:
            session.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(state="done", result=result, finished_at=utc_now(), message="")
            )

    def fail(self, job_id: str, message: str) -> None:
        """The job failed; ``message`` says why, in words for the page."""
        with self._sessions.begin() as session:
            session.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(state="failed", message=message, finished_at=utc_now())
            )

    def ahead(self, job_id: str) -> int:
        """How many jobs wait before this one (all areas: the workers take them in turn)."""
        with self._sessions.begin() as session:
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
        with self._sessions.begin() as session:
            rows = session.execute(
                select(Job.started_at, Job.finished_at)
                .where(Job.kind == kind, Job.state == "done", Job.started_at.is_not(None))
                .order_by(Job.finished_at.desc())
                .limit(last)
            ).all()
        times = sorted((end - start).total_seconds() for start, end in rows if start and end)
        return times[len(times) // 2] if times else None

    def newest(self, slug: str, kind: str, state: str | None = None) -> JobInfo | None:
        """The area's newest job of ``kind`` (in ``state``, if given)."""
        with self._sessions.begin() as session:
            area = area_row(session, slug)
            if area is None:
                return None
            query = select(Job).where(Job.area_id == area.id, Job.kind == kind)
            if state is not None:
                query = query.where(Job.state == state)
            job = session.scalars(
                query.order_by(Job.finished_at.desc(), Job.created_at.desc()).limit(1)
            ).first()
            return _job_info(slug, job) if job else None
