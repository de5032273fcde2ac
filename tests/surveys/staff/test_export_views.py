"""Downloads at /staff/exports/<name>.<csv|xlsx>: who may download what, partner scope, audit, errors, links."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from surveys.models import ROLES, Action, AuditEvent, db
from surveys.services.report.exports import BUILDERS
from surveys.staff.export_views import EXPORT_ROLES
from tests.factories import PASSWORD, make_case, make_comment, make_partner, make_survey, make_theme, make_user
from tests.html import csrf_token_from, link_hrefs, main_text
from tests.surveys.services.report.helpers import add_responses

# The policy, written out by hand so a change to a page's roles that would widen a download shows up here.
MAY_DOWNLOAD = {
    "responses": {"admin", "coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep"},
    "results": {"admin", "coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep"},
    "comments": {"admin", "coproduction_lead", "pcf_rep", "analyst", "viewer"},
    "themes": {"admin", "coproduction_lead", "pcf_rep", "analyst", "viewer"},
    "actions": {"admin", "coproduction_lead", "partner_lead", "pcf_rep", "analyst", "viewer", "complaints_officer",
                "safeguarding_lead"},
    "cases": {"admin", "complaints_officer", "partner_lead", "coproduction_lead", "safeguarding_lead", "viewer"},
    "log": {"admin", "coproduction_lead", "pcf_rep", "analyst", "partner_lead", "viewer"},
}
# Which column says whose row it is, for the partner scope check.
PARTNER_COLUMN = {"responses": "Partner", "comments": "Partner", "actions": "Owner", "cases": "Partner",
                  "log": "Owner"}


def test_the_policy_covers_every_export():
    assert set(EXPORT_ROLES) == set(BUILDERS) == set(MAY_DOWNLOAD)


@pytest.fixture
def world(app_context):
    """Two partners, each with a response, a comment in a theme, an action and a case."""
    return make_world()


def url(name: str, kind: str, survey) -> str:
    return f"/staff/exports/{name}.{kind}" + (f"?survey={survey.id}" if name in ("results", "responses") else "")


def read(response, kind: str) -> list[dict[str, str]]:
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))
    else:
        sheet = load_workbook(io.BytesIO(response.get_data())).active
        rows = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("role", sorted(ROLES))
def test_who_may_download_each_export(client_request, world, role):
    ours, _, survey = world
    client_request.sign_in_as(role, ours if role == "partner_lead" else None)
    for name, allowed in MAY_DOWNLOAD.items():
        for kind in ("csv", "xlsx"):
            response = client_request.client.get(url(name, kind, survey))
            assert response.status_code == (200 if role in allowed else 403), (name, kind)
            if role in allowed:
                assert response.headers["Content-Disposition"] == f"attachment; filename={name}.{kind}"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("name", sorted(PARTNER_COLUMN))
def test_a_partner_lead_gets_only_their_partners_rows(client_request, world, name, kind):
    ours, theirs, survey = world
    client_request.sign_in_as("partner_lead", ours)
    if "partner_lead" not in MAY_DOWNLOAD[name]:
        assert client_request.client.get(url(name, kind, survey)).status_code == 403
        return
    rows = read(client_request.client.get(url(name, kind, survey)), kind)
    assert rows and {row[PARTNER_COLUMN[name]] for row in rows} == {"Ours"}
    client_request.sign_out()
    client_request.sign_in_as("admin")
    everyone = read(client_request.client.get(url(name, kind, survey)), kind)
    assert {row[PARTNER_COLUMN[name]] for row in everyone} == {"Ours", "Theirs"}


def test_a_partner_leads_results_count_only_their_partner(client_request, world):
    ours, _, survey = world
    client_request.sign_in_as("partner_lead", ours)
    rows = read(client_request.client.get(url("results", "csv", survey)), "csv")
    assert next(row["Count"] for row in rows if row["Answer"] == "Responses") == "6"


def test_each_download_is_audited(client_request, world):
    ours, _, _ = world
    user = client_request.sign_in_as("coproduction_lead")
    assert client_request.client.get(f"/staff/exports/cases.xlsx?partner={ours.id}&kind=complaint").status_code == 200
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "export_downloaded")).one()
    assert event.user_id == user.id
    assert event.detail == {"export": "cases", "format": "xlsx", "filters": {"partner": str(ours.id),
                                                                             "kind": "complaint"}, "rows": 1}


def test_a_refused_download_is_not_audited(client_request, world):
    client_request.sign_in_as("viewer")
    client_request.get("/staff/exports/comments.csv?from=yesterday", expected_status=400)
    assert client_request.client.get("/staff/exports/log.csv").status_code == 200
    actions = db.session.scalars(db.select(AuditEvent.action).where(AuditEvent.action == "export_downloaded")).all()
    assert actions == ["export_downloaded"]


def test_the_csv_is_streamed(client_request, world):
    client_request.sign_in_as("analyst")
    response = client_request.client.get("/staff/exports/comments.csv")
    assert response.is_streamed and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/staff/exports/people.csv", "/staff/exports/log.pdf", "/staff/exports/log",
                                  "/staff/exports/log.csv.csv", "/staff/exports/.csv"])
def test_an_unknown_export_or_format_is_not_found(client_request, path):
    client_request.sign_in_as("admin")
    client_request.get(path, expected_status=404)


@pytest.mark.parametrize("query, message", [
    ("/staff/exports/log.csv?rag=purple", "The RAG status must be one of"),
    ("/staff/exports/cases.xlsx?from=2026-13-01", "Enter the start date as a real date"),
    ("/staff/exports/results.csv", "Say which survey"),
    ("/staff/exports/results.csv?survey=abc", "The survey must be a number"),
])
def test_a_bad_filter_is_a_400_with_a_clear_message(client_request, query, message):
    client_request.sign_in_as("admin")
    assert message in main_text(client_request.get(query, expected_status=400))


def test_results_of_a_survey_that_does_not_exist(client_request):
    client_request.sign_in_as("admin")
    client_request.get("/staff/exports/results.csv?survey=999", expected_status=404)


def test_signed_out_people_are_sent_to_sign_in(client_request):
    client_request.get("/staff/exports/log.csv", expected_status=302, expected_redirect="/staff/login")


# --- Links on the pages ---------------------------------------------------------------------------------------------


def links(client_request, path: str) -> list[str]:
    """The download links on the page at ``path``, in order."""
    return [href for href in link_hrefs(client_request.get(path)) if "/staff/exports/" in href]


def test_pages_link_to_their_downloads_with_their_filters(client_request, world):
    ours, _, survey = world
    client_request.sign_in_as("admin")
    assert links(client_request, f"/staff/actions?partner={ours.id}&status=planned") == [
        f"/staff/exports/actions.csv?partner={ours.id}&status=planned",
        f"/staff/exports/actions.xlsx?partner={ours.id}&status=planned"]
    assert links(client_request, "/staff/cases?kind=complaint&page=2") == [
        "/staff/exports/cases.csv?kind=complaint", "/staff/exports/cases.xlsx?kind=complaint"]
    assert links(client_request, "/staff/themes?show=all") == [
        "/staff/exports/themes.csv?show=all", "/staff/exports/themes.xlsx?show=all",
        "/staff/exports/comments.csv", "/staff/exports/comments.xlsx"]
    assert links(client_request, f"/staff/surveys/{survey.id}/results?by=locality") == [
        f"/staff/exports/results.csv?survey={survey.id}&by=locality",
        f"/staff/exports/results.xlsx?survey={survey.id}&by=locality",
        f"/staff/exports/responses.csv?survey={survey.id}", f"/staff/exports/responses.xlsx?survey={survey.id}"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_every_export_is_written_after_the_request_has_closed_its_session(app, kind):
    """As in production: no test holds the app context open, so the body is written after the request committed
    and its session closed. Nothing written then may read a database object loaded during the request."""
    with app.app_context():
        _, _, survey = make_world()
        admin = make_user("admin")
        email, survey_id = admin.email, survey.id
    client = app.test_client()
    token = csrf_token_from(client.get("/staff/login").get_data(as_text=True))
    client.post("/staff/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    for name in MAY_DOWNLOAD:
        response = client.get(f"/staff/exports/{name}.{kind}?survey={survey_id}" if name in ("results", "responses")
                              else f"/staff/exports/{name}.{kind}")
        body = response.get_data()  # writes the whole streamed body
        assert response.status_code == 200 and body, name
        assert len(read(response, kind)) >= 1, name


def make_world():
    """Two partners, each with a response, a comment in a theme, an action and a case."""
    ours, theirs = make_partner("Ours"), make_partner("Theirs")
    survey = make_survey()
    for partner in (ours, theirs):
        add_responses(survey, 6, {"overall": "5"}, partner_id=partner.id)
        make_theme(f"Theme of {partner.name}", comments=[make_comment(f"From {partner.name}", partner=partner)])
        db.session.add(Action(title=f"Action of {partner.name}", partner=partner))
        make_case(partner, summary=f"Case of {partner.name}", received_on=date(2026, 3, 2))
    db.session.commit()
    return ours, theirs, survey
