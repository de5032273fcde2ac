"""Safeguarding: alerts reach the named contact and the leads without the words, failures show and are retried,
nothing is lost between saving and sending, and reviews are recorded and audited while the flag stays."""

import email
import logging
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import func, select

from analysis.triage import triage
from surveys import create_app
from surveys.models import AuditEvent, Comment, Notification, OutboxItem, StaffNote, db, utcnow
from surveys.services.platform import outbox as outbox_service
from surveys.services.platform.errors import Forbidden, Invalid, NotFound
from surveys.services.understand import safeguarding
from surveys.services.understand.comments import add_comment
from surveys.transactions import transaction
from surveys.worker import drain
from tests.factories import make_comment, make_user

RAW = "Jane Doe told me her stepdad hits her and she is scared to go home. Call me on 07700 900123."
CONTACT = "safeguarding.team@council.example"


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):
    """A fresh outbox for each test, and the named safeguarding contact set."""
    monkeypatch.setitem(app.config, "OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", CONTACT)
    monkeypatch.setitem(app.config, "NOTIFIER", "outbox")
    return tmp_path / "outbox"


def emails(directory: Path) -> list[email.message.EmailMessage]:
    if not directory.exists():
        return []
    return [email.message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted(directory.glob("*.eml"))]


def flagged(raw_text: str = RAW, reason: str = "physical harm, not safe", **fields) -> Comment:
    return make_comment(raw_text, safeguarding_flag=True, safeguarding_reason=reason, **fields)


def alerts() -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.kind == "safeguarding_alert")
                                   .order_by(Notification.id)))


class BrokenNotifier:
    name = "smtp"

    def send_email(self, to, subject, body, *, reference):
        raise ConnectionRefusedError("mail server is down")

    def send_sms(self, to, body, *, reference):
        raise AssertionError("alerts are never sent by text")


# --- Alerts ---------------------------------------------------------------------------------------------------


def alert(comment: Comment, now=None) -> dict[str, int]:
    """Queue the alerts about ``comment``, commit, and let the worker send them."""
    safeguarding.queue_alerts(comment)
    db.session.commit()
    return drain(now=now)


@pytest.fixture
def broken_mail(monkeypatch):
    """The configured notifier fails every message until the test puts the real one back."""
    from surveys.services.platform import notify

    real = notify.get_notifier
    monkeypatch.setattr(notify, "get_notifier", lambda config: BrokenNotifier())
    return lambda: monkeypatch.setattr(notify, "get_notifier", real)


def alert_items() -> list[OutboxItem]:
    return list(db.session.scalars(select(OutboxItem).where(OutboxItem.kind == "safeguarding_alert")
                                   .order_by(OutboxItem.id)))


def test_alert_goes_to_the_contact_and_active_leads_with_the_link_but_never_the_words(app, app_context, outbox):
    lead = make_user("safeguarding_lead", email="lead@council.example")
    make_user("safeguarding_lead", email="gone@council.example", active=False)
    make_user("admin", email="admin@council.example")
    comment = flagged(received_at=datetime(2026, 3, 3, 14, 15, tzinfo=UTC))

    assert alert(comment)["done"] == 2

    sent = alerts()
    assert [n.recipient for n in sent] == [CONTACT, lead.email]
    assert all(n.status == "sent" and n.kind == "safeguarding_alert" and n.channel == "email" for n in sent)
    assert all(n.comment_id == comment.id and n.notifier == "outbox" for n in sent)
    assert [item.notifier for item in alert_items()] == ["outbox", "outbox"], "written to files, not delivered"
    messages = emails(outbox)
    assert sorted(m["To"] for m in messages) == sorted([CONTACT, lead.email])
    link = f"{app.config['PUBLIC_BASE_URL'].rstrip('/')}/staff/safeguarding/{comment.id}"
    for message in messages:
        body = message.get_content()
        assert link in body
        assert f"comment {comment.id}" in body and "physical harm, not safe" in body
        assert "3 March 2026 at 2:15pm" in body
        assert "Urgent" in message["Subject"]
        for private in ("Jane", "stepdad", "scared", "07700", "hits"):
            assert private not in body and private not in message["Subject"]
    for item in alert_items():
        assert "Jane" not in str(item.payload) and "stepdad" not in str(item.payload)
    db.session.refresh(comment)
    assert comment.safeguarding_flag and comment.safeguarding_reviewed_at is None


def test_an_alert_is_sent_once_per_comment_and_person(app_context, outbox):
    comment = flagged()
    safeguarding.queue_alerts(comment)
    alert(comment)  # queued twice (a retried analysis, say): the second finds it sent
    assert len(emails(outbox)) == 1 and len(alerts()) == 1
    assert [item.status for item in alert_items()] == ["done", "done"]


def test_a_reason_with_unknown_words_never_reaches_the_email(app_context, outbox):
    comment = flagged(reason="suicide, Jane Doe at 12 High Street")
    alert(comment)
    body = emails(outbox)[0].get_content()
    assert "Possible risk: suicide, other" in body
    assert "Jane" not in body and "High Street" not in body


def test_unflagged_comment_sends_nothing(app_context, outbox):
    comment = make_comment("The annual review was late.")
    assert safeguarding.queue_alerts(comment) == []
    drain()
    assert alerts() == [] and emails(outbox) == [] and alert_items() == []


def test_a_failed_alert_is_recorded_retried_with_backoff_and_the_comment_kept(app_context, outbox, broken_mail,
                                                                                caplog):
    comment = flagged()
    safeguarding.queue_alerts(comment)
    db.session.commit()
    start = utcnow()
    with caplog.at_level(logging.INFO):
        assert drain(now=start)["retry"] == 1
    assert [(n.status, n.notifier) for n in alerts()] == [("failed", "smtp")]
    assert "mail server is down" in alerts()[0].error
    assert RAW not in caplog.text and "Jane" not in caplog.text
    item = alert_items()[0]
    assert (item.status, item.attempts) == ("pending", 1) and "mail server is down" in item.last_error
    assert item.available_at == start + timedelta(seconds=10)
    assert drain(now=start + timedelta(seconds=5))["retry"] == 0, "not before the backoff"
    assert drain(now=start + timedelta(seconds=11))["retry"] == 1
    assert alert_items()[0].available_at == start + timedelta(seconds=11 + 20), "twice as long the second time"
    db.session.expire_all()
    kept = db.session.get(Comment, comment.id)
    assert kept is not None and kept.safeguarding_flag and kept.raw_text == RAW

    broken_mail()  # the mail server is back
    assert drain(now=start + timedelta(minutes=1))["done"] == 1
    assert [n.status for n in alerts()] == ["failed", "failed", "sent"]
    assert len(emails(outbox)) == 1


def test_an_alert_that_fails_every_time_is_marked_failed_for_staff(app_context, outbox, broken_mail):
    alert(flagged())
    later = utcnow()
    for _ in range(20):
        later += timedelta(hours=2)
        drain(now=later)
    item = alert_items()[0]
    assert item.status == "failed" and item.attempts == item.max_attempts == 16
    assert alert_items()[0] in outbox_service.failed_items()


def test_a_notifier_setting_that_is_wrong_is_retried_with_the_reason(app, app_context, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "NOTIFIER", "pigeon")
    alert(flagged())
    item = alert_items()[0]
    assert item.status == "pending" and "NOTIFIER" in item.last_error


def test_no_one_to_alert_is_logged(app, app_context, outbox, monkeypatch, caplog):
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", "")
    comment = flagged()
    with caplog.at_level(logging.ERROR, logger="surveys.services.understand.safeguarding.alerts"):
        assert safeguarding.queue_alerts(comment) == []
    assert "SAFEGUARDING_CONTACT_EMAIL" in caplog.text


def test_several_named_contacts_are_each_alerted_once(app, app_context, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", "a@council.example, b@council.example")
    make_user("safeguarding_lead", email="A@council.example")
    alert(flagged())
    assert [n.recipient for n in alerts()] == ["a@council.example", "b@council.example"]


def test_a_new_comment_is_analysed_and_alerted_by_the_worker_after_the_commit(app_context, outbox):
    text = "My son said he wants to kill himself"
    assert triage(text).flagged
    comment = add_comment(text, "import")
    db.session.commit()
    assert comment.analysed_at is None and not comment.safeguarding_flag, "stored, not analysed, in the request"
    assert alert_items() == [] and emails(outbox) == []
    drain()
    db.session.refresh(comment)
    assert comment.safeguarding_flag and comment.analysed_at is not None
    assert len(emails(outbox)) == 1 and [n.comment_id for n in alerts()] == [comment.id]
    drain()  # nothing more
    assert len(emails(outbox)) == 1


def test_nothing_is_queued_or_sent_for_work_rolled_back(app_context, outbox):
    with pytest.raises(RuntimeError), transaction():
        add_comment("She said she wants to end it all", "import")
        raise RuntimeError("something later in the same unit of work failed")
    assert drain() == {"done": 0, "retry": 0, "failed": 0, "skipped": 0}
    assert db.session.scalar(select(func.count(Comment.id))) == 0
    assert db.session.scalar(select(func.count(OutboxItem.id))) == 0
    assert alerts() == [] and emails(outbox) == []


def test_a_request_queues_with_its_commit_and_not_when_it_fails(app, tmp_path):
    """The after-request hook commits a success and rolls back an error: the queued work follows the commit."""
    web = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                      "OUTBOX_DIR": str(tmp_path / "outbox"), "AUDIO_DIR": str(tmp_path / "audio"),
                      "NOTIFIER": "outbox", "SAFEGUARDING_CONTACT_EMAIL": CONTACT})

    @web.route("/flag/<int:status>")
    def flag(status: int):
        add_comment("My son said he wants to kill himself", "import")
        return "", status

    client = web.test_client()
    assert client.get("/flag/400").status_code == 400
    assert client.get("/flag/201").status_code == 201
    assert emails(tmp_path / "outbox") == [], "the request sends nothing"
    with web.app_context():
        assert db.session.scalar(select(func.count(OutboxItem.id))) == 1
        assert drain()["done"] == 2  # the analysis, then the alert it queued
        assert len(emails(tmp_path / "outbox")) == 1
        assert db.session.scalar(select(func.count(Comment.id))) == 1
        assert [n.comment_id for n in alerts()] == [db.session.scalar(select(Comment.id))]
        db.session.remove()


def test_an_unflagged_comment_queues_no_alert(app_context, outbox):
    add_comment("The annual review was on time and helpful", "import")
    db.session.commit()
    drain()
    assert alerts() == [] and alert_items() == []


# --- Queue and reviews ---------------------------------------------------------------------------------------


def test_queue_awaiting_oldest_first_then_reviewed(app_context, outbox):
    lead = make_user("safeguarding_lead")
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    newer = flagged("newer", received_at=now - timedelta(hours=3))
    older = flagged("older", received_at=now - timedelta(days=2))
    reviewed = flagged("reviewed", received_at=now - timedelta(days=5))
    make_comment("not flagged", received_at=now - timedelta(days=9))
    safeguarding.record_review(lead, reviewed, "referred", "MASH ref 123")

    queue = safeguarding.flagged_queue(lead, now=now)

    assert [item.comment.id for item in queue.awaiting] == [older.id, newer.id]
    assert [item.waiting for item in queue.awaiting] == ["2 days", "3 hours"]
    assert [(item.comment.id, item.outcome) for item in queue.reviewed] == [(reviewed.id, "referred")]
    assert queue.reviewed_total == 1
    assert queue.recipients == [CONTACT, lead.email]


def test_queue_shows_alert_state(app_context, outbox):
    lead = make_user("safeguarding_lead")
    failed, sent, written, waiting = flagged("a"), flagged("b"), flagged("c"), flagged("d")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("surveys.services.platform.notify.get_notifier", lambda config: BrokenNotifier())
        alert(failed)
    with pytest.MonkeyPatch.context() as patch:
        smtp = type("Smtp", (), {"name": "smtp", "send_email": lambda self, *a, **k: "id-1"})()
        patch.setattr("surveys.services.platform.notify.get_notifier", lambda config: smtp)
        alert(sent)
    alert(written)  # the file outbox: nobody was emailed
    states = {item.comment.id: item.alert for item in safeguarding.flagged_queue(lead).awaiting}
    assert states == {failed.id: "failed", sent.id: "sent", written.id: "written", waiting.id: "none"}
    assert safeguarding.flagged_queue(lead).failed_alerts == 1


def test_record_review_keeps_the_flag_and_audits(app_context):
    lead = make_user("safeguarding_lead")
    comment = flagged(consent_quote=True)
    event = safeguarding.record_review(lead, comment, "no_concern", "  Spoke to the school: a figure of speech.  ")
    db.session.expire_all()
    comment = db.session.get(Comment, comment.id)
    assert comment.safeguarding_flag is True
    assert comment.safeguarding_reviewed_by_id == lead.id and comment.safeguarding_reviewed_at is not None
    assert not comment.publishable  # never published automatically while flagged
    assert event.action == "safeguarding_review" and event.user_id == lead.id
    assert (event.object_type, event.object_id) == ("Comment", str(comment.id))
    assert set(event.detail) == {"outcome", "note_id"} and event.detail["outcome"] == "no_concern"  # no words
    assert db.session.get(StaffNote, event.detail["note_id"]).text == "Spoke to the school: a figure of speech."
    history = safeguarding.review_history(comment)
    assert [(r.outcome, r.note) for r in history] == [
        (safeguarding.REVIEW_OUTCOMES["no_concern"], "Spoke to the school: a figure of speech.")]


@pytest.mark.parametrize(("outcome", "note"), [("ignored", ""), ("", ""), ("referred", "x" * 2001)])
def test_record_review_refuses_bad_input(app_context, outcome, note):
    lead = make_user("safeguarding_lead")
    comment = flagged()
    with pytest.raises(Invalid):
        safeguarding.record_review(lead, comment, outcome, note)
    db.session.rollback()
    assert db.session.get(Comment, comment.id).safeguarding_reviewed_at is None


def test_record_review_accepts_the_longest_note(app_context):
    lead = make_user("safeguarding_lead")
    event = safeguarding.record_review(lead, flagged(), "already_known", "x" * 2000)
    assert len(db.session.get(StaffNote, event.detail["note_id"]).text) == 2000


@pytest.mark.parametrize("role", ["viewer", "coproduction_lead", "complaints_officer", "partner_lead", "analyst"])
def test_only_safeguarding_leads_and_admins(app_context, role):
    user = make_user(role)
    comment = flagged()
    for call in (lambda: safeguarding.flagged_queue(user), lambda: safeguarding.open_flag(user, comment.id),
                 lambda: safeguarding.record_review(user, comment, "referred", ""),
                 lambda: safeguarding.record_raw_text_view(user, comment)):
        with pytest.raises(Forbidden):
            call()
    admin = make_user("admin")
    assert safeguarding.open_flag(admin, comment.id) == comment


def test_open_flag_is_404_unless_flagged(app_context):
    lead = make_user("safeguarding_lead")
    plain = make_comment("The annual review was late.")
    with pytest.raises(NotFound):
        safeguarding.open_flag(lead, plain.id)
    with pytest.raises(NotFound):
        safeguarding.open_flag(lead, 999999)


def test_raw_text_view_is_audited(app_context):
    lead = make_user("safeguarding_lead")
    comment = flagged()
    safeguarding.record_raw_text_view(lead, comment)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "view_raw_text"))
    assert (event.user_id, event.object_type, event.object_id) == (lead.id, "Comment", str(comment.id))


@pytest.mark.parametrize(("seconds", "words"), [
    (5, "less than a minute"), (60, "1 minute"), (125, "2 minutes"), (3600, "1 hour"), (86400 * 3, "3 days"),
])
def test_how_long(seconds, words):
    assert safeguarding.how_long(timedelta(seconds=seconds)) == words


@pytest.mark.parametrize(("moment", "words"), [
    (datetime(2026, 7, 1, 23, 0, tzinfo=UTC), "2 July 2026 at midnight"),  # summer time
    (datetime(2026, 1, 5, 12, 0, tzinfo=UTC), "5 January 2026 at midday"),
    (datetime(2026, 1, 5, 9, 5, tzinfo=UTC), "5 January 2026 at 9:05am"),
])
def test_long_time_in_england(moment, words):
    assert safeguarding.long_time(moment) == words
