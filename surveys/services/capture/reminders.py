"""Sending again: reminders to people who have not answered, and invitations that never went out.

Safe when two processes run at once (two schedulers by mistake, or a command run by hand beside the
scheduler). Each invitation is first *claimed* with one conditional UPDATE that repeats every condition and
matches only the state this process read (``reminders_sent = :old``, or ``token_hash = :old``). The database
lets only one UPDATE change the row: on PostgreSQL the second waits for the first to commit, then finds the
row changed and matches nothing; SQLite runs writes one at a time. The claim is committed before any message
goes, so a person gets at most one reminder per round even if sending is slow or fails.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, exists, or_, select, update

from surveys.models import Invitation, Notification, Response, Survey, User, db, utcnow
from surveys.services.capture.invitations import hash_token, new_token
from surveys.services.platform.notify import Notifier, get_notifier, send_invitation

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


def send_due_reminders(now: datetime | None = None, notifier: Notifier | None = None) -> int:
    """Remind everyone due a reminder; returns how many were reminded (at least one message accepted)."""
    now = now or utcnow()
    config = current_app.config
    interval, most = timedelta(days=config["REMINDER_AFTER_DAYS"]), config["MAX_REMINDERS"]
    if most <= 0:
        return 0
    due = select(Invitation.id, Invitation.reminders_sent).where(reminder_due(now, interval, most))
    candidates = db.session.execute(due.order_by(Invitation.id)).all()
    db.session.commit()  # hold no transaction open while claiming
    notifier = notifier or get_notifier(config)
    reminded = 0
    for invitation_id, count in candidates:
        if not claim_reminder(invitation_id, count, now, interval, most):
            continue  # another process took it, or it was answered meanwhile
        invitation = db.session.get(Invitation, invitation_id)
        notifications = send_invitation(invitation, new_token(), "reminder", notifier=notifier, now=now)
        reminded += any(n.status == "sent" for n in notifications)
    return reminded


def claim_reminder(invitation_id: int, count: int, now: datetime, interval: timedelta, most: int) -> bool:
    """Count a reminder for this invitation if it is still due and still at ``count``; commits. True if ours."""
    claim = (
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.reminders_sent == count, reminder_due(now, interval, most))
        .values(reminders_sent=count + 1, last_reminded_at=now)
        .execution_options(synchronize_session=False)
    )
    claimed = db.session.execute(claim).rowcount == 1
    db.session.commit()
    return claimed


def never_attempted():
    """True for an invitation with no message recorded at all, sent or failed."""
    return ~exists().where(Notification.invitation_id == Invitation.id)


def send_unsent_invitations(now: datetime | None = None, notifier: Notifier | None = None) -> int:
    """Catch-up: send invitations an interrupted upload never tried to send. Returns how many went."""
    now = now or utcnow()
    query = select(Invitation.id, Invitation.token_hash).where(
        Invitation.sent_at.is_(None), Invitation.expires_at > now,
        Invitation.created_at <= now - UNSENT_GRACE, never_attempted(),
    )
    return _send_again(db.session.execute(query.order_by(Invitation.id)).all(), notifier)


def resend_unsent_invitations(survey: Survey, user: User | None = None, now: datetime | None = None) -> int:
    """Staff asked to try again for a survey's invitations that have not gone out. Returns how many went."""
    now = now or utcnow()
    failed_before = exists().where(Notification.invitation_id == Invitation.id, Notification.status == "failed")
    query = select(Invitation.id, Invitation.token_hash).where(
        Invitation.survey_id == survey.id, Invitation.sent_at.is_(None), Invitation.expires_at > now,
        or_(failed_before, Invitation.created_at <= now - UNSENT_GRACE),
    )
    candidates = db.session.execute(query.order_by(Invitation.id)).all()
    sent = _send_again(candidates, notifier=None)
    if user is not None:
        from surveys.services.platform.audit import record

        record(user, "invitations.resend", survey, tried=len(candidates), sent=sent)
        db.session.commit()
    return sent


def _send_again(candidates: list, notifier: Notifier | None) -> int:
    """Send each unsent invitation with a new token, claimed by swapping its hash (so only one process sends)."""
    db.session.commit()
    notifier = notifier or get_notifier(current_app.config)
    sent = 0
    for invitation_id, old_hash in candidates:
        token = new_token()
        claim = (
            update(Invitation)
            .where(Invitation.id == invitation_id, Invitation.token_hash == old_hash, Invitation.sent_at.is_(None))
            .values(token_hash=hash_token(token))
            .execution_options(synchronize_session=False)
        )
        claimed = db.session.execute(claim).rowcount == 1
        db.session.commit()
        if claimed:
            notifications = send_invitation(db.session.get(Invitation, invitation_id), token, notifier=notifier)
            sent += any(n.status == "sent" for n in notifications)
    return sent
