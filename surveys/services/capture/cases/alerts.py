"""Case deadline alerts: once a working day, tell each complaints officer how many cases are overdue or due soon.

The email holds counts and a link, never what anyone wrote or who they are (email may not be secure). Each
officer gets at most one alert a day: a sent alert is recorded as a Notification and looked for before sending,
so the job may run again after a failure. Nothing is sent when no case is overdue or due soon.
"""

import logging
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask import current_app
from sqlalchemy import func, select

from surveys.models import Case, Notification, User, db
from surveys.services.capture.cases import deadlines
from surveys.services.capture.cases.queries import status_condition
from surveys.services.platform.calendar import LONDON, is_working_day
from surveys.services.platform.notify import Notifier, get_notifier

log = logging.getLogger(__name__)

ALERT_KIND = "case_deadline_alert"


@dataclass(frozen=True)
class DeadlineCounts:
    """Open cases past their due date, and those due in the next few days."""

    overdue: int
    due_soon: int


def deadline_counts(on: date) -> DeadlineCounts:
    """How many open cases are overdue, and due soon, on the day ``on`` (every partner: officers see all)."""
    def count(status: str) -> int:
        return db.session.scalar(select(func.count(Case.id)).where(status_condition(status, on))) or 0

    return DeadlineCounts(overdue=count("overdue"), due_soon=count("due_soon"))


def compose_deadline_alert(counts: DeadlineCounts) -> tuple[str, str]:
    """The subject and body of the alert: counts and a link only."""
    config = current_app.config
    cases = f"{config['PUBLIC_BASE_URL'].rstrip('/')}/staff/cases"
    subject = f"Cases: {counts.overdue} overdue, {counts.due_soon} due in the next {deadlines.DUE_SOON_DAYS} days"
    body = "\n\n".join((
        "Hello,",
        f"{_cases(counts.overdue)} past the date a response was due.\n"
        f"{_cases(counts.due_soon)} due in the next {deadlines.DUE_SOON_DAYS} days.",
        f"See overdue cases:\n{cases}?status=overdue",
        f"See cases due soon:\n{cases}?status=due_soon",
        f"From {config['SERVICE_NAME']}, {config['LOCAL_AREA_NAME']}",
    ))
    return subject, body + "\n"


def _cases(number: int) -> str:
    return "1 case is" if number == 1 else f"{number} cases are"


def officers_to_alert(now: datetime) -> list[str]:
    """Active complaints officers' addresses without an alert sent today (England's day)."""
    start_of_day = datetime.combine(now.astimezone(LONDON).date(), time(0), tzinfo=LONDON).astimezone(UTC)
    alerted = select(Notification.recipient).where(
        Notification.kind == ALERT_KIND, Notification.status == "sent", Notification.created_at >= start_of_day)
    query = select(User.email).where(User.role == "complaints_officer", User.active.is_(True),
                                     User.email.not_in(alerted))
    return list(db.session.scalars(query.order_by(User.id)))


def send_deadline_alerts(now: datetime | None = None, *, notifier: Notifier | None = None,
                         each: Callable[[], AbstractContextManager] = nullcontext) -> int:
    """Alert each complaints officer not yet alerted today; returns how many alerts went. ``each`` wraps one
    officer's alert (the job passes ``transaction``, so each sent alert is committed before the next)."""
    now = now or datetime.now(UTC)
    on = now.astimezone(LONDON).date()
    if not is_working_day(on):
        return 0
    counts = deadline_counts(on)
    if counts.overdue == 0 and counts.due_soon == 0:
        return 0
    notifier = notifier or get_notifier(current_app.config)
    subject, body = compose_deadline_alert(counts)
    sent = 0
    for recipient in officers_to_alert(now):
        with each():
            sent += _deliver(notifier, recipient, subject, body)
    return sent


def _deliver(notifier: Notifier, recipient: str, subject: str, body: str) -> bool:
    """Send one alert and record it, sent or failed (a failure is tried again on the next run)."""
    reference = f"yousaid-cases-{secrets.token_hex(8)}"
    notification = Notification(kind=ALERT_KIND, channel="email", recipient=recipient[:254], notifier=notifier.name,
                                status="sent", provider_reference=reference, error="")
    try:
        notifier.send_email(recipient, subject, body, reference=reference)
    except Exception as error:  # noqa: BLE001 - recorded and tried again, never fatal to the batch
        notification.status = "failed"
        notification.error = f"{type(error).__name__}: {error}"[:500]
        log.warning("case deadline alert %s failed: %s", reference, notification.error)
    db.session.add(notification)
    db.session.flush()
    return notification.status == "sent"
