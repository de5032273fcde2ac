"""What the shared templates promise on real staff pages: London times, tables that scroll in their own box,
and forms that post with a CSRF token and no browser validation."""

from datetime import UTC, date, datetime

import pytest

from surveys.models import AuditEvent, db
from tests.factories import make_case, make_comment, make_invitation, make_survey
from tests.html import text_of

LATE_SUMMER_NIGHT = datetime(2026, 7, 13, 23, 30, tzinfo=UTC)  # 12:30am on 14 July in London


def test_case_history_shows_the_london_day(client_request):
    client_request.sign_in_as("complaints_officer")
    case = make_case(received_on=date(2026, 7, 13), due_on=date(2026, 8, 10))
    db.session.add(AuditEvent(action="case_created", object_type="Case", object_id=str(case.id),
                              created_at=LATE_SUMMER_NIGHT))
    db.session.commit()
    page = client_request.get(f"/staff/cases/{case.id}")
    history = [text_of(li) for li in page.select("ul[class='govuk-list'] > li")]
    assert any(item.startswith("14 July 2026: Logged the case") for item in history), history
    values = [text_of(dd) for dd in page.select("dd.govuk-summary-list__value")]
    assert "13 July 2026" in values  # the date received is a plain date: never shifted


def test_review_queue_shows_the_london_day(client_request):
    client_request.sign_in_as("coproduction_lead")
    make_comment(received_at=LATE_SUMMER_NIGHT)
    page = client_request.get("/staff/themes/review")
    captions = [text_of(span) for span in page.select("h2 > span[class='govuk-caption-m']")]
    assert captions == ["Received 14 July 2026"]


@pytest.fixture
def invitations(app_context):
    survey = make_survey(title="Annual review survey")
    make_invitation(survey)
    return survey


@pytest.mark.parametrize("url", ["/staff/surveys", "/staff/invitations", "/staff/invitations/surveys/{survey_id}"])
def test_wide_tables_scroll_in_a_named_focusable_box(client_request, invitations, url):
    client_request.sign_in_as("coproduction_lead")
    page = client_request.get(url.format(survey_id=invitations.id))
    table = page.select_one("div[class='app-table-scroll'] > table")
    assert table is not None, "the table is not inside a scrolling box"
    box = table.parent
    assert box.get("role") == "region" and box.get("tabindex") == "0"
    assert box.get("aria-label") == text_of(table.select_one("caption"))


def test_every_post_form_has_novalidate_and_a_token(client_request):
    client_request.sign_in_as("complaints_officer")
    case = make_case()
    page = client_request.get(f"/staff/cases/{case.id}")
    forms = page.select("form[method='post']")
    assert forms, "the case page has the sign-out and acknowledge forms"
    for form in forms:
        assert form.has_attr("novalidate")
        assert form.select_one("input[name='csrf_token']").get("value")
