"""The representation page: who may see and edit, the comparison, typing and uploading figures."""

import io

import pytest
from bs4 import BeautifulSoup

from surveys.models import BaselineFigure, Question, Response, Survey, SurveyVersion, db, utcnow
from surveys.services.report import baseline
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD, make_partner, make_user
from tests.html import check_page

READ = {"admin", "coproduction_lead", "analyst", "viewer", "pcf_rep"}
EDIT = {"admin", "coproduction_lead"}
ROLES = ("admin", "coproduction_lead", "pcf_rep", "analyst", "partner_lead", "complaints_officer",
         "safeguarding_lead", "viewer")


def sign_in(login, role):
    user = make_user(role, partner=make_partner() if role == "partner_lead" else None)
    login(user.email, PASSWORD)
    return user


def parsed(response, status=200) -> BeautifulSoup:
    assert response.status_code == status
    html = response.get_data(as_text=True)
    check_page(html)
    return BeautifulSoup(html, "html.parser")


def post_form(client, url, data, **kwargs):
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, login, app_context, role):
    sign_in(login, role)
    figure = baseline.save_figure(None, "locality", "North", "ehc_plan", 10)
    db.session.commit()
    assert client.get("/staff/representation").status_code == (200 if role in READ else 403)
    for url in ("/staff/representation/figures/new", "/staff/representation/upload"):
        assert client.get(url).status_code == (200 if role in EDIT else 403)
    token = csrf_token_from(client.get("/staff/").get_data(as_text=True))  # the sign-out form's token
    removed = client.post(f"/staff/representation/figures/{figure.id}/remove", data={"csrf_token": token})
    assert removed.status_code == (302 if role in EDIT else 403)


def test_signed_out_people_are_sent_to_sign_in(client, app_context):
    assert client.get("/staff/representation").status_code == 302


def test_the_page_shows_findings_and_tables(client, login, app_context):
    version = SurveyVersion(survey=Survey(slug="p", title="P", audience="parent_carer"), number=1,
                            questions=[Question(position=1, key="q", kind="free_text", prompt="Q")])
    db.session.add(version)
    for locality, number in (("North", 92), ("South", 8)):
        db.session.add_all(Response(version=version, status="submitted", submitted_at=utcnow(), locality=locality)
                           for _ in range(number))
    baseline.save_figure(None, "locality", "North", "ehc_plan", 79)
    baseline.save_figure(None, "locality", "South", "ehc_plan", 21)
    db.session.commit()
    sign_in(login, "analyst")
    page = parsed(client.get("/staff/representation?audience=parent_carer&period=all"))
    findings = [li.get_text(" ", strip=True) for li in page.select("#findings li")]
    assert findings == ["Families in the South locality are under-represented: 8% of responses against 21% of "
                        "children and young people with EHC plans.",
                        "Families in the North locality are over-represented: 92% of responses against 79% of "
                        "children and young people with EHC plans."]
    table = page.select_one("#locality + .app-table-scroll table")
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]
    assert rows[1][:3] == ["South", "8", "8%"] and rows[1][-1] == "Under-represented"
    assert page.select_one(".app-table-scroll")["tabindex"] == "0"
    assert not page.select("form[action*='remove']"), "analysts cannot remove figures"


def test_empty_page_says_there_is_nothing_to_compare_with(client, login, app_context):
    sign_in(login, "coproduction_lead")
    page = parsed(client.get("/staff/representation?audience=nonsense&support=x&period=y"))
    assert "There are no local figures yet" in page.get_text(" ", strip=True)


def test_typing_a_figure(client, login, app_context):
    sign_in(login, "coproduction_lead")
    response = post_form(client, "/staff/representation/figures/new",
                         {"dimension": "ethnicity", "category": "white", "support": "sen_support", "count": "1,200",
                          "as_of": ["15", "1", "2026"]})
    assert response.status_code == 302
    figure = db.session.scalar(db.select(BaselineFigure))
    assert (figure.category, figure.support, figure.count, figure.as_of.isoformat()) == \
        ("White", "sen_support", 1200, "2026-01-15")


def test_figure_form_errors(client, login, app_context):
    sign_in(login, "coproduction_lead")
    page = parsed(post_form(client, "/staff/representation/figures/new",
                            {"category": "", "count": "lots", "as_of": ["31", "2", "2026"]}))
    assert page.title.get_text().startswith("Error: ")
    summary = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert summary == ["Select a breakdown", "Enter the group", "Select EHC plan or SEN support",
                       "Number of children and young people must be a whole number, like 120",
                       "Date the figures are for must be a real date"]
    page = parsed(post_form(client, "/staff/representation/figures/new",
                            {"dimension": "sex", "category": "Unknown", "support": "ehc_plan", "count": "3"}))
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == \
        ["Sex must be one of: Female, Male"]
    assert db.session.scalar(db.select(db.func.count(BaselineFigure.id))) == 0


def upload(client, data: bytes, filename: str):
    url = "/staff/representation/upload"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, "file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def test_uploading_figures(client, login, app_context):
    sign_in(login, "admin")
    response = upload(client, b"dimension,category,support,count\nLocality,North,EHC plan,79\n", "figures.csv")
    assert response.status_code == 302
    assert [(f.category, f.count) for f in db.session.scalars(db.select(BaselineFigure))] == [("North", 79)]


def test_an_upload_with_bad_rows_lists_them(client, login, app_context):
    sign_in(login, "coproduction_lead")
    page = parsed(upload(client, b"dimension,category,support,count\nLocality,North,EHC plan,79\n"
                                 b"Locality,South,Maybe,3\n", "figures.csv"))
    result = page.select_one("#upload-result").get_text(" ", strip=True)
    assert "1 figure saved" in result and "Line 3: Support must be one of: EHC plan, SEN support" in result


@pytest.mark.parametrize(("data", "filename", "message"), [
    (None, None, "Select a CSV or XLSX file"),
    (b"a,b\n", "figures.txt", "The selected file must be a CSV or XLSX"),
    (b"category,count\nNorth,3\n", "figures.csv",
     "There is no column called ‘dimension’. The columns are: ‘category’, ‘count’"),
])
def test_upload_errors(client, login, app_context, data, filename, message):
    sign_in(login, "coproduction_lead")
    if data is None:
        url = "/staff/representation/upload"
        response = post_form(client, url, {}, content_type="multipart/form-data")
    else:
        response = upload(client, data, filename)
    page = parsed(response)
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [message]


def test_removing_a_figure(client, login, app_context):
    sign_in(login, "coproduction_lead")
    figure = baseline.save_figure(None, "locality", "North", "ehc_plan", 10)
    db.session.commit()
    token = csrf_token_from(client.get("/staff/representation").get_data(as_text=True))
    assert client.post(f"/staff/representation/figures/{figure.id}/remove",
                       data={"csrf_token": token}).status_code == 302
    assert db.session.scalar(db.select(db.func.count(BaselineFigure.id))) == 0
    assert client.post("/staff/representation/figures/999/remove", data={"csrf_token": token}).status_code == 404
