"""The survey results page: who may open it, partner scope, charts followed by tables, and bad filters."""

import pytest

from surveys.models import db
from tests.factories import make_comment, make_partner, make_survey, make_theme
from tests.html import error_messages, link_hrefs, summary_list, table_captions, text_of, title_text
from tests.surveys.services.report.helpers import add_responses

ALLOWED = ("admin", "coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep")
REFUSED = ("complaints_officer", "safeguarding_lead")


@pytest.mark.parametrize("role", ALLOWED + REFUSED)
def test_role_matrix(client_request, role):
    survey = make_survey()
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    client_request.get(f"/staff/surveys/{survey.id}/results", expected_status=200 if role in ALLOWED else 403)


def test_signed_out_goes_to_sign_in(client_request):
    survey = make_survey()
    client_request.get(f"/staff/surveys/{survey.id}/results", expected_status=302, expected_redirect="/staff/login")


def test_unknown_survey_is_404(client_request):
    client_request.sign_in_as("analyst")
    client_request.get("/staff/surveys/9999/results", expected_status=404)


def test_each_chart_is_followed_by_its_table(client_request):
    survey = make_survey()
    add_responses(survey, 3, {"overall": "1"})
    add_responses(survey, 12, {"overall": "5"})
    add_responses(survey, 7, {"overall": "4"})
    client_request.sign_in_as("analyst")
    charts = client_request.get(f"/staff/surveys/{survey.id}/results").select("div.app-chart")
    assert len(charts) == 1
    svg, region = charts[0].find_all(recursive=False)
    assert svg.name == "svg" and svg.get("role") == "img" and text_of(svg.select_one("title")) == "How did it go?"
    cells = [text_of(td) for td in region.select("td")]
    assert "fewer than 5" in cells and "12" in cells and "3" not in cells


def test_partner_lead_sees_only_their_partners_count(client_request):
    survey = make_survey()
    ours, theirs = make_partner(), make_partner()
    add_responses(survey, 6, {"overall": "5"}, partner_id=ours.id)
    add_responses(survey, 11, {"overall": "5"}, partner_id=theirs.id)
    client_request.sign_in_as("partner_lead", ours)
    assert summary_list(client_request.get(f"/staff/surveys/{survey.id}/results"))["Responses"] == "6"


@pytest.mark.parametrize("query, message", [
    ("from=31/02/2026", "Enter the start date as a real date, like 2026-03-31"),
    ("from=2026-03-10&to=2026-03-01", "The end date must be the same as or after the start date"),
    ("to=2026-03-01", "Enter a start date, or clear the end date"),
    ("by=shoe_size", "Select what to break the results down by from the list"),
])
def test_bad_filters_get_a_clear_message(client_request, query, message):
    survey = make_survey()
    client_request.sign_in_as("analyst")
    page = client_request.get(f"/staff/surveys/{survey.id}/results?{query}", expected_status=400)
    assert error_messages(page) == [message]
    assert title_text(page).startswith("Error: ")


def test_good_filters_and_breakdown(client_request):
    survey = make_survey()
    add_responses(survey, 6, {"overall": "5"}, locality="North")
    client_request.sign_in_as("analyst")
    page = client_request.get(f"/staff/surveys/{survey.id}/results?from=2026-03-01&to=2026-03-31&by=locality")
    captions = table_captions(page)
    assert "By locality: How did it go?" in captions
    assert "This period against the previous period: How did it go?" in captions


def test_free_text_themes_link_for_roles_that_may_open_themes(client_request):
    survey = make_survey()
    responses = add_responses(survey, 6, {"better": "Shorter waits"})
    theme = make_theme("Waiting times", comments=[
        make_comment(source="survey", answer_id=r.answers[0].id, response_id=r.id) for r in responses])
    db.session.commit()
    client_request.sign_in_as("analyst")
    page = client_request.get(f"/staff/surveys/{survey.id}/results")
    assert link_hrefs(page, "Waiting times") == [f"/staff/themes/{theme.id}"]
