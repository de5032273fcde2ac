"""The audit log is append-only (the ORM refuses, no code path tries, and PostgreSQL refuses too), carries the
request id, and holds no personal text."""

import re
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from surveys.models import AuditEvent, db
from surveys.services.platform import audit
from surveys.services.platform.audit import AuditLogIsAppendOnly
from tests.factories import make_user

SURVEYS = Path(__file__).resolve().parents[4] / "surveys"


def _event() -> AuditEvent:
    event = audit.record(make_user("admin"), "export_downloaded", export="responses")
    db.session.commit()
    return event


def test_the_orm_refuses_to_change_an_event(app_context):
    event = _event()
    event.action = "something_else"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def test_the_orm_refuses_to_delete_an_event(app_context):
    event = _event()
    db.session.delete(event)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def test_no_code_path_updates_or_deletes_audit_events():
    """Bulk statements bypass the ORM's check: none may name the audit table or its model."""
    pattern = re.compile(r"(update|delete)\(\s*AuditEvent|(UPDATE|DELETE FROM)\s+\"?audit_event", re.IGNORECASE)
    assert files_matching(pattern) == []


def files_matching(pattern: re.Pattern) -> list[str]:
    return [str(path.relative_to(SURVEYS)) for path in SURVEYS.rglob("*.py") if pattern.search(path.read_text())]


def test_an_event_outside_a_request_has_no_request_id(app_context):
    assert _event().request_id == ""


def test_an_event_in_a_request_has_its_request_id(client_request):
    client_request.sign_in_as("viewer")
    request_id = client_request.response.headers["X-Request-Id"]
    [event] = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "sign_in")).all()
    assert event.request_id == request_id


def test_a_failed_sign_in_keeps_no_typed_text(client_request):
    make_user("viewer", email="known@example.org")
    client_request.post("/staff/login", {"email": "someone.unknown@example.org", "password": "a secret guess"},
                        expected_status=200)
    [event] = db.session.scalars(db.select(AuditEvent)).all()
    assert event.action == "sign_in_failed" and event.detail == {"reason": "unknown_account"}
    assert "unknown" not in str(event.object_id) and "guess" not in str(event.detail)


@pytest.mark.postgres_only
def test_postgresql_refuses_update_and_delete(app_context):
    event_id = _event().id
    for statement in (f"UPDATE audit_event SET action = 'x' WHERE id = {event_id}",  # noqa: S608 - an int
                      f"DELETE FROM audit_event WHERE id = {event_id}"):  # noqa: S608
        with pytest.raises(DBAPIError, match="append-only"):
            with db.engine.begin() as connection:
                connection.execute(text(statement))
    assert db.session.get(AuditEvent, event_id) is not None


def test_no_call_puts_free_text_in_the_log():
    """Staff's words go to ``keep_note``; a call to ``record`` never passes a field that holds free text."""
    text_fields = re.compile(r"record\([^)]*\b(note|text|details|summary|response_text|email|name|transcript)=")
    assert files_matching(text_fields) == []
