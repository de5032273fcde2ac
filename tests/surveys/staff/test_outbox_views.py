"""The outbox page: failed messages and work are shown to administrators (safeguarding leads: alerts and analysis),
with their reason, and can be tried again."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from surveys.models import ROLES, AuditEvent, OutboxItem, db, utcnow
from surveys.services.platform import outbox
from surveys.worker import drain
from tests.factories import make_partner
from tests.html import banner_text, summary_list, table_captions, table_rows


class Down:
    name = "smtp"

    def send_email(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server is down")

    send_sms = send_email


def failed_item(kind: str, payload: dict, *, error: str = "ConnectionRefusedError: mail server is down") -> OutboxItem:
    item = outbox.enqueue(kind, payload)
    item.status, item.attempts, item.finished_at, item.last_error = "failed", item.max_attempts, utcnow(), error
    db.session.commit()
    return item


@pytest.mark.parametrize("role", sorted(ROLES))
def test_only_admins_and_safeguarding_leads(client_request, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    allowed = role in ("admin", "safeguarding_lead")
    client_request.get("/staff/outbox", expected_status=200 if allowed else 403)
    item = failed_item("invitation", {"invitation_id": 1})
    client_request.post(f"/staff/outbox/{item.id}/retry", form_url="/staff/",
                        expected_status=302 if role == "admin" else (404 if allowed else 403))


def test_a_failed_alert_is_shown_with_its_reason_and_can_be_tried_again(client_request, app, monkeypatch):
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", "team@council.example")
    monkeypatch.setattr("surveys.services.platform.notify.get_notifier", lambda config: Down())
    lead = client_request.sign_in_as("safeguarding_lead")
    from surveys.services.platform.notify.queued import queue_email

    queue_email("safeguarding_alert", "team@council.example", "Urgent", "Sign in", comment_id=None)
    db.session.commit()
    later = utcnow()
    for _ in range(20):
        drain(now=later)
        later += timedelta(hours=2)
    item = db.session.scalar(select(OutboxItem))
    assert item.status == "failed"

    page = client_request.get("/staff/outbox")
    assert table_captions(page)[0] == "1 item failed after every attempt"
    [row] = table_rows(page)
    assert row[0] == "Safeguarding alert about comment None to team@council.example"
    assert row[2] == "16" and "mail server is down" in row[3]

    monkeypatch.setattr("surveys.services.platform.notify.get_notifier",
                        lambda config: type("Up", (), {"name": "smtp", "send_email": lambda *a, **k: "ok"})())
    page = client_request.post(f"/staff/outbox/{item.id}/retry", form_url="/staff/outbox", follow=True)
    assert "Trying again: Safeguarding alert" in banner_text(page)
    db.session.expire_all()
    assert db.session.get(OutboxItem, item.id).status == "pending"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "outbox.retry"))
    assert event.user_id == lead.id and event.object_id == str(item.id)
    assert drain()["done"] == 1
    assert db.session.get(OutboxItem, item.id).notifier == "smtp"
    client_request.post(f"/staff/outbox/{item.id}/retry", form_url="/staff/outbox", expected_status=409)


def test_a_safeguarding_lead_sees_only_alerts_and_analysis(client_request):
    failed_item("invitation", {"invitation_id": 5})
    failed_item("analyse_comment", {"comment_id": 9}, error="ValueError: boom")
    client_request.sign_in_as("safeguarding_lead")
    rows = table_rows(client_request.get("/staff/outbox"))
    assert [row[0] for row in rows] == ["Checking comment 9"]
    client_request.sign_out()
    client_request.sign_in_as("admin")
    page = client_request.get("/staff/outbox")
    assert sorted(row[0] for row in table_rows(page)) == ["Checking comment 9", "Invitation 5"]
    assert summary_list(page)["Failed"] == "2"


def test_messages_written_to_files_are_not_called_delivered(client_request):
    item = outbox.enqueue("email", {"kind": "case_deadline_alert", "to": "a@council.example", "subject": "s",
                                    "body": "b", "comment_id": None})
    db.session.commit()
    drain()
    assert db.session.get(OutboxItem, item.id).notifier == "outbox"
    client_request.sign_in_as("admin")
    page = client_request.get("/staff/outbox")
    assert "1 message was written to files in the outbox folder, not delivered to anyone" in page.text
