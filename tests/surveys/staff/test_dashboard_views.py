"""The performance dashboard and the workspace home's summary: roles, partner slice, charts with tables, filters."""

import pytest

from tests.factories import PASSWORD, make_partner, make_survey, make_user
from tests.html import check_page
from tests.surveys.services.report.helpers import add_responses
from tests.surveys.staff.test_results_views import parsed, sign_in

ALLOWED = ("admin", "coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep", "complaints_officer")
REFUSED = ("safeguarding_lead",)
MARCH = "from=2026-03-01&to=2026-03-31"


@pytest.mark.parametrize("role", ALLOWED + REFUSED)
def test_role_matrix(client, login, app_context, role):
    sign_in(login, role)
    assert client.get("/staff/dashboard").status_code == (200 if role in ALLOWED else 403)


def test_every_chart_is_followed_by_a_table(client, login, app_context):
    survey = make_survey()
    add_responses(survey, 6, {"overall": "4"}, locality="North")
    sign_in(login, "analyst")
    html = client.get(f"/staff/dashboard?{MARCH}&by=locality").get_data(as_text=True)
    check_page(html)
    charts = parsed(html).findall(".//div[@class='app-chart']")
    assert len(charts) >= 4
    for chart in charts:
        children = list(chart)
        assert children[0].tag == "svg" and children[0].get("role") == "img"
        assert children[0].find("title").text and children[0].find("desc").text
        assert children[1].get("class") == "app-table-scroll" and children[1].find(".//table") is not None


def test_partner_lead_sees_their_slice(client, login, app_context):
    survey = make_survey()
    ours, theirs = make_partner("Ours"), make_partner("Theirs")
    add_responses(survey, 6, {"overall": "5"}, partner_id=ours.id)
    add_responses(survey, 9, {"overall": "5"}, partner_id=theirs.id)
    sign_in(login, "partner_lead", ours)
    html = client.get(f"/staff/dashboard?{MARCH}&by=partner").get_data(as_text=True)
    assert "Ours" in html and "Theirs" not in html


@pytest.mark.parametrize("query, message", [
    ("from=yesterday", "Enter the start date as a real date"),
    ("by=colour", "Select what to break the results down by"),
    ("question=99:nothing", "Select questions from the list"),
])
def test_bad_filters_get_a_clear_message(client, login, app_context, query, message):
    sign_in(login, "analyst")
    response = client.get(f"/staff/dashboard?{query}")
    assert response.status_code == 400
    check_page(response.get_data(as_text=True))
    summary = parsed(response.get_data(as_text=True)).find(".//div[@class='govuk-error-summary']")
    assert message in "".join(summary.itertext())


def test_home_summarises_the_dashboard_for_roles_that_may_open_it(client, login, app_context):
    sign_in(login, "analyst")
    html = client.get("/staff/").get_data(as_text=True)
    check_page(html)
    assert 'href="/staff/dashboard"' in html and "The last twelve months" in html


def test_home_has_no_summary_for_roles_that_may_not(client, login, app_context):
    user = make_user(role="safeguarding_lead")
    login(user.email, PASSWORD)
    html = client.get("/staff/").get_data(as_text=True)
    assert "The last twelve months" not in html
