"""Who may review flagged comments, and the words and times every safeguarding page and message uses."""

from datetime import datetime, timedelta

from flask import current_app

from analysis.triage_rules import PATTERNS as TRIAGE_PATTERNS
from surveys.formatters import local_datetime
from surveys.models import User
from surveys.services.platform.errors import Forbidden
from surveys.services.platform.raw_text import FLAGGED_TEXT_ROLES, may_read_raw

REVIEWER_ROLES = tuple(sorted(FLAGGED_TEXT_ROLES - {"admin"}))  # and administrators: the raw-text rule
TRIAGE_CATEGORIES = frozenset(TRIAGE_PATTERNS)


# --- Who may review -----------------------------------------------------------------------------------


def may_review(user: User) -> bool:
    """Safeguarding leads and administrators review flagged comments and read their words."""
    return may_read_raw(user, flagged=True)


def require_reviewer(user: User) -> None:
    """``Forbidden`` unless the user may review (the pages check the role too; the services do not rely on it)."""
    if not may_review(user):
        raise Forbidden()


# --- Words and times ------------------------------------------------------------------------------------


def risk_words(reason: str) -> str:
    """The kinds of risk triage found, from triage's own list only, so no words of the comment ever leak out."""
    parts = [part.strip() for part in (reason or "").split(",") if part.strip()]
    known = [part for part in parts if part in TRIAGE_CATEGORIES]
    if len(known) < len(parts):
        known.append("other")
    return ", ".join(known) if known else "possible risk"


def long_time(moment: datetime | None) -> str:
    """A moment as people in England say it: 3 March 2026 at 2:15pm."""
    return local_datetime(moment)


def how_long(delta: timedelta) -> str:
    """A length of time in the largest whole unit: 5 minutes, 3 hours, 2 days."""
    seconds = max(0, int(delta.total_seconds()))
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            number = seconds // size
            return f"{number} {unit}{'' if number == 1 else 's'}"
    return "less than a minute"


def review_url(comment_id: int) -> str:
    """The staff page for one flagged comment, for links in messages (works outside a request)."""
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/staff/safeguarding/{comment_id}"
