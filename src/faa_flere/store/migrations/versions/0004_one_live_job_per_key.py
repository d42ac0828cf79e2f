"""One live job per key: a unique index on the key of the jobs not failed, so that two
requests for the same build at the same moment make one job.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "state != 'failed'"


def upgrade() -> None:
    # Duplicates made before the index: all but the newest of each key are given up.
    op.execute(
        sa.text(
            "UPDATE jobs SET state = 'failed' WHERE state != 'failed' AND EXISTS ("
            " SELECT 1 FROM jobs AS newer WHERE newer.area_id = jobs.area_id AND newer.key = jobs.key"
            " AND newer.state != 'failed' AND (newer.created_at > jobs.created_at"
            " OR (newer.created_at = jobs.created_at AND newer.id > jobs.id)))"
        )
    )
    op.create_index(
        "uq_jobs_live_key",
        "jobs",
        ["area_id", "key"],
        unique=True,
        postgresql_where=sa.text(LIVE),
        sqlite_where=sa.text(LIVE),
    )


def downgrade() -> None:
    op.drop_index("uq_jobs_live_key", table_name="jobs")
