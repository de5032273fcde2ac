"""What the shared templates promise on real staff pages: London times, tables that scroll in their own box,
and forms that post with a CSRF token and no browser validation."""

from datetime import UTC, date, datetime

import html5lib
import pytest

from surveys.models import AuditEvent, db
from tests.factories import PASSWORD, make_case, make_comment, make_invitation, make_survey, make_user
from tests.html import check_page

LATE_SUMMER_NIGHT = datetime(2026, 7, 13, 23, 30, tzinfo=UTC)  # 12:30am on 14 July in London


def signed_in(login, role):
    user = make_user(role)
    login(user.email, PASSWORD)
    return user


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    return html5lib.parse(html, namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_case_history_shows_the_london_day(client, login, app_context):
    signed_in(login, "complaints_officer")
    case = make_case(received_on=date(2026, 7, 13), due_on=date(2026, 8, 10))
    db.session.add(AuditEvent(action="case_created", object_type="Case", object_id=str(case.id),
                              created_at=LATE_SUMMER_NIGHT))
    db.session.commit()
    page = parsed(client, f"/staff/cases/{case.id}")
    history = [text_of(li) for li in page.findall(".//ul[@class='govuk-list']/li")]
    assert any(item.startswith("14 July 2026: Logged the case") for item in history), history
    values = [text_of(dd) for dd in page.findall(".//dd[@class='govuk-summary-list__value']")]
    assert "13 July 2026" in values  # the date received is a plain date: never shifted


def test_review_queue_shows_the_london_day(client, login, app_context):
    signed_in(login, "coproduction_lead")
    make_comment(received_at=LATE_SUMMER_NIGHT)
    page = parsed(client, "/staff/themes/review")
    captions = [text_of(span) for span in page.findall(".//h2/span[@class='govuk-caption-m']")]
    assert captions == ["Received 14 July 2026"]


@pytest.fixture
def invitations(app_context):
    survey = make_survey(title="Annual review survey")
    make_invitation(survey)
    return survey


@pytest.mark.parametrize("url", ["/staff/surveys", "/staff/invitations", "/staff/invitations/surveys/{survey_id}"])
def test_wide_tables_scroll_in_a_named_focusable_box(client, login, invitations, url):
    signed_in(login, "coproduction_lead")
    page = parsed(client, url.format(survey_id=invitations.id))
    table = page.find(".//div[@class='app-table-scroll']/table")
    assert table is not None, "the table is not inside a scrolling box"
    box = page.find(".//div[@class='app-table-scroll']")
    assert box.get("role") == "region" and box.get("tabindex") == "0"
    assert box.get("aria-label") == text_of(table.find("caption"))


def test_every_post_form_has_novalidate_and_a_token(client, login, app_context):
    signed_in(login, "complaints_officer")
    case = make_case()
    page = parsed(client, f"/staff/cases/{case.id}")
    forms = [form for form in page.iter("form") if form.get("method") == "post"]
    assert forms, "the case page has the sign-out and acknowledge forms"
    for form in forms:
        assert form.get("novalidate") is not None
        assert form.find(".//input[@name='csrf_token']").get("value")
