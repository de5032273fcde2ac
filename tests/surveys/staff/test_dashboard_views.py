"""The performance dashboard and the workspace home's summary: roles, partner slice, charts with tables, filters."""

import pytest

from tests.factories import make_partner, make_survey
from tests.html import error_messages, h1_text, link_hrefs, table_rows, text_of
from tests.surveys.services.report.helpers import add_responses

ALLOWED = ("admin", "coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep", "complaints_officer")
REFUSED = ("safeguarding_lead",)
MARCH = "from=2026-03-01&to=2026-03-31"


@pytest.mark.parametrize("role", ALLOWED + REFUSED)
def test_role_matrix(client_request, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    client_request.get("/staff/dashboard", expected_status=200 if role in ALLOWED else 403)


def test_every_chart_is_followed_by_a_table(client_request):
    survey = make_survey()
    add_responses(survey, 6, {"overall": "4"}, locality="North")
    client_request.sign_in_as("analyst")
    charts = client_request.get(f"/staff/dashboard?{MARCH}&by=locality").select("div.app-chart")
    assert len(charts) >= 4
    for chart in charts:
        svg, region = chart.find_all(recursive=False)[:2]
        assert svg.name == "svg" and svg.get("role") == "img"
        assert text_of(svg.select_one("title")) and text_of(svg.select_one("desc"))
        assert region.get("class") == ["app-table-scroll"] and region.select_one("table") is not None


def test_partner_lead_sees_their_slice(client_request):
    survey = make_survey()
    ours, theirs = make_partner("Ours"), make_partner("Theirs")
    add_responses(survey, 6, {"overall": "5"}, partner_id=ours.id)
    add_responses(survey, 9, {"overall": "5"}, partner_id=theirs.id)
    client_request.sign_in_as("partner_lead", ours)
    page = client_request.get(f"/staff/dashboard?{MARCH}&by=partner")
    by_partner = next(table for table in page.select("table") if text_of(table.caption) == "Responses by partner")
    assert table_rows(by_partner) == [["Ours", "6", "100%"], ["Total", "6", ""]]
    assert "Theirs" not in text_of(page)


@pytest.mark.parametrize("query, message", [
    ("from=yesterday", "Enter the start date as a real date, like 2026-03-31"),
    ("by=colour", "Select what to break the results down by from the list"),
    ("question=99:nothing", "Select questions from the list"),
])
def test_bad_filters_get_a_clear_message(client_request, query, message):
    client_request.sign_in_as("analyst")
    page = client_request.get(f"/staff/dashboard?{query}", expected_status=400)
    assert error_messages(page) == [message]


def test_home_summarises_the_dashboard_for_roles_that_may_open_it(client_request):
    client_request.sign_in_as("analyst")
    page = client_request.get("/staff/")
    assert "/staff/dashboard" in link_hrefs(page.select_one("main"))
    assert "The last twelve months" in [text_of(h2) for h2 in page.select("main h2")]


def test_home_has_no_summary_for_roles_that_may_not(client_request):
    client_request.sign_in_as("safeguarding_lead")
    page = client_request.get("/staff/")
    assert h1_text(page) == "Workspace"
    assert "The last twelve months" not in [text_of(h2) for h2 in page.select("main h2")]
    assert "/staff/dashboard" not in link_hrefs(page)
