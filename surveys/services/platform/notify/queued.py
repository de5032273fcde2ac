"""Emails whose words are known when they are queued (safeguarding and case deadline alerts): queue one in the
caller's transaction, and send it from the worker with a record of each attempt.

The words hold no token and nothing anyone wrote, so they may wait in the outbox table. Messages with a link's
token (invitations, reminders, follow-ups) are queued by id instead, and their token is made when they go.
"""

import logging
import secrets
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from surveys.models import Notification, OutboxItem, db
from surveys.services.platform import outbox

log = logging.getLogger(__name__)

SAFEGUARDING_KIND = "safeguarding_alert"


def queue_email(kind: str, to: str, subject: str, body: str, *, comment_id: int | None = None,
                now: datetime | None = None) -> OutboxItem:
    """Queue one email (``kind`` is the Notification kind it is recorded as); safeguarding alerts go first."""
    payload = {"kind": kind, "to": to, "subject": subject, "body": body, "comment_id": comment_id}
    return outbox.enqueue(SAFEGUARDING_KIND if kind == SAFEGUARDING_KIND else "email", payload, now=now)


def already_sent(payload: dict) -> bool:
    """True when this alert about this comment already reached this person (a retried item sends nothing)."""
    if payload.get("comment_id") is None:
        return False
    query = select(Notification.id).where(
        Notification.kind == payload["kind"], Notification.comment_id == payload["comment_id"],
        Notification.recipient == payload["to"][:254], Notification.status == "sent",
    )
    return db.session.scalar(query.limit(1)) is not None


def send_queued_email(payload: dict) -> str:
    """Send a queued email and record it; the notifier's name. Raises ``SendFailed`` (after recording) to retry."""
    from surveys.services.platform.notify import get_notifier

    if already_sent(payload):
        return ""
    notifier = get_notifier(current_app.config)
    reference = f"yousaid-{payload['kind'].replace('_', '-')}-{secrets.token_hex(8)}"
    notification = Notification(kind=payload["kind"], channel="email", recipient=payload["to"][:254],
                                comment_id=payload.get("comment_id"), notifier=notifier.name, status="sent",
                                provider_reference=reference, error="")
    db.session.add(notification)
    try:
        provided = str(notifier.send_email(payload["to"], payload["subject"], payload["body"], reference=reference)
                       or "")
    except Exception as error:  # noqa: BLE001 - recorded here, retried by the worker
        notification.status, notification.error = "failed", f"{type(error).__name__}: {error}"[:500]
        db.session.flush()
        log.warning("%s %s could not be sent: %s", payload["kind"], reference, notification.error)
        raise outbox.SendFailed(notification.error) from error
    if provided and provided != reference:
        notification.provider_reference = f"{reference} {provided}"[:200]
    db.session.flush()
    return notifier.name
