"""The representation page: who may see and edit, the comparison, typing and uploading figures."""

import io

import pytest

from surveys.models import BaselineFigure, Question, Response, Survey, SurveyVersion, db, utcnow
from surveys.services.report import baseline
from tests.factories import make_partner
from tests.html import error_messages, main_text, table_rows, text_of, title_text

READ = {"admin", "coproduction_lead", "analyst", "viewer", "pcf_rep"}
EDIT = {"admin", "coproduction_lead"}
ROLES = ("admin", "coproduction_lead", "pcf_rep", "analyst", "partner_lead", "complaints_officer",
         "safeguarding_lead", "viewer")
UPLOAD = "/staff/representation/upload"


def figure_count() -> int:
    return db.session.scalar(db.select(db.func.count(BaselineFigure.id)))


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client_request, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    figure = baseline.save_figure(None, "locality", "North", "ehc_plan", 10)
    db.session.commit()
    client_request.get("/staff/representation", expected_status=200 if role in READ else 403)
    for url in ("/staff/representation/figures/new", UPLOAD):
        client_request.get(url, expected_status=200 if role in EDIT else 403)
    client_request.post(f"/staff/representation/figures/{figure.id}/remove", form_url="/staff/",  # sign-out's token
                        expected_status=302 if role in EDIT else 403)


def test_signed_out_people_are_sent_to_sign_in(client_request):
    client_request.get("/staff/representation", expected_status=302, expected_redirect="/staff/login")


def test_the_page_shows_findings_and_tables(client_request):
    version = SurveyVersion(survey=Survey(slug="p", title="P", audience="parent_carer"), number=1,
                            questions=[Question(position=1, key="q", kind="free_text", prompt="Q")])
    db.session.add(version)
    for locality, number in (("North", 92), ("South", 8)):
        db.session.add_all(Response(version=version, status="submitted", submitted_at=utcnow(), locality=locality)
                           for _ in range(number))
    baseline.save_figure(None, "locality", "North", "ehc_plan", 79)
    baseline.save_figure(None, "locality", "South", "ehc_plan", 21)
    db.session.commit()
    client_request.sign_in_as("analyst")
    page = client_request.get("/staff/representation?audience=parent_carer&period=all")
    assert [text_of(li) for li in page.select("#findings li")] == [
        "Families in the South locality are under-represented: 8% of responses against 21% of "
        "children and young people with EHC plans.",
        "Families in the North locality are over-represented: 92% of responses against 79% of "
        "children and young people with EHC plans."]
    rows = table_rows(page, "#locality + .app-table-scroll table")
    assert rows[1][:3] == ["South", "8", "8%"] and rows[1][-1] == "Under-represented"
    assert page.select_one(".app-table-scroll")["tabindex"] == "0"
    assert not page.select("form[action*='remove']"), "analysts cannot remove figures"


def test_empty_page_says_there_is_nothing_to_compare_with(client_request):
    client_request.sign_in_as("coproduction_lead")
    page = client_request.get("/staff/representation?audience=nonsense&support=x&period=y")
    assert "There are no local figures yet" in main_text(page)


def test_typing_a_figure(client_request):
    client_request.sign_in_as("coproduction_lead")
    client_request.post("/staff/representation/figures/new",
                        {"dimension": "ethnicity", "category": "white", "support": "sen_support", "count": "1,200",
                         "as_of": ["15", "1", "2026"]})
    figure = db.session.scalar(db.select(BaselineFigure))
    assert (figure.category, figure.support, figure.count, figure.as_of.isoformat()) == \
        ("White", "sen_support", 1200, "2026-01-15")


def test_figure_form_errors(client_request):
    client_request.sign_in_as("coproduction_lead")
    page = client_request.post("/staff/representation/figures/new",
                               {"category": "", "count": "lots", "as_of": ["31", "2", "2026"]}, expected_status=200)
    assert title_text(page).startswith("Error: ")
    assert error_messages(page) == ["Select a breakdown", "Enter the group", "Select EHC plan or SEN support",
                                    "Number of children and young people must be a whole number, like 120",
                                    "Date the figures are for must be a real date"]
    page = client_request.post("/staff/representation/figures/new",
                               {"dimension": "sex", "category": "Unknown", "support": "ehc_plan", "count": "3"},
                               expected_status=200)
    assert error_messages(page) == ["Sex must be one of: Female, Male"]
    assert figure_count() == 0


def upload(client_request, data: bytes, filename: str, expected_status: int = 200):
    return client_request.post(UPLOAD, files={"file": (io.BytesIO(data), filename)}, expected_status=expected_status)


def test_uploading_figures(client_request):
    client_request.sign_in_as("admin")
    upload(client_request, b"dimension,category,support,count\nLocality,North,EHC plan,79\n", "figures.csv",
           expected_status=302)
    assert [(f.category, f.count) for f in db.session.scalars(db.select(BaselineFigure))] == [("North", 79)]


def test_an_upload_with_bad_rows_lists_them(client_request):
    client_request.sign_in_as("coproduction_lead")
    page = upload(client_request, b"dimension,category,support,count\nLocality,North,EHC plan,79\n"
                                  b"Locality,South,Maybe,3\n", "figures.csv")
    result = text_of(page.select_one("#upload-result"))
    assert "1 figure saved" in result and "Line 3: Support must be one of: EHC plan, SEN support" in result


@pytest.mark.parametrize(("data", "filename", "message"), [
    (b"", "", "Select a CSV or XLSX file"),  # no file chosen: a browser sends an empty part with no name
    (b"a,b\n", "figures.txt", "The selected file must be a CSV or XLSX"),
    (b"category,count\nNorth,3\n", "figures.csv",
     "There is no column called ‘dimension’. The columns are: ‘category’, ‘count’"),
])
def test_upload_errors(client_request, data, filename, message):
    client_request.sign_in_as("coproduction_lead")
    assert error_messages(upload(client_request, data, filename)) == [message]


def test_removing_a_figure(client_request):
    client_request.sign_in_as("coproduction_lead")
    figure = baseline.save_figure(None, "locality", "North", "ehc_plan", 10)
    db.session.commit()
    client_request.post(f"/staff/representation/figures/{figure.id}/remove", form_url="/staff/representation")
    assert figure_count() == 0
    client_request.post("/staff/representation/figures/999/remove", form_url="/staff/representation",
                        expected_status=404)
