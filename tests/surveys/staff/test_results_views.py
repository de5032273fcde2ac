"""The survey results page: who may open it, partner scope, charts followed by tables, and bad filters."""

import html5lib
import pytest

from surveys.models import db
from tests.factories import PASSWORD, make_comment, make_partner, make_survey, make_theme, make_user
from tests.html import check_page
from tests.surveys.services.report.helpers import add_responses

ALLOWED = ("admin", "coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep")
REFUSED = ("complaints_officer", "safeguarding_lead")


def parsed(html):
    document = html5lib.parse(html, namespaceHTMLElements=False)
    for element in document.iter():
        if isinstance(element.tag, str):
            element.tag = element.tag.rsplit("}", 1)[-1]
    return document


def sign_in(login, role, partner=None):
    user = make_user(role=role, partner=partner or (make_partner() if role == "partner_lead" else None))
    login(user.email, PASSWORD)
    return user


@pytest.mark.parametrize("role", ALLOWED + REFUSED)
def test_role_matrix(client, login, app_context, role):
    survey = make_survey()
    sign_in(login, role)
    response = client.get(f"/staff/surveys/{survey.id}/results")
    assert response.status_code == (200 if role in ALLOWED else 403)


def test_signed_out_goes_to_sign_in(client, app_context):
    survey = make_survey()
    assert client.get(f"/staff/surveys/{survey.id}/results").status_code == 302


def test_unknown_survey_is_404(client, login, app_context):
    sign_in(login, "analyst")
    assert client.get("/staff/surveys/9999/results").status_code == 404


def test_each_chart_is_followed_by_its_table(client, login, app_context):
    survey = make_survey()
    add_responses(survey, 3, {"overall": "1"})
    add_responses(survey, 12, {"overall": "5"})
    add_responses(survey, 7, {"overall": "4"})
    sign_in(login, "analyst")
    html = client.get(f"/staff/surveys/{survey.id}/results").get_data(as_text=True)
    check_page(html)
    charts = parsed(html).findall(".//div[@class='app-chart']")
    assert len(charts) == 1
    svg, region = list(charts[0])
    assert svg.tag == "svg" and svg.get("role") == "img" and svg.find("title").text == "How did it go?"
    cells = ["".join(td.itertext()).strip() for td in region.iter("td")]
    assert "fewer than 5" in cells and "12" in cells and "3" not in cells


def test_partner_lead_sees_only_their_partners_count(client, login, app_context):
    survey = make_survey()
    ours, theirs = make_partner(), make_partner()
    add_responses(survey, 6, {"overall": "5"}, partner_id=ours.id)
    add_responses(survey, 11, {"overall": "5"}, partner_id=theirs.id)
    sign_in(login, "partner_lead", ours)
    page = parsed(client.get(f"/staff/surveys/{survey.id}/results").get_data(as_text=True))
    values = [dd.text.strip() for dd in page.iter("dd")]
    assert "6" in values and "17" not in values and "11" not in values


@pytest.mark.parametrize("query, message", [
    ("from=31/02/2026", "Enter the start date as a real date"),
    ("from=2026-03-10&to=2026-03-01", "The end date must be the same as or after the start date"),
    ("to=2026-03-01", "Enter a start date"),
    ("by=shoe_size", "Select what to break the results down by"),
])
def test_bad_filters_get_a_clear_message(client, login, app_context, query, message):
    survey = make_survey()
    sign_in(login, "analyst")
    response = client.get(f"/staff/surveys/{survey.id}/results?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    check_page(html)
    summary = parsed(html).find(".//div[@class='govuk-error-summary']")
    assert message in "".join(summary.itertext())
    assert parsed(html).find(".//title").text.startswith("Error: ")


def test_good_filters_and_breakdown(client, login, app_context):
    survey = make_survey()
    add_responses(survey, 6, {"overall": "5"}, locality="North")
    sign_in(login, "analyst")
    response = client.get(f"/staff/surveys/{survey.id}/results?from=2026-03-01&to=2026-03-31&by=locality")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    check_page(html)
    assert "By locality: How did it go?" in html
    assert "This period against the previous period" in html


def test_free_text_themes_link_for_roles_that_may_open_themes(client, login, app_context):
    survey = make_survey()
    responses = add_responses(survey, 6, {"better": "Shorter waits"})
    theme = make_theme("Waiting times", comments=[
        make_comment(source="survey", answer_id=r.answers[0].id, response_id=r.id) for r in responses])
    db.session.commit()
    sign_in(login, "analyst")
    html = client.get(f"/staff/surveys/{survey.id}/results").get_data(as_text=True)
    assert f'href="/staff/themes/{theme.id}"' in html
