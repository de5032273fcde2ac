"""Queuing messages in batches, one person at a time, each claim committed with its queued message.

Nothing here sends: each person is first *claimed* (a conditional UPDATE or a row a unique constraint keeps
single, see ``surveys.services.capture.reminders`` and ``surveys.services.report.followups``) and the message is
queued in the outbox in the same transaction; the worker (``surveys.worker``) sends it, with retries. Two
schedulers running at once queue nothing twice. The scheduled jobs and the staff "try again" button run these;
the services they call only flush.
"""

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from surveys.models import Invitation, Survey, User, db, utcnow
from surveys.services.capture import reminders
from surveys.services.platform import audit
from surveys.services.report import followups
from surveys.transactions import transaction


def send_due_reminders(now: datetime | None = None) -> int:
    """Queue a reminder for everyone due one; returns how many. The worker sends them.

    Each claim and its queued reminder are committed together, one invitation at a time, so a second scheduler
    running at the same moment reminds nobody twice.
    """
    now = now or utcnow()
    with transaction():
        candidates = reminders.reminder_candidates(now)
    reminded = 0
    for invitation_id, count in candidates:
        with transaction():
            if reminders.claim_reminder(invitation_id, count, now):  # else taken elsewhere, or answered meanwhile
                reminders.queue_invitation(db.session.get(Invitation, invitation_id), "reminder")
                reminded += 1
    return reminded


def resend_unsent_invitations(survey: Survey, user: User | None = None, now: datetime | None = None) -> int:
    """Staff asked to try again for a survey's invitations that have not gone out: queue them; returns how many."""
    with transaction():
        queued = reminders.queue_resend(survey, now or utcnow())
        if user is not None:
            audit.record(user, "invitations.resend", survey, queued=queued)
    return queued


def send_follow_ups(version: int, previous_snapshot: dict | None, new_snapshot: dict) -> int:
    """Queue a message for each person who agreed, about what publication ``version`` changed; returns how many.

    Each person's follow-up row and queued message are committed together (a second run, or a second scheduler,
    finds the row and queues nothing); the worker sends them.
    """
    with transaction():
        due = followups.due_follow_ups(previous_snapshot, new_snapshot, version)
    queued = 0
    for person in due:
        try:
            with transaction():
                queued += followups.queue_follow_up(version, person)
        except IntegrityError:
            continue  # another process claimed this person at the same moment
    return queued


def follow_up_live_publication() -> int:
    """Queue the live publication's follow-ups if nobody has yet (the scheduled job; also after a manual publish)."""
    with transaction():
        pending = followups.publication_to_follow_up(followups.followed_up_version())
    if pending is None:
        return 0
    queued = send_follow_ups(*pending)
    with transaction():
        followups.mark_followed_up(pending[0])
    return queued
