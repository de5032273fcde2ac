"""Case deadline alerts: once a working day, tell each complaints officer how many cases are overdue or due soon.

The email holds counts and a link, never what anyone wrote or who they are (email may not be secure). Each
officer gets at most one alert a day: a sent alert is recorded as a Notification and looked for before sending,
so the job may run again after a failure; a queued one counts too (the worker sends it). Nothing is sent when no
case is overdue or due soon.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask import current_app
from sqlalchemy import func, select

from surveys.models import Case, Notification, OutboxItem, User, db
from surveys.services.capture.cases import deadlines
from surveys.services.capture.cases.queries import status_condition
from surveys.services.platform.calendar import LONDON, is_working_day
from surveys.services.platform.notify.queued import queue_email

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
    """Active complaints officers' addresses with no alert sent or queued today (England's day)."""
    start_of_day = datetime.combine(now.astimezone(LONDON).date(), time(0), tzinfo=LONDON).astimezone(UTC)
    alerted = select(Notification.recipient).where(
        Notification.kind == ALERT_KIND, Notification.status == "sent", Notification.created_at >= start_of_day)
    queued = select(OutboxItem.payload["to"].as_string()).where(
        OutboxItem.kind == "email", OutboxItem.payload["kind"].as_string() == ALERT_KIND,
        OutboxItem.created_at >= start_of_day, OutboxItem.status != "failed")
    query = select(User.email).where(User.role == "complaints_officer", User.active.is_(True),
                                     User.email.not_in(alerted), User.email.not_in(queued))
    return list(db.session.scalars(query.order_by(User.id)))


def send_deadline_alerts(now: datetime | None = None) -> int:
    """Queue an alert for each complaints officer not yet alerted today; returns how many (the worker sends them)."""
    now = now or datetime.now(UTC)
    on = now.astimezone(LONDON).date()
    if not is_working_day(on):
        return 0
    counts = deadline_counts(on)
    if counts.overdue == 0 and counts.due_soon == 0:
        return 0
    subject, body = compose_deadline_alert(counts)
    recipients = officers_to_alert(now)
    for recipient in recipients:
        queue_email(ALERT_KIND, recipient[:254], subject, body, now=now)
    return len(recipients)
