"""Clean-up: publications whose build died midway (still "building" a day later) are removed.

Publishing builds a whole version before making it live in one step, so a build that died leaves a row that
nobody will finish; the live version and the history (live, superseded, failed) are never touched. A day's
grace means a build or preview in progress is never removed under it.
"""

from datetime import datetime, timedelta

from sqlalchemy import delete

from surveys.models import Publication, db

ABANDONED_AFTER = timedelta(days=1)


def remove_abandoned_builds(now: datetime) -> int:
    """Delete publications still building after ``ABANDONED_AFTER``; returns how many (flushed, not committed)."""
    abandoned = delete(Publication).where(Publication.status == "building",
                                          Publication.created_at < now - ABANDONED_AFTER)
    return db.session.execute(abandoned.execution_options(synchronize_session=False)).rowcount
