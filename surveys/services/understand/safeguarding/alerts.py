"""Safeguarding alerts: email the named contact and the leads about a flagged comment, record every message, and
make sure none is lost: after the commit that flagged it, or later by ``send_pending_alerts``."""

import logging
import re
import secrets
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from flask import current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from surveys.models import Comment, Notification, User, db
from surveys.services.platform.notify import Notifier, get_notifier
from surveys.services.understand.safeguarding.words import long_time, review_url, risk_words

log = logging.getLogger(__name__)

ALERT_KIND = "safeguarding_alert"
_REFERENCE_PREFIX = "yousaid-safeguarding-"  # then random hex: the provider is never told which comment
_PENDING = "yousaid.safeguarding.alert_after_commit"


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
                own.commit()  # nosemgrep: no-commit-in-services (after commit: see above)
    except Exception:
        log.exception("safeguarding alerts for comments %s failed; send_pending_alerts will retry", comment_ids)
        own.rollback()  # nosemgrep: no-commit-in-services
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
