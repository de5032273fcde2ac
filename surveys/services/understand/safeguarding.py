"""Safeguarding: text suggesting a child or adult may be at risk reaches a named person at once, and is never lost.

Triage on arrival (``surveys.services.understand.comments.analyse_comment``) sets
``Comment.safeguarding_flag``. This module makes sure a person acts on it:

- ``alert_safeguarding_contact(comment)`` emails the named contact (the SAFEGUARDING_CONTACT_EMAIL setting) and
  every active safeguarding lead about a comment already committed. The email says only that a comment needs urgent
  review, its reference, the kind of risk, when it arrived and the link to the review page: never the words or
  anything about the person, because email may not be secure. Every message is recorded as a ``Notification`` of
  kind ``safeguarding_alert`` with its ``comment_id``; one that could not be sent is recorded as failed, with the
  reason, and is tried again by ``send_pending_alerts``.
- ``alert_after_commit(comment)`` is for code in the middle of a transaction (``add_comment``): the alert goes once
  the edge commits that transaction, and never for one rolled back.
- ``send_pending_alerts()`` (a scheduled job) alerts about every flagged, unreviewed comment that has no alert
  that was sent, so a crash between saving and sending, or a mail server that was down, never loses an alert.
- The review pages: ``flagged_queue``, ``open_flag``, ``flag_details``, ``record_raw_text_view``, ``record_review``.

Like every service, these add and flush, and whoever called them commits (``surveys.transactions``). The one
exception is the alert sent after a commit: the committed session can run no more SQL, so that alert is recorded
in a session of its own.

Nothing here unflags or deletes a comment. A review records who looked, when and what they did; the flag stays
True, so the comment is never published automatically (``Comment.publishable``).
"""

import logging
import re
import secrets
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, has_app_context
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, defer

from analysis.triage import PATTERNS as TRIAGE_PATTERNS
from surveys.models import (
    AUDIENCES,
    JOURNEY_STAGES,
    Answer,
    AuditEvent,
    Case,
    Comment,
    Notification,
    Response,
    User,
    db,
    utcnow,
)
from surveys.models.cases import CASE_KINDS
from surveys.services.platform import audit
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.errors import Forbidden, Invalid, NotFound
from surveys.services.platform.notify import Notifier, get_notifier

log = logging.getLogger(__name__)

ALERT_KIND = "safeguarding_alert"
REVIEWER_ROLES = ("safeguarding_lead",)  # and administrators
REVIEW_OUTCOMES = {
    "referred": "Referred to children’s or adult social care, or the multi-agency safeguarding hub (MASH)",
    "already_known": "Already known to children’s or adult social care, or another safeguarding service",
    "no_concern": "Reviewed: no safeguarding concern",
}
NOTE_MAX = 2000
REVIEWED_SHOWN = 100
TRIAGE_CATEGORIES = frozenset(TRIAGE_PATTERNS)
SOURCE_NAMES = {
    "survey": "Answer to a survey",
    "case": "Compliment, comment or complaint",
    "import": "Imported record",
    "transcript": "Transcript of a young person’s audio message",
    "practitioner_note": "Practitioner’s note",
}
_REFERENCE_PREFIX = "yousaid-safeguarding-"  # then random hex: the provider is never told which comment
_PENDING = "yousaid.safeguarding.alert_after_commit"


# --- Who may review -----------------------------------------------------------------------------------


def may_review(user: User) -> bool:
    """Safeguarding leads and administrators review flagged comments and read their words."""
    return user.role == "admin" or user.role in REVIEWER_ROLES


def _require_reviewer(user: User) -> None:
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
    if moment is None:
        return ""
    local = moment.astimezone(LONDON)
    if (local.hour, local.minute) == (0, 0):
        clock = "midnight"
    elif (local.hour, local.minute) == (12, 0):
        clock = "midday"
    else:
        clock = f"{local.hour % 12 or 12}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
    return f"{local.day} {local:%B %Y} at {clock}"


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


# --- Alerts -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertMessage:
    """The email about one flagged comment: no words of the comment, nothing about the person."""

    subject: str
    body: str


def compose_alert(comment: Comment) -> AlertMessage:
    """The subject and body of the alert for ``comment``."""
    config = current_app.config
    subject = f"Urgent: comment {comment.id} needs a safeguarding review"
    body = "\n\n".join((
        "Hello,",
        f"A comment sent to {config['SERVICE_NAME']} may show that a child or adult is at risk. "
        "It needs an urgent review by a safeguarding lead.",
        f"Reference: comment {comment.id}\n"
        f"Possible risk: {risk_words(comment.safeguarding_reason)}\n"
        f"Received: {long_time(comment.received_at)}",
        f"Sign in to read it and record what you did:\n{review_url(comment.id)}",
        "This email does not include what was written or who wrote it, because email may not be secure.",
        "If you think someone is in immediate danger, call 999.",
        f"From {config['SERVICE_NAME']}, {config['LOCAL_AREA_NAME']}",
    ))
    return AlertMessage(subject=subject, body=body + "\n")


def alert_recipients(session: Session | None = None) -> list[str]:
    """SAFEGUARDING_CONTACT_EMAIL (one address, or several separated by commas) and every active safeguarding lead."""
    session = session or db.session
    named = re.split(r"[,;\s]+", current_app.config.get("SAFEGUARDING_CONTACT_EMAIL") or "")
    leads = session.scalars(
        select(User.email).where(User.role == "safeguarding_lead", User.active.is_(True)).order_by(User.id)
    )
    recipients: list[str] = []
    seen: set[str] = set()
    for email in (*named, *leads):
        email = (email or "").strip()
        if email and email.lower() not in seen:
            seen.add(email.lower())
            recipients.append(email)
    return recipients


def alerts_by_comment(session: Session | None = None, comment_ids: Iterable[int] | None = None
                      ) -> dict[int, list[Notification]]:
    """Safeguarding alerts, oldest first, by the comment they were about."""
    session = session or db.session
    query = select(Notification).where(Notification.kind == ALERT_KIND, Notification.comment_id.is_not(None))
    if comment_ids is not None:
        query = query.where(Notification.comment_id.in_(list(comment_ids)))
    found: dict[int, list[Notification]] = {}
    for notification in session.scalars(query.order_by(Notification.id)):
        found.setdefault(notification.comment_id, []).append(notification)
    return found


def _has_sent_alert(session: Session, comment_id: int) -> bool:
    query = select(Notification.id).where(
        Notification.kind == ALERT_KIND, Notification.status == "sent", Notification.comment_id == comment_id,
    )
    return session.scalar(query.limit(1)) is not None


def _notifier() -> tuple[Notifier | None, Exception | None]:
    """The configured notifier, or the reason there is none (recorded on each failed alert)."""
    try:
        return get_notifier(current_app.config), None
    except Exception as error:  # noqa: BLE001 - a bad setting must show as failed alerts, not lose them
        return None, error


def _deliver(session: Session, notifier: Notifier | None, problem: Exception | None, comment: Comment,
             recipient: str, message: AlertMessage) -> Notification:
    """Hand one alert to the notifier and add its record to the session, sent or failed."""
    reference = f"{_REFERENCE_PREFIX}{secrets.token_hex(8)}"
    name = notifier.name if notifier is not None else str(current_app.config.get("NOTIFIER") or "unknown")
    notification = Notification(kind=ALERT_KIND, channel="email", recipient=recipient[:254], notifier=name[:16],
                                status="sent", provider_reference=reference, error="", comment_id=comment.id)
    try:
        if notifier is None:
            raise problem or RuntimeError("no notifier")
        provided = str(notifier.send_email(recipient, message.subject, message.body, reference=reference) or "")
        if provided and provided != reference:
            notification.provider_reference = f"{reference} {provided}"[:200]
    except Exception as error:  # noqa: BLE001 - every failure is recorded and tried again, never fatal
        notification.status = "failed"
        notification.error = f"{type(error).__name__}: {error}"[:500]
        log.error("safeguarding alert %s for comment %s could not be sent: %s", reference, comment.id,
                  notification.error)
    session.add(notification)
    return notification


def _alert(session: Session, comment: Comment, notifier: Notifier | None = None,
           problem: Exception | None = None) -> list[Notification]:
    """Alert everyone who should know about one flagged comment, unless an alert was already sent."""
    if not comment.safeguarding_flag or comment.id is None or _has_sent_alert(session, comment.id):
        return []
    recipients = alert_recipients(session)
    if not recipients:
        log.error("comment %s is flagged for safeguarding but no one receives alerts: set SAFEGUARDING_CONTACT_EMAIL"
                  " or give someone the safeguarding_lead role", comment.id)
        return []
    if notifier is None and problem is None:
        notifier, problem = _notifier()
    message = compose_alert(comment)
    return [_deliver(session, notifier, problem, comment, recipient, message) for recipient in recipients]


def alert_safeguarding_contact(comment: Comment, *, notifier: Notifier | None = None) -> list[Notification]:
    """Email the safeguarding contact and leads about a flagged, committed comment; record (and flush) each message.

    Returns one Notification per recipient (status "sent" or "failed"); an empty list when the comment is not
    flagged, an alert about it was already sent, or no one is set to receive alerts (logged as an error). Never
    raises because a message failed, and never changes the comment. Works in a request, a job or the CLI. For a
    comment not yet committed use ``alert_after_commit``: this one sends at once.
    """
    notifications = _alert(db.session, comment, notifier)
    db.session.flush()
    return notifications


def alert_after_commit(comment: Comment) -> None:
    """Alert about ``comment`` once the current transaction commits; for code mid-transaction, like ``add_comment``.

    The comment must be in the current transaction, which the edge commits (the request, job or command that
    called us). Nothing is sent if that transaction rolls back. The alert is sent and recorded in a session of its
    own as the commit finishes, so a failure to send never makes the caller's commit fail; if even recording it
    fails, ``send_pending_alerts`` sends it later.
    """
    if not comment.safeguarding_flag:
        return
    session = db.session()
    if comment.id is None:
        session.flush()
    session.info.setdefault(_PENDING, []).append(comment.id)


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    comment_ids = session.info.pop(_PENDING, None)
    if not comment_ids:
        return
    if not has_app_context():
        log.error("no app to alert about flagged comments %s; send_pending_alerts will", comment_ids)
        return
    # The committed session can run no more SQL until this returns: use a session of our own.
    own = db.session.session_factory()
    try:
        for comment_id in dict.fromkeys(comment_ids):
            comment = own.get(Comment, comment_id)
            if comment is not None and _alert(own, comment):
                own.commit()
    except Exception:
        log.exception("safeguarding alerts for comments %s failed; send_pending_alerts will retry", comment_ids)
        own.rollback()
    finally:
        own.close()


@event.listens_for(Session, "after_transaction_end")
def _forget_unsent(session: Session, transaction) -> None:
    # Runs after _send_after_commit on a commit; what is left here was rolled back or closed, comments and all.
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def comments_awaiting_alert() -> list[int]:
    """Flagged, unreviewed comments with no alert sent yet (none at all, or only failed ones), oldest first."""
    pending = list(db.session.scalars(
        select(Comment.id)
        .where(Comment.safeguarding_flag.is_(True), Comment.safeguarding_reviewed_at.is_(None))
        .order_by(Comment.received_at, Comment.id)
    ))
    if not pending:
        return []
    sent = {comment_id for comment_id, alerts in alerts_by_comment(comment_ids=pending).items()
            if any(alert.status == "sent" for alert in alerts)}
    return [comment_id for comment_id in pending if comment_id not in sent]


def send_pending_alerts(*, notifier: Notifier | None = None,
                        each: Callable[[], AbstractContextManager] = nullcontext) -> int:
    """Alert about every flagged, unreviewed comment with no alert sent yet; returns how many were alerted.

    Safe to run at any time and as often as wanted (a scheduled job): a comment whose alert was sent is never
    alerted again; one whose alerts all failed is tried again. ``each`` wraps the work for one comment: the job
    passes ``surveys.transactions.transaction``, so each comment's alerts are committed as they go (an email sent
    cannot be unsent, so its record must not wait for, or roll back with, the next comment's).
    """
    waiting = comments_awaiting_alert()
    if not waiting:
        return 0
    problem = None
    if notifier is None:
        notifier, problem = _notifier()
    alerted = 0
    for comment_id in waiting:
        with each():
            alerted += _alert_waiting(comment_id, notifier, problem)
    return alerted


def _alert_waiting(comment_id: int, notifier: Notifier | None, problem: Exception | None) -> bool:
    """Alert about one waiting comment; True when a message was sent."""
    comment = db.session.get(Comment, comment_id)
    notifications = _alert(db.session, comment, notifier, problem) if comment is not None else []
    db.session.flush()
    return any(notification.status == "sent" for notification in notifications)


# --- The queue ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    """One flagged comment in the list: never its words."""

    comment: Comment
    risk: str
    source: str
    received: str
    waiting: str
    alert: str  # sent, failed or none
    outcome: str | None = None
    reviewed: str = ""
    reviewed_by: str = ""


@dataclass(frozen=True)
class Queue:
    """Flagged comments awaiting review (oldest first), then those reviewed (latest first)."""

    awaiting: list[QueueItem]
    reviewed: list[QueueItem]
    reviewed_total: int
    recipients: list[str]

    @property
    def failed_alerts(self) -> int:
        """Comments awaiting review whose alerts all failed."""
        return sum(item.alert == "failed" for item in self.awaiting)


def _alert_state(alerts: list[Notification]) -> str:
    if any(alert.status == "sent" for alert in alerts):
        return "sent"
    return "failed" if alerts else "none"


def latest_outcomes(comment_ids: Iterable[int]) -> dict[int, str]:
    """The outcome of the latest review of each comment."""
    keys = [str(comment_id) for comment_id in comment_ids]
    if not keys:
        return {}
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "safeguarding_review", AuditEvent.object_type == "Comment",
               AuditEvent.object_id.in_(keys))
        .order_by(AuditEvent.id)
    )
    return {int(event.object_id): (event.detail or {}).get("outcome", "") for event in events}


def flagged_queue(user: User, now: datetime | None = None) -> Queue:
    """Everything the safeguarding list shows. The words of the comments are not even loaded."""
    _require_reviewer(user)
    now = now or utcnow()
    flagged = select(Comment).options(defer(Comment.raw_text), defer(Comment.redacted_text)).where(
        Comment.safeguarding_flag.is_(True)
    )
    awaiting = list(db.session.scalars(
        flagged.where(Comment.safeguarding_reviewed_at.is_(None)).order_by(Comment.received_at, Comment.id)
    ))
    reviewed = db.session.execute(
        flagged.add_columns(User.email)
        .outerjoin(User, User.id == Comment.safeguarding_reviewed_by_id)
        .where(Comment.safeguarding_reviewed_at.is_not(None))
        .order_by(Comment.safeguarding_reviewed_at.desc(), Comment.id.desc())
        .limit(REVIEWED_SHOWN)
    ).all()
    reviewed_total = db.session.scalar(
        select(func.count(Comment.id))
        .where(Comment.safeguarding_flag.is_(True), Comment.safeguarding_reviewed_at.is_not(None))
    )
    alerts = alerts_by_comment(comment_ids=[comment.id for comment in awaiting])
    outcomes = latest_outcomes(comment.id for comment, _ in reviewed)

    def item(comment: Comment, **extra) -> QueueItem:
        return QueueItem(
            comment=comment, risk=risk_words(comment.safeguarding_reason),
            source=SOURCE_NAMES.get(comment.source, comment.source), received=long_time(comment.received_at),
            waiting=how_long(now - comment.received_at), alert=_alert_state(alerts.get(comment.id, [])), **extra,
        )

    return Queue(
        awaiting=[item(comment) for comment in awaiting],
        reviewed=[item(comment, outcome=outcomes.get(comment.id), reviewed=long_time(comment.safeguarding_reviewed_at),
                       reviewed_by=email or "Unknown") for comment, email in reviewed],
        reviewed_total=reviewed_total or 0,
        recipients=alert_recipients(),
    )


# --- One flagged comment ----------------------------------------------------------------------------------


def open_flag(user: User, comment_id: int) -> Comment:
    """A flagged comment for review: Forbidden unless the user reviews safeguarding, NotFound unless it is flagged."""
    _require_reviewer(user)
    comment = db.session.get(Comment, comment_id)
    if comment is None or not comment.safeguarding_flag:
        raise NotFound()
    return comment


@dataclass(frozen=True)
class ReviewRecord:
    """One review recorded for a comment."""

    at: str
    who: str
    outcome: str
    note: str


@dataclass(frozen=True)
class FlagDetails:
    """Everything the review page shows about one flagged comment, its words included."""

    comment: Comment
    risk: str
    received: str
    waiting: str
    source: str
    origin: list[tuple[str, str]]
    case: Case | None
    contact: list[tuple[str, str]]
    contact_note: str
    alerts: list[Notification]
    reviews: list[ReviewRecord]


def _origin(comment: Comment, response: Response | None, case: Case | None) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if response is not None:
        rows.append(("Survey", response.version.survey.title))
        rows.append(("Answered", long_time(response.submitted_at) if response.submitted_at else "Not finished"))
        rows.append(("Invited", "Yes, by a personal invitation" if response.invitation_id else "No, by an open link"))
    if comment.answer_id is not None:
        answer = db.session.get(Answer, comment.answer_id)
        if answer is not None:
            rows.append(("Question", answer.question.prompt))
    if case is not None:
        rows.append(("Type of case", CASE_KINDS.get(case.kind, case.kind)))
    rows.append(("Partner", comment.partner.name if comment.partner else "Not known"))
    for label, value in (
        ("Locality", comment.locality),
        ("Journey stage", JOURNEY_STAGES.get(comment.journey_stage or "", comment.journey_stage)),
        ("Who it is from", AUDIENCES.get(comment.audience or "", comment.audience)),
        ("Need", comment.need_type),
    ):
        if value:
            rows.append((label, value))
    return rows


def _contact(response: Response | None, case: Case | None) -> tuple[list[tuple[str, str]], str]:
    """Contact details the person gave and agreed we may use, and a sentence when there are none."""
    if case is not None:
        rows = [(key, value) for key, value in (("Name", case.contact_name), ("Email", case.contact_email),
                                                ("Phone", case.contact_phone)) if value]
        return rows, "" if rows else "They did not give contact details."
    if response is not None:
        if not response.consent_contact:
            return [], "They did not agree to be contacted, so we do not keep their contact details."
        rows = [(key, value) for key, value in (("Email", response.contact_email), ("Phone", response.contact_phone))
                if value]
        return rows, "" if rows else "They agreed to be contacted but did not give contact details."
    return [], "There are no contact details for this comment."


def review_history(comment: Comment) -> list[ReviewRecord]:
    """Every review recorded for the comment, oldest first."""
    query = (
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.action == "safeguarding_review", AuditEvent.object_type == "Comment",
               AuditEvent.object_id == str(comment.id))
        .order_by(AuditEvent.id)
    )
    return [
        ReviewRecord(at=long_time(event.created_at), who=email or "Unknown",
                     outcome=REVIEW_OUTCOMES.get((event.detail or {}).get("outcome"), "Not known"),
                     note=(event.detail or {}).get("note", ""))
        for event, email in db.session.execute(query)
    ]


def flag_details(comment: Comment, now: datetime | None = None) -> FlagDetails:
    """The review page's contents. Call ``record_raw_text_view`` whenever it is shown."""
    response = db.session.get(Response, comment.response_id) if comment.response_id else None
    case = db.session.get(Case, comment.case_id) if comment.case_id else None
    contact, contact_note = _contact(response, case)
    return FlagDetails(
        comment=comment, risk=risk_words(comment.safeguarding_reason), received=long_time(comment.received_at),
        waiting=how_long((now or utcnow()) - comment.received_at),
        source=SOURCE_NAMES.get(comment.source, comment.source), origin=_origin(comment, response, case), case=case,
        contact=contact, contact_note=contact_note, reviews=review_history(comment),
        alerts=alerts_by_comment(comment_ids=[comment.id]).get(comment.id, []),
    )


def record_raw_text_view(user: User, comment: Comment) -> AuditEvent:
    """Reading what the person wrote goes in the audit log, committed with the page that shows it."""
    _require_reviewer(user)
    event = audit.record(user, "view_raw_text", comment, purpose="safeguarding_review")
    db.session.flush()
    return event


def record_review(user: User, comment: Comment, outcome: str, note: str = "") -> AuditEvent:
    """Record who reviewed a flagged comment, when, and what they did; ``Invalid`` for a bad outcome or note.

    The flag stays: after "no_concern" the comment may be used in analysis, but it is never published automatically.
    A comment may be reviewed again (for example when more is learned); every review is kept in the audit log.
    """
    _require_reviewer(user)
    if not comment.safeguarding_flag:
        raise Invalid("Only a flagged comment has a safeguarding review")
    if outcome not in REVIEW_OUTCOMES:
        raise Invalid("Select what you did about this comment")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise Invalid(f"The note must be {NOTE_MAX:,} characters or fewer")
    comment.safeguarding_reviewed_at = utcnow()
    comment.safeguarding_reviewed_by_id = user.id
    event = audit.record(user, "safeguarding_review", comment, outcome=outcome, note=note)
    db.session.flush()
    return event
