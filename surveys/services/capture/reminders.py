"""Sending again: reminders to people who have not answered, and invitations that never went out.

Safe when two processes run at once (two schedulers by mistake, or a command run by hand beside the
scheduler). Each invitation is first *claimed* with one conditional UPDATE that repeats every condition and
matches only the state this process read (``reminders_sent = :old``, or ``token_hash = :old``). The database
lets only one UPDATE change the row: on PostgreSQL the second waits for the first to commit, then finds the
row changed and matches nothing; SQLite runs writes one at a time. The caller (``surveys.batches``) commits
each claim before its message goes, so a person gets at most one reminder per round even if sending is slow or
fails.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, exists, or_, select, update

from surveys.models import Invitation, Notification, Response, Survey, db
from surveys.services.capture.invitations import hash_token, new_token
from surveys.services.platform.notify import Notifier, send_invitation

# An upload sends its invitations straight away; one left unsent this long was interrupted (a worker
# stopped mid-upload), so the catch-up job may send it without racing the upload.
UNSENT_GRACE = timedelta(minutes=15)


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


def send_reminder(invitation_id: int, now: datetime, notifier: Notifier) -> bool:
    """Send a claimed reminder with a new link; True if at least one message was accepted."""
    invitation = db.session.get(Invitation, invitation_id)
    notifications = send_invitation(invitation, new_token(), "reminder", notifier=notifier, now=now)
    return any(n.status == "sent" for n in notifications)


def never_attempted():
    """True for an invitation with no message recorded at all, sent or failed."""
    return ~exists().where(Notification.invitation_id == Invitation.id)


def unsent_candidates(now: datetime) -> list[tuple[int, str]]:
    """(id, token hash) of invitations an interrupted upload never tried to send."""
    query = select(Invitation.id, Invitation.token_hash).where(
        Invitation.sent_at.is_(None), Invitation.expires_at > now,
        Invitation.created_at <= now - UNSENT_GRACE, never_attempted(),
    )
    return [tuple(row) for row in db.session.execute(query.order_by(Invitation.id))]


def resend_candidates(survey: Survey, now: datetime) -> list[tuple[int, str]]:
    """(id, token hash) of a survey's invitations that failed to send, or were never tried."""
    failed_before = exists().where(Notification.invitation_id == Invitation.id, Notification.status == "failed")
    query = select(Invitation.id, Invitation.token_hash).where(
        Invitation.survey_id == survey.id, Invitation.sent_at.is_(None), Invitation.expires_at > now,
        or_(failed_before, Invitation.created_at <= now - UNSENT_GRACE),
    )
    return [tuple(row) for row in db.session.execute(query.order_by(Invitation.id))]


def claim_unsent(invitation_id: int, old_hash: str) -> str | None:
    """Take an unsent invitation by swapping its hash for a new token's; the token if ours, else None.

    The caller commits the claim before sending, so only one process ever sends a given invitation.
    """
    token = new_token()
    claim = (
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.token_hash == old_hash, Invitation.sent_at.is_(None))
        .values(token_hash=hash_token(token))
        .execution_options(synchronize_session=False)
    )
    return token if db.session.execute(claim).rowcount == 1 else None


def send_claimed(invitation_id: int, token: str, notifier: Notifier) -> bool:
    """Send an invitation claimed with ``token``; True if at least one message was accepted."""
    notifications = send_invitation(db.session.get(Invitation, invitation_id), token, notifier=notifier)
    return any(n.status == "sent" for n in notifications)
