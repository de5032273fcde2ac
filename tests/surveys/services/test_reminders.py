"""Reminders go only to people who have not answered, at most MAX_REMINDERS, REMINDER_AFTER_DAYS apart,
never after expiry, and never twice when two processes run at once."""

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from surveys.batches import resend_unsent_invitations, send_due_reminders
from surveys.models import AuditEvent, Invitation, Notification, OutboxItem, Response, db, utcnow
from surveys.services.capture.invitations import find_invitation, stop_reminders
from surveys.services.capture.reminders import claim_reminder
from surveys.services.platform.notify import send_invitation
from surveys.worker import drain
from tests.factories import make_invitation, make_survey, make_user

DAY = timedelta(days=1)


def sent_invitation(survey=None, **fields):
    """An invitation whose first message went (through the outbox)."""
    invitation, token = make_invitation(survey or make_survey(), **fields)
    send_invitation(invitation, token)
    db.session.commit()
    return invitation, token


def remind(now) -> int:
    """The scheduled job queues the reminders due at ``now``; the worker then sends them. How many were queued."""
    queued = send_due_reminders(now=now)
    drain()
    return queued


def answer(invitation, status="submitted"):
    version = invitation.survey.current_version
    db.session.add(Response(version_id=version.id, invitation_id=invitation.id, status=status))
    db.session.commit()


def reminder_notifications(invitation) -> list[Notification]:
    query = select(Notification).where(Notification.invitation_id == invitation.id, Notification.kind == "reminder")
    return list(db.session.scalars(query))


def test_reminders_go_only_to_people_who_have_not_answered(app_context):
    survey = make_survey()
    waiting, _ = sent_invitation(survey)
    started, _ = sent_invitation(survey)
    done, _ = sent_invitation(survey)
    answer(started, status="in_progress")
    answer(done)
    assert remind(utcnow() + 8 * DAY) == 2
    assert len(reminder_notifications(waiting)) == 1
    assert len(reminder_notifications(started)) == 1  # saved but not sent: still worth a nudge
    assert reminder_notifications(done) == []
    db.session.refresh(waiting)
    assert waiting.reminders_sent == 1 and waiting.last_reminded_at is not None


def test_not_before_the_interval_and_not_more_than_the_maximum(app_context, app):
    invitation, _ = sent_invitation()
    start = utcnow()
    assert remind(start + 6 * DAY) == 0  # REMINDER_AFTER_DAYS is 7
    assert remind(start + 8 * DAY) == 1
    assert remind(start + 9 * DAY) == 0  # 7 days since the last reminder are needed
    assert remind(start + 16 * DAY) == 1
    assert remind(start + 30 * DAY) == 0  # MAX_REMINDERS is 2
    db.session.refresh(invitation)
    assert invitation.reminders_sent == app.config["MAX_REMINDERS"] == 2
    assert [n.status for n in reminder_notifications(invitation)] == ["sent", "sent"]


def test_expired_and_never_sent_invitations_get_no_reminder(app_context):
    expired, _ = sent_invitation(valid_days=5)
    unsent, _ = make_invitation(make_survey())
    assert remind(utcnow() + 8 * DAY) == 0
    assert reminder_notifications(expired) == [] and reminder_notifications(unsent) == []


def test_no_reminders_when_the_maximum_is_zero(app_context, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_REMINDERS", 0)
    sent_invitation()
    assert remind(utcnow() + 8 * DAY) == 0


def test_stopped_reminders_stay_stopped(app_context, app, monkeypatch):
    invitation, _ = sent_invitation()
    stop_reminders(invitation)
    monkeypatch.setitem(app.config, "MAX_REMINDERS", 50)
    assert remind(utcnow() + 8 * DAY) == 0


def test_a_reminder_carries_a_new_link_and_the_old_one_stops(app_context, app):
    invitation, old_token = sent_invitation()
    remind(utcnow() + 8 * DAY)
    assert find_invitation(old_token) is None
    (notification,) = reminder_notifications(invitation)
    text = (Path(app.config["OUTBOX_DIR"]) / notification.provider_reference).read_text()
    new_token = text.split("/respond/i/")[1].split()[0]
    assert find_invitation(new_token).id == invitation.id
    assert "Reminder" in text


def test_a_failed_reminder_leaves_the_old_link_working(app_context, monkeypatch):
    invitation, old_token = sent_invitation()

    class Down:
        name = "smtp"

        def send_email(self, *args, **kwargs):
            raise ConnectionRefusedError("mail server down")

        send_sms = send_email

    monkeypatch.setattr("surveys.services.platform.notify.get_notifier", lambda config: Down())
    assert remind(utcnow() + 8 * DAY) == 1
    assert find_invitation(old_token).id == invitation.id
    (failed,) = reminder_notifications(invitation)
    assert failed.status == "failed" and "mail server down" in failed.error
    item = db.session.scalar(select(OutboxItem).where(OutboxItem.kind == "reminder"))
    assert (item.status, item.attempts) == ("pending", 1), "the worker tries again later"
    assert "/respond/i/" not in str(item.payload) and "/respond/i/" not in item.last_error


def test_a_claim_can_be_won_only_once(app_context):
    invitation, _ = sent_invitation()
    now = utcnow() + 8 * DAY
    assert claim_reminder(invitation.id, 0, now) is True
    assert claim_reminder(invitation.id, 0, now) is False  # a second process read the same 0


def test_an_answer_that_arrives_before_the_claim_wins(app_context):
    invitation, _ = sent_invitation()
    answer(invitation)
    assert claim_reminder(invitation.id, 0, utcnow() + 8 * DAY) is False


def test_two_processes_at_once_send_one_reminder_each(app):
    with app.app_context():
        survey = make_survey()
        invitations = [sent_invitation(survey)[0].id for _ in range(8)]
    now = utcnow() + 8 * DAY
    results, errors = [], []
    barrier = threading.Barrier(2)

    def run():
        try:
            with app.app_context():
                barrier.wait()
                results.append(send_due_reminders(now=now))
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(results) == 8
    with app.app_context():
        assert drain()["done"] == 8
        counts = [db.session.get(Invitation, i).reminders_sent for i in invitations]
        assert counts == [1] * 8
        sent = db.session.scalar(select(db.func.count(Notification.id)).where(Notification.kind == "reminder"))
        assert sent == 8


def test_staff_can_send_failed_invitations_again(app_context):
    class Down:
        name = "outbox"

        def send_email(self, *args, **kwargs):
            raise OSError("no")

        send_sms = send_email

    survey = make_survey()
    failed, token = make_invitation(survey)
    send_invitation(failed, token, notifier=Down())
    fine, _ = sent_invitation(survey)
    user = make_user(role="coproduction_lead")
    assert resend_unsent_invitations(survey, user=user) == 1
    assert resend_unsent_invitations(survey) == 0, "already waiting in the outbox: not queued twice"
    drain()
    db.session.refresh(failed)
    assert failed.sent_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "invitations.resend"))
    assert event.detail == {"queued": 1}
    assert resend_unsent_invitations(survey) == 0


@pytest.mark.parametrize("stage", ["final_plan", None])
def test_reminder_words_follow_the_journey_stage(app_context, app, stage):
    invitation, _ = sent_invitation(journey_stage=stage)
    remind(utcnow() + 8 * DAY)
    (notification,) = reminder_notifications(invitation)
    text = (Path(app.config["OUTBOX_DIR"]) / notification.provider_reference).read_text()
    expected = "final EHC plan" if stage else "been in touch with SEND services"
    assert expected in text
