"""One way to commit: services flush, and the request, command or job commits or rolls back all of it."""

import pytest
from sqlalchemy import func, select

from surveys.models import AuditEvent, db
from surveys.services.platform import audit
from surveys.services.platform.errors import Conflict
from surveys.transactions import transaction
from tests.factories import make_user
from tests.html import h1_text


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_transaction_block_commits_both_or_neither(app_context):
    user = make_user()
    with pytest.raises(Conflict), transaction():
        audit.record(user, "first.call")
        db.session.flush()
        raise Conflict("the second call refused")
    db.session.expire_all()
    assert count(AuditEvent) == 0
    with transaction():
        audit.record(user, "first.call")
        audit.record(user, "second.call")
    db.session.remove()
    assert count(AuditEvent) == 2


def test_a_domain_error_from_a_service_becomes_its_status_and_a_gov_uk_page(client_request):
    """``get_message`` raises NotFound for a message that does not exist; the one handler makes it a 404 page."""
    client_request.sign_in_as("admin")
    page = client_request.get("/staff/audio/999999", expected_status=404)
    assert h1_text(page) == "Page not found"


def test_a_refused_request_keeps_nothing_it_flushed(client_request):
    """Anything a request flushed before answering 4xx is rolled back (only success and redirects commit)."""
    client_request.sign_in_as("viewer")
    before = db.session.scalars(select(AuditEvent.action)).all()
    client_request.get("/staff/safeguarding", expected_status=403)
    db.session.expire_all()
    # Only the refusal itself is recorded, after the request's own work was rolled back.
    assert db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all() == [*before, "access_denied"]
