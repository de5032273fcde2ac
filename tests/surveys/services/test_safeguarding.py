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
from surveys.models import AuditEvent, Comment, Notification, StaffNote, db
from surveys.services.platform.errors import Forbidden, Invalid, NotFound
from surveys.services.platform.notify import OutboxNotifier
from surveys.services.understand import safeguarding
from surveys.services.understand.comments import add_comment
from surveys.transactions import transaction
from tests.factories import make_case, make_comment, make_user

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


def test_alert_goes_to_the_contact_and_active_leads_with_the_link_but_never_the_words(app, app_context, outbox):
    lead = make_user("safeguarding_lead", email="lead@council.example")
    make_user("safeguarding_lead", email="gone@council.example", active=False)
    make_user("admin", email="admin@council.example")
    comment = flagged(received_at=datetime(2026, 3, 3, 14, 15, tzinfo=UTC))

    sent = safeguarding.alert_safeguarding_contact(comment)

    assert [n.recipient for n in sent] == [CONTACT, lead.email]
    assert all(n.status == "sent" and n.kind == "safeguarding_alert" and n.channel == "email" for n in sent)
    assert all(n.comment_id == comment.id for n in alerts())
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
    db.session.refresh(comment)
    assert comment.safeguarding_flag and comment.safeguarding_reviewed_at is None


def test_an_alert_is_sent_once_per_comment(app_context, outbox):
    comment = flagged()
    assert len(safeguarding.alert_safeguarding_contact(comment)) == 1
    assert safeguarding.alert_safeguarding_contact(comment) == []
    assert len(emails(outbox)) == 1


def test_a_reason_with_unknown_words_never_reaches_the_email(app_context, outbox):
    comment = flagged(reason="suicide, Jane Doe at 12 High Street")
    safeguarding.alert_safeguarding_contact(comment)
    body = emails(outbox)[0].get_content()
    assert "Possible risk: suicide, other" in body
    assert "Jane" not in body and "High Street" not in body


def test_unflagged_comment_sends_nothing(app_context, outbox):
    comment = make_comment("The annual review was late.")
    assert safeguarding.alert_safeguarding_contact(comment) == []
    assert alerts() == [] and emails(outbox) == []


def test_failure_is_recorded_visible_and_the_comment_kept(app_context, outbox, caplog):
    comment = flagged()
    with caplog.at_level(logging.ERROR, logger="surveys.services.understand.safeguarding.alerts"):
        sent = safeguarding.alert_safeguarding_contact(comment, notifier=BrokenNotifier())
    assert [n.status for n in sent] == ["failed"]
    assert "mail server is down" in sent[0].error and sent[0].notifier == "smtp"
    assert RAW not in caplog.text and "Jane" not in caplog.text
    assert f"comment {comment.id}" in caplog.text
    db.session.expire_all()
    kept = db.session.get(Comment, comment.id)
    assert kept is not None and kept.safeguarding_flag and kept.raw_text == RAW
    assert [n.status for n in alerts()] == ["failed"]

    assert safeguarding.send_pending_alerts() == 1  # tried again, and this time it goes
    assert [n.status for n in alerts()] == ["failed", "sent"]
    assert len(emails(outbox)) == 1


def test_a_notifier_setting_that_is_wrong_shows_as_failed_alerts(app, app_context, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "NOTIFIER", "pigeon")
    comment = flagged()
    sent = safeguarding.alert_safeguarding_contact(comment)
    assert [(n.status, n.notifier) for n in sent] == [("failed", "pigeon")]
    assert "NOTIFIER" in sent[0].error


def test_no_one_to_alert_is_logged_and_left_for_later(app, app_context, outbox, monkeypatch, caplog):
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", "")
    comment = flagged()
    with caplog.at_level(logging.ERROR, logger="surveys.services.understand.safeguarding.alerts"):
        assert safeguarding.alert_safeguarding_contact(comment) == []
    assert "SAFEGUARDING_CONTACT_EMAIL" in caplog.text
    make_user("safeguarding_lead", email="new.lead@council.example")
    assert safeguarding.send_pending_alerts() == 1
    assert [n.recipient for n in alerts()] == ["new.lead@council.example"]


def test_several_named_contacts_are_each_alerted_once(app, app_context, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", "a@council.example, b@council.example")
    make_user("safeguarding_lead", email="A@council.example")
    safeguarding.alert_safeguarding_contact(flagged())
    assert [n.recipient for n in alerts()] == ["a@council.example", "b@council.example"]


def test_pending_alerts_go_once_for_flagged_unreviewed_comments_only(app_context, outbox):
    reviewer = make_user("safeguarding_lead", email="lead@council.example")
    first, second = flagged(), flagged("Another worrying comment")
    make_comment("Nothing worrying here")
    done = flagged("Reviewed already")
    safeguarding.record_review(reviewer, done, "no_concern", "")

    assert safeguarding.send_pending_alerts() == 2
    alerted = {n.comment_id for n in alerts()}
    assert alerted == {first.id, second.id}
    assert len(alerts()) == 4 and len(emails(outbox)) == 4  # the contact and the lead, for each

    assert safeguarding.send_pending_alerts() == 0
    assert safeguarding.send_pending_alerts() == 0
    assert len(alerts()) == 4 and len(emails(outbox)) == 4


def test_alert_after_commit_sends_once_the_comment_is_committed(app_context, outbox):
    text = "My son said he wants to kill himself"
    assert triage(text).flagged
    comment = add_comment(text, "import")
    safeguarding.alert_after_commit(comment)
    assert alerts() == [] and emails(outbox) == []  # nothing before the commit
    db.session.commit()
    assert len(emails(outbox)) == 1
    assert [n.comment_id for n in alerts()] == [comment.id]
    db.session.commit()  # a later commit sends nothing more
    assert len(emails(outbox)) == 1


def test_alert_after_commit_sends_nothing_when_rolled_back(app_context, outbox):
    comment = add_comment("My son said he wants to kill himself", "import")
    safeguarding.alert_after_commit(comment)
    db.session.rollback()
    db.session.commit()
    assert db.session.scalar(select(func.count(Comment.id))) == 0
    assert alerts() == [] and emails(outbox) == []


def test_alert_after_commit_never_fails_the_callers_commit(app_context, outbox, monkeypatch):
    monkeypatch.setattr(safeguarding.alerts, "get_notifier", lambda config: BrokenNotifier())
    case = make_case(details="He hits her and she is scared to go home")
    comment = add_comment(case.details, "case", case=case)
    assert comment.safeguarding_flag
    safeguarding.alert_after_commit(comment)
    db.session.commit()
    assert db.session.get(Comment, comment.id) is not None
    assert [n.status for n in alerts()] == ["failed"]


def test_the_alert_waits_for_the_edge_to_commit_and_never_follows_a_rollback(app_context, outbox):
    with transaction():
        comment = add_comment("My son said he wants to kill himself", "import")
        assert emails(outbox) == []  # flagged and flushed, but not yet committed
    assert len(emails(outbox)) == 1
    assert [n.comment_id for n in alerts()] == [comment.id]

    with pytest.raises(RuntimeError), transaction():
        add_comment("She said she wants to end it all", "import")
        raise RuntimeError("something later in the same unit of work failed")
    assert len(emails(outbox)) == 1 and len(alerts()) == 1


def test_a_request_alerts_after_its_commit_and_not_when_it_fails(app, tmp_path):
    """The after-request hook commits a success and rolls back an error: the alert follows the commit."""
    web = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                      "OUTBOX_DIR": str(tmp_path / "outbox"), "AUDIO_DIR": str(tmp_path / "audio"),
                      "NOTIFIER": "outbox", "SAFEGUARDING_CONTACT_EMAIL": CONTACT})

    @web.route("/flag/<int:status>")
    def flag(status: int):
        add_comment("My son said he wants to kill himself", "import")
        return "", status

    client = web.test_client()
    assert client.get("/flag/400").status_code == 400
    assert emails(tmp_path / "outbox") == []
    assert client.get("/flag/201").status_code == 201
    assert len(emails(tmp_path / "outbox")) == 1
    with web.app_context():
        assert db.session.scalar(select(func.count(Comment.id))) == 1
        assert [n.comment_id for n in alerts()] == [db.session.scalar(select(Comment.id))]
        db.session.remove()


def test_a_job_can_commit_each_comments_alerts_as_it_goes(app_context, outbox):
    first, second = flagged(), flagged("Another worrying comment")
    committed = []

    def each():
        committed.append(len(alerts()))
        return transaction()

    assert safeguarding.send_pending_alerts(each=each) == 2
    assert committed == [0, 1]
    with db.engine.connect() as other:
        ids = other.scalars(select(Notification.comment_id).order_by(Notification.id)).all()
    assert ids == [first.id, second.id]


def test_unflagged_comment_is_not_queued_after_commit(app_context, outbox):
    comment = add_comment("The annual review was on time and helpful", "import")
    safeguarding.alert_after_commit(comment)
    db.session.commit()
    assert alerts() == []


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
    failed, sent, waiting = flagged("a"), flagged("b"), flagged("c")
    safeguarding.alert_safeguarding_contact(failed, notifier=BrokenNotifier())
    safeguarding.alert_safeguarding_contact(sent)
    states = {item.comment.id: item.alert for item in safeguarding.flagged_queue(lead).awaiting}
    assert states == {failed.id: "failed", sent.id: "sent", waiting.id: "none"}
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


def test_outbox_notifier_can_be_passed_in(app_context, tmp_path, outbox):
    own = tmp_path / "own"
    flagged()
    assert safeguarding.send_pending_alerts(notifier=OutboxNotifier(own)) == 1
    assert len(emails(own)) == 1 and emails(outbox) == []


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
