"""Queuing and sending invitations and reminders, and trying again for those that did not go.

Nothing here sends inside the caller's transaction: ``queue_invitation`` adds an outbox item, committed with the
invitation or the reminder's claim, and the worker sends it (``send_queued_invitation``) with a new link made at
that moment, so only the link's hash is ever stored.

Reminders are safe when two processes run at once (two schedulers by mistake, or a command run by hand beside
the scheduler). Each invitation is first *claimed* with one conditional UPDATE that repeats every condition and
matches only the state this process read (``reminders_sent = :old``). The database lets only one UPDATE change
the row: on PostgreSQL the second waits for the first to commit, then finds the row changed and matches nothing;
SQLite runs writes one at a time. The reminder is queued in the claim's transaction, so a person gets at most one
reminder per round.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, exists, or_, select, update

from surveys.models import Invitation, OutboxItem, Response, Survey, db, utcnow
from surveys.services.capture.invitations import new_token
from surveys.services.platform import outbox
from surveys.services.platform.notify import send_invitation

MESSAGE_KINDS = ("invitation", "reminder")


def answered():
    """True for an invitation whose response has been submitted (an in-progress one does not count)."""
    return exists().where(Response.invitation_id == Invitation.id, Response.status == "submitted")


def reminder_due(now: datetime, interval: timedelta, most: int):
    """The conditions for a reminder: sent, unanswered, not expired, quiet for ``interval``, fewer than ``most``."""
    return and_(
        Invitation.expires_at > now,
        Invitation.sent_at.is_not(None),
        Invitation.sent_at <= now - interval,
        or_(Invitation.last_reminded_at.is_(None), Invitation.last_reminded_at <= now - interval),
        Invitation.reminders_sent < most,
        ~answered(),
    )


def reminder_candidates(now: datetime) -> list[tuple[int, int]]:
    """(invitation id, reminders sent so far) for everyone due a reminder at ``now``."""
    interval, most = reminder_rules()
    if most <= 0:
        return []
    due = select(Invitation.id, Invitation.reminders_sent).where(reminder_due(now, interval, most))
    return [tuple(row) for row in db.session.execute(due.order_by(Invitation.id))]


def reminder_rules() -> tuple[timedelta, int]:
    """How long to wait between messages, and the most reminders anyone gets (REMINDER_AFTER_DAYS, MAX_REMINDERS)."""
    config = current_app.config
    return timedelta(days=config["REMINDER_AFTER_DAYS"]), config["MAX_REMINDERS"]


def claim_reminder(invitation_id: int, count: int, now: datetime) -> bool:
    """Count a reminder for this invitation if it is still due and still at ``count``. True if ours.

    The caller commits the claim before sending, so a slow or failed send never lets a second process remind
    the same person in the same round.
    """
    interval, most = reminder_rules()
    claim = (
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.reminders_sent == count, reminder_due(now, interval, most))
        .values(reminders_sent=count + 1, last_reminded_at=now)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(claim).rowcount == 1


def queue_invitation(invitation: Invitation, kind: str = "invitation") -> OutboxItem:
    """Queue an invitation or a reminder for the worker, in the current transaction."""
    if invitation.id is None:
        db.session.flush()
    return outbox.enqueue(kind, {"invitation_id": invitation.id})


def send_queued_invitation(invitation_id: int, kind: str) -> str:
    """The worker sends a queued invitation or reminder with a new link; the notifier's name ("" when nothing went).

    Nothing goes to someone who has answered, whose link has expired, or (for an invitation) who was already sent
    one. When every message failed the attempt is recorded and ``SendFailed`` asks the worker to try again.
    """
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or not _still_wanted(invitation, kind):
        return ""
    notifications = send_invitation(invitation, new_token(), kind)
    if notifications and not any(n.status == "sent" for n in notifications):
        raise outbox.SendFailed(notifications[0].error)
    return notifications[0].notifier if notifications else ""


def _still_wanted(invitation: Invitation, kind: str) -> bool:
    answered_already = db.session.scalar(select(Response.id).where(
        Response.invitation_id == invitation.id, Response.status == "submitted").limit(1)) is not None
    if answered_already or invitation.expires_at <= utcnow():
        return False
    return kind == "reminder" or invitation.sent_at is None


def queued():
    """True for an invitation with a message waiting in the outbox or being sent."""
    return exists().where(OutboxItem.kind.in_(MESSAGE_KINDS), OutboxItem.status.in_(("pending", "working")),
                          OutboxItem.payload["invitation_id"].as_integer() == Invitation.id)


def resend_candidates(survey: Survey, now: datetime) -> list[int]:
    """Ids of a survey's unexpired invitations that no message has reached and none is waiting to."""
    query = select(Invitation.id).where(
        Invitation.survey_id == survey.id, Invitation.sent_at.is_(None), Invitation.expires_at > now, ~queued(),
    )
    return list(db.session.scalars(query.order_by(Invitation.id)))


def queue_resend(survey: Survey, now: datetime) -> int:
    """Queue again every invitation of ``survey`` that has not gone out; returns how many."""
    candidates = resend_candidates(survey, now)
    for invitation_id in candidates:
        outbox.enqueue("invitation", {"invitation_id": invitation_id}, now=now)
    return len(candidates)
