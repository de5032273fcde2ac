"""The audit log page: administrators read it newest first, filter by who, what and when, a page at a time."""

from datetime import UTC, datetime

from surveys.models import AuditEvent, db
from surveys.services.platform.audit_log import PAGE_SIZE
from tests.factories import make_user
from tests.html import error_summary_links, table_rows, title_text


def add_event(user, action: str, when: datetime) -> None:
    db.session.add(AuditEvent(user_id=user.id if user else None, action=action, created_at=when,
                              request_id="abc12345"))
    db.session.commit()


def test_sign_ins_show_with_who_what_and_the_request(client_request):
    admin = client_request.sign_in_as("admin")
    rows = table_rows(client_request.get("/staff/audit"))
    [sign_in] = [row for row in rows if row[2] == "sign_in"]
    assert sign_in[1] == admin.email and sign_in[3] == f"User {admin.id}" and len(sign_in[4]) >= 8


def test_filters_by_actor_action_and_date(client_request):
    viewer = make_user("viewer", email="viewer@example.org")
    add_event(viewer, "export_downloaded", datetime(2026, 3, 2, 10, tzinfo=UTC))
    add_event(viewer, "case_viewed", datetime(2026, 3, 3, 10, tzinfo=UTC))
    add_event(None, "export_downloaded", datetime(2026, 4, 1, 10, tzinfo=UTC))
    client_request.sign_in_as("admin")

    def actions(query: str) -> list[str]:
        return [row[2] for row in table_rows(client_request.get(f"/staff/audit?{query}"))]

    assert actions(f"actor={viewer.id}") == ["case_viewed", "export_downloaded"]
    assert actions("action=export_downloaded") == ["export_downloaded", "export_downloaded"]
    assert actions("from=2026-03-01&to=2026-03-02") == ["export_downloaded"]
    assert actions(f"actor={viewer.id}&action=case_viewed&from=2026-03-03&to=2026-03-03") == ["case_viewed"]


def test_bad_filters_are_explained(client_request):
    client_request.sign_in_as("admin")
    page = client_request.get("/staff/audit?from=yesterday&actor=someone", expected_status=400)
    assert title_text(page).startswith("Error: ")
    assert [href for _, href in error_summary_links(page)] == ["#from", "#actor"]


def test_pages_of_fifty(client_request):
    admin = client_request.sign_in_as("admin")
    for n in range(PAGE_SIZE + 5):
        add_event(admin, "case_viewed", datetime(2026, 1, 1, 0, n % 60, tzinfo=UTC))
    page = client_request.get("/staff/audit?action=case_viewed")
    assert len(table_rows(page)) == PAGE_SIZE
    assert "page 1 of 2" in page.select_one("caption").get_text()
    next_link = page.select_one("a[rel=next]")["href"]
    assert "action=case_viewed" in next_link and "page=2" in next_link
    assert len(table_rows(client_request.get(next_link))) == 5
    assert len(table_rows(client_request.get("/staff/audit?action=case_viewed&page=999"))) == 5  # the last page
    first = client_request.get("/staff/audit?action=case_viewed&page=abc")  # no error pointing at a missing field
    assert len(table_rows(first)) == PAGE_SIZE and "page 1 of 2" in first.select_one("caption").get_text()
