"""Sending in batches, one item at a time, each step committed before the next.

A message that has gone cannot be taken back, so these loops are not one transaction: each invitation is first
*claimed* (a conditional UPDATE, see ``surveys.services.capture.reminders``) and that claim is committed before
its message goes; the message's record is then committed before the next invitation. A crash midway loses at most
the one message in flight and never sends anything twice. The scheduled jobs and the staff "try again" button both
run these; the services they call only flush.
"""

from datetime import datetime

from flask import current_app
from sqlalchemy.exc import IntegrityError

from surveys.models import Invitation, Survey, User, utcnow
from surveys.services.capture import invitation_upload, reminders
from surveys.services.platform import audit
from surveys.services.platform.notify import Notifier, get_notifier
from surveys.services.report import followups
from surveys.transactions import transaction


def send_due_reminders(now: datetime | None = None, notifier: Notifier | None = None) -> int:
    """Remind everyone due a reminder; returns how many were reminded (at least one message accepted)."""
    now = now or utcnow()
    with transaction():
        candidates = reminders.reminder_candidates(now)
    notifier = notifier or get_notifier(current_app.config)
    reminded = 0
    for invitation_id, count in candidates:
        with transaction():
            claimed = reminders.claim_reminder(invitation_id, count, now)
        if claimed:  # otherwise another process took it, or it was answered meanwhile
            with transaction():
                reminded += reminders.send_reminder(invitation_id, now, notifier)
    return reminded


def send_unsent_invitations(now: datetime | None = None, notifier: Notifier | None = None) -> int:
    """Catch-up: send invitations an interrupted upload never tried to send. Returns how many went."""
    with transaction():
        candidates = reminders.unsent_candidates(now or utcnow())
    return _send_claimed_one_by_one(candidates, notifier)


def resend_unsent_invitations(survey: Survey, user: User | None = None, now: datetime | None = None) -> int:
    """Staff asked to try again for a survey's invitations that have not gone out. Returns how many went."""
    with transaction():
        candidates = reminders.resend_candidates(survey, now or utcnow())
    sent = _send_claimed_one_by_one(candidates, notifier=None)
    if user is not None:
        with transaction():
            audit.record(user, "invitations.resend", survey, tried=len(candidates), sent=sent)
    return sent


def _send_claimed_one_by_one(candidates: list[tuple[int, str]], notifier: Notifier | None) -> int:
    notifier = notifier or get_notifier(current_app.config)
    sent = 0
    for invitation_id, old_hash in candidates:
        with transaction():
            token = reminders.claim_unsent(invitation_id, old_hash)
        if token is not None:
            with transaction():
                sent += reminders.send_claimed(invitation_id, token, notifier)
    return sent


def send_uploaded_invitations(created: list[tuple[Invitation, str]], report: invitation_upload.ImportReport) -> None:
    """Send an upload's new invitations, each message's record committed before the next goes out."""
    notifier = get_notifier(current_app.config)
    for invitation, token in created:
        with transaction():
            invitation_upload.send_uploaded(invitation, token, notifier, report)
    with transaction():
        invitation_upload.record_send_counts(report)


def send_follow_ups(version: int, previous_snapshot: dict | None, new_snapshot: dict,
                    notifier: Notifier | None = None) -> int:
    """Tell each person who agreed what publication ``version`` changed about what they said; returns how many.

    Each person's follow-up row is committed before their message goes (a second run, or a second scheduler,
    finds it and sends nothing), and the message's record is committed before the next person's.
    """
    with transaction():
        due = followups.due_follow_ups(previous_snapshot, new_snapshot, version)
    if not due:
        return 0
    notifier = notifier or get_notifier(current_app.config)
    sent = 0
    for person in due:
        try:
            with transaction():
                token = followups.claim_follow_up(version, person)
        except IntegrityError:
            continue  # another process claimed this person at the same moment
        if token is not None:
            with transaction():
                sent += followups.send_follow_up(version, person, token, notifier)
    return sent


def follow_up_live_publication(notifier: Notifier | None = None) -> int:
    """Send the live publication's follow-ups if nobody has yet (the scheduled job; also after a manual publish)."""
    with transaction():
        pending = followups.publication_to_follow_up(followups.followed_up_version())
    if pending is None:
        return 0
    sent = send_follow_ups(*pending, notifier=notifier)
    with transaction():
        followups.mark_followed_up(pending[0])
    return sent
