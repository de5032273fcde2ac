"""Safeguarding alerts: email the named contact and the leads about a flagged comment, and make sure none is lost.

The alerts are queued in the outbox in the same transaction that flags the comment (``queue_alerts``) and sent by
the worker within seconds, retried with backoff; every attempt is recorded as a ``Notification``."""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from surveys.models import Comment, Notification, OutboxItem, User, db
from surveys.services.platform.notify.queued import queue_email
from surveys.services.understand.safeguarding.words import long_time, review_url, risk_words

log = logging.getLogger(__name__)

ALERT_KIND = "safeguarding_alert"


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


def queue_alerts(comment: Comment) -> list[OutboxItem]:
    """Queue the alert about a flagged comment for everyone who should know, in the current transaction.

    One outbox item per recipient, so a failure to reach one person is retried for that person alone, and the
    alerts are committed exactly when the flag is: never for a comment rolled back, never lost for one kept. The
    worker sends them first (``surveys.worker``). Nothing is queued for a comment that is not flagged, or when no
    one is set to receive alerts (logged as an error; the safeguarding page says so too).
    """
    if not comment.safeguarding_flag:
        return []
    if comment.id is None:
        db.session.flush()
    recipients = alert_recipients()
    if not recipients:
        log.error("comment %s is flagged for safeguarding but no one receives alerts: set SAFEGUARDING_CONTACT_EMAIL"
                  " or give someone the safeguarding_lead role", comment.id)
        return []
    message = compose_alert(comment)
    return [queue_email(ALERT_KIND, recipient[:254], message.subject, message.body, comment_id=comment.id)
            for recipient in recipients]
