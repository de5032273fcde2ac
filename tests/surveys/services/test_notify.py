"""Notifiers: the outbox writes real files, SMTP talks to a real (local) server, Notify is called correctly;
and send_invitation writes kind, plain messages and records every one."""

import base64
import email
import socketserver
import threading
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

from surveys.config import ConfigError
from surveys.models import Notification, db
from surveys.services.capture.invitations import find_invitation, hash_token
from surveys.services.platform.notify import (
    Notifier,
    NotifyNotifier,
    OutboxNotifier,
    SmtpNotifier,
    compose_invitation,
    get_notifier,
    send_invitation,
)
from tests.factories import make_invitation, make_survey

# -- a tiny SMTP server on 127.0.0.1, enough for smtplib -------------------------------------------------------


class SmtpHandler(socketserver.StreamRequestHandler):
    """Speaks just enough SMTP: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 test ESMTP")
        envelope = {"rcpt": []}
        while line := self.rfile.readline().decode().rstrip("\r\n"):
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-test")
                self.reply("250 AUTH PLAIN")
            elif verb == "AUTH":
                _, user, password = base64.b64decode(line.split()[2]).split(b"\0")
                self.server.logins.append((user.decode(), password.decode()))
                self.reply("235 ok")
            elif verb == "MAIL":
                envelope["from"] = line
                self.reply("250 ok")
            elif verb == "RCPT":
                envelope["rcpt"].append(line)
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 go on")
                data = b""
                while (chunk := self.rfile.readline()) != b".\r\n":
                    data += chunk
                self.server.messages.append((envelope, email.message_from_bytes(data, policy=policy.default)))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not here")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SmtpHandler)
    server.daemon_threads = True
    server.messages, server.logins = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


# -- the notifiers ------------------------------------------------------------------------------------------


def test_every_notifier_has_the_one_interface():
    for notifier in (OutboxNotifier("/tmp/x"), SmtpNotifier("localhost", 25, "a@b.c"), NotifyNotifier("", "", "")):
        assert isinstance(notifier, Notifier)


def test_get_notifier_follows_config(app):
    config = dict(app.config)
    assert isinstance(get_notifier(config), OutboxNotifier)
    assert isinstance(get_notifier({**config, "NOTIFIER": "smtp"}), SmtpNotifier)
    assert isinstance(get_notifier({**config, "NOTIFIER": "notify"}), NotifyNotifier)
    with pytest.raises(ConfigError, match="use one of"):
        get_notifier({**config, "NOTIFIER": "pigeon"})


def test_outbox_writes_an_email_file(tmp_path):
    notifier = OutboxNotifier(tmp_path / "outbox", sender="send@example.gov.uk")
    name = notifier.send_email("jane@example.com", "Hello", "Go to https://x.example/respond/i/abc\n", reference="r1")
    path = tmp_path / "outbox" / name
    assert path.suffix == ".eml"
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == "jane@example.com" and message["From"] == "send@example.gov.uk"
    assert message["Subject"] == "Hello" and message["X-Yousaid-Reference"] == "r1"
    assert "https://x.example/respond/i/abc" in message.get_content()
    assert not list((tmp_path / "outbox").glob(".*.part"))


def test_outbox_writes_a_text_message_file(tmp_path):
    notifier = OutboxNotifier(tmp_path)
    first = notifier.send_sms("+447700900982", "Link: https://x.example/respond/i/abc", reference="r2")
    second = notifier.send_sms("+447700900982", "again", reference="r3")
    assert first != second and first.endswith(".txt")
    text = (tmp_path / first).read_text()
    assert "To: +447700900982" in text and "https://x.example/respond/i/abc" in text


def test_smtp_sends_to_a_real_server_and_signs_in(smtp_server):
    port = smtp_server.server_address[1]
    notifier = SmtpNotifier("127.0.0.1", port, "send@example.gov.uk", username="relay", password="pw",
                            starttls=False, timeout=5)
    message_id = notifier.send_email("jane@example.com", "Tell us", "Go to https://x.example/respond/i/abc",
                                     reference="r1")
    (envelope, message), = smtp_server.messages
    assert "jane@example.com" in envelope["rcpt"][0]
    assert message["Subject"] == "Tell us" and message["Message-ID"] == message_id
    assert "https://x.example/respond/i/abc" in message.get_content()
    assert smtp_server.logins == [("relay", "pw")]


def test_smtp_refuses_to_go_on_without_starttls(smtp_server):
    notifier = SmtpNotifier("127.0.0.1", smtp_server.server_address[1], "a@example.gov.uk",
                            username="relay", password="pw", starttls=True, timeout=5)
    with pytest.raises(Exception, match="STARTTLS"):
        notifier.send_email("jane@example.com", "Tell us", "body", reference="r1")
    assert smtp_server.messages == [] and smtp_server.logins == []


def test_smtp_cannot_send_text_messages():
    with pytest.raises(Exception, match="GOV.UK Notify"):
        SmtpNotifier("127.0.0.1", 25, "a@b.c").send_sms("+447700900982", "hi", reference="r")


FAKE_KEY = "test_key-" + "11111111-1111-1111-1111-111111111111" + "-" + "22222222-2222-2222-2222-222222222222"


@pytest.fixture
def notify_calls(monkeypatch):
    from notifications_python_client.notifications import NotificationsAPIClient

    calls = []

    def fake_email(self, **kwargs):
        calls.append(("email", kwargs))
        return {"id": "notify-email-1"}

    def fake_sms(self, **kwargs):
        calls.append(("sms", kwargs))
        return {"id": "notify-sms-1"}

    monkeypatch.setattr(NotificationsAPIClient, "send_email_notification", fake_email)
    monkeypatch.setattr(NotificationsAPIClient, "send_sms_notification", fake_sms)
    return calls


def test_notify_uses_the_templates_and_personalisation(notify_calls):
    notifier = NotifyNotifier(FAKE_KEY, "email-template-id", "sms-template-id")
    assert notifier.send_email("jane@example.com", "Subject", "Body", reference="ref-1") == "notify-email-1"
    assert notifier.send_sms("+447700900982", "Text body", reference="ref-2") == "notify-sms-1"
    assert notify_calls == [
        ("email", {"email_address": "jane@example.com", "template_id": "email-template-id",
                   "personalisation": {"subject": "Subject", "body": "Body"}, "reference": "ref-1"}),
        ("sms", {"phone_number": "+447700900982", "template_id": "sms-template-id",
                 "personalisation": {"body": "Text body"}, "reference": "ref-2"}),
    ]


@pytest.mark.parametrize("key, email_template, problem", [
    ("", "t", "NOTIFY_API_KEY is not set"),
    ("short", "t", "not a GOV.UK Notify API key"),
    (FAKE_KEY, "", "NOTIFY_EMAIL_TEMPLATE_ID is not set"),
])
def test_notify_says_what_is_missing(notify_calls, key, email_template, problem):
    with pytest.raises(Exception, match=problem):
        NotifyNotifier(key, email_template, "s").send_email("a@example.com", "S", "B", reference="r")
    assert notify_calls == []


# -- the words ---------------------------------------------------------------------------------------------


def test_an_invitation_says_who_why_link_expiry_optional_privacy_and_reminders(app_context, app):
    invitation, token = make_invitation(make_survey(), journey_stage="final_plan", valid_days=10)
    url = f"https://feedback.example/respond/i/{token}"
    message = compose_invitation(invitation, url)
    body = message.email_body
    assert app.config["LOCAL_AREA_NAME"] in message.subject and app.config["LOCAL_AREA_NAME"] in body
    assert "You recently received your child's final EHC plan. Tell us how it went." in body
    assert "about 5 minutes" in body
    assert url in body
    assert "works until " in body and invitation.expires_at.astimezone().strftime("%Y") in body
    assert "You do not have to answer" in body
    assert "privacy notice: http" in body
    assert "up to 2 reminders" in body and "Stop reminders" in body
    sms = message.sms_body
    assert url in sms and "optional" in sms and "works until" in sms and "Answering stops reminders" in sms
    assert sms.isascii()


def test_a_reminder_says_it_is_one_and_that_the_link_is_new(app_context):
    invitation, token = make_invitation(make_survey(), journey_stage="annual_review")
    first = compose_invitation(invitation, "https://x/respond/i/t", kind="reminder", reminder_number=1)
    assert first.subject.startswith("Reminder")
    assert "This is a reminder." in first.email_body and "annual review" in first.email_body
    assert "replaces the link in our earlier message" in first.email_body
    assert "reminder 1 of 2" in first.email_body
    last = compose_invitation(invitation, "https://x/respond/i/t", kind="reminder", reminder_number=2)
    assert "This is the last reminder we will send." in last.email_body


def test_words_for_young_people_and_practitioners(app_context):
    young, _ = make_invitation(make_survey(audience="young_person"), journey_stage="final_plan")
    text = compose_invitation(young, "https://x/i/t").email_body
    assert "You recently got your EHC plan." in text and "your child" not in text
    practitioner, _ = make_invitation(make_survey(audience="practitioner"), journey_stage="final_plan")
    text = compose_invitation(practitioner, "https://x/i/t").email_body
    assert "people who work with children" in text and "your child" not in text


# -- sending and recording -------------------------------------------------------------------------------------


def outbox(app) -> list[Path]:
    return sorted(Path(app.config["OUTBOX_DIR"]).glob("*"))


def test_send_invitation_writes_email_and_text_and_records_both(app_context, app):
    before = set(outbox(app))
    invitation, token = make_invitation(make_survey(), contact_phone="+447700900982", journey_stage="final_plan")
    notifications = send_invitation(invitation, token)
    assert [(n.channel, n.status, n.notifier, n.kind) for n in notifications] == [
        ("email", "sent", "outbox", "invitation"), ("sms", "sent", "outbox", "invitation")]
    new_files = set(outbox(app)) - before
    assert len(new_files) == 2
    assert all(f"/respond/i/{token}" in path.read_text() for path in new_files)
    assert {n.provider_reference for n in notifications} == {path.name for path in new_files}
    assert invitation.sent_at is not None
    assert db.session.scalar(select(db.func.count(Notification.id))) == 2


class Broken:
    name = "outbox"

    def send_email(self, to, subject, body, *, reference):
        raise RuntimeError(f"refused {body}")  # an unhelpful provider that echoes the message

    def send_sms(self, to, body, *, reference):
        raise RuntimeError("no credit")


def test_failures_are_recorded_without_the_token_and_keep_the_invitation(app_context):
    invitation, token = make_invitation(make_survey(), contact_phone="+447700900982")
    new = "x" * 43
    notifications = send_invitation(invitation, new, notifier=Broken())
    assert [n.status for n in notifications] == ["failed", "failed"]
    assert all(new not in n.error for n in notifications)
    assert "[token]" in notifications[0].error and notifications[1].error == "RuntimeError: no credit"
    assert invitation.sent_at is None
    assert invitation.token_hash == hash_token(token)  # nothing went, so the old link still works
    assert find_invitation(token).id == invitation.id


def test_a_new_token_takes_over_only_when_a_message_went(app_context):
    invitation, old = make_invitation(make_survey())
    send_invitation(invitation, "n" * 43, kind="reminder")
    assert find_invitation("n" * 43).id == invitation.id
    assert find_invitation(old) is None


def test_no_contact_details_means_no_messages(app_context):
    invitation, token = make_invitation(make_survey(), contact_email=None)
    assert send_invitation(invitation, token) == []
    assert invitation.sent_at is None


def test_unknown_kind_is_refused(app_context):
    invitation, token = make_invitation(make_survey())
    with pytest.raises(ValueError):
        send_invitation(invitation, token, kind="newsletter")


def test_send_by_notify_records_notify_ids(app_context, app, monkeypatch, notify_calls):
    monkeypatch.setitem(app.config, "NOTIFIER", "notify")
    monkeypatch.setitem(app.config, "NOTIFY_API_KEY", FAKE_KEY)
    monkeypatch.setitem(app.config, "NOTIFY_EMAIL_TEMPLATE_ID", "e-id")
    monkeypatch.setitem(app.config, "NOTIFY_SMS_TEMPLATE_ID", "s-id")
    invitation, token = make_invitation(make_survey(), contact_phone="+447700900982")
    notifications = send_invitation(invitation, token)
    assert [(n.notifier, n.provider_reference) for n in notifications] == [
        ("notify", "notify-email-1"), ("notify", "notify-sms-1")]
    email_call = notify_calls[0][1]
    assert f"/respond/i/{token}" in email_call["personalisation"]["body"]
    assert email_call["reference"].startswith(f"yousaid-invitation-{invitation.id}-")
    assert token not in email_call["reference"]


def test_links_in_email_files_are_never_split(tmp_path):
    notifier = OutboxNotifier(tmp_path)
    link = "https://feedback.exampleshire-send-local-area-partnership.example.gov.uk/respond/i/" + "a" * 43
    body = "A long paragraph " * 20 + f"\n\n{link}\n"
    name = notifier.send_email("jane@example.com", "Hello", body, reference="r")
    raw = (tmp_path / name).read_text()
    assert link in raw and "=\n" not in raw


def test_non_ascii_email_text_is_still_readable(tmp_path):
    notifier = OutboxNotifier(tmp_path)
    name = notifier.send_email("jane@example.com", "Ymgynghoriad – Cyngor", "Diolch ‘yn fawr’ – thank you\n",
                               reference="r")
    message = email.message_from_bytes((tmp_path / name).read_bytes(), policy=policy.default)
    assert message["Subject"] == "Ymgynghoriad – Cyngor"
    assert message.get_content() == "Diolch ‘yn fawr’ – thank you\n"
