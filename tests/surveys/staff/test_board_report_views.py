"""The board report, the annual report and the kept reports at /staff/reports: who may open them, what they show,
their PDFs and keeping a copy."""

import io

import pytest
from pypdf import PdfReader

from surveys.models import ROLES, BoardMeeting, Report, db
from surveys.services.platform.calendar import today
from surveys.services.report import kept
from tests.factories import make_partner
from tests.html import banner_text, h1_text, link_hrefs, main_text, text_of
from tests.surveys.services.report.reports_data import MEETING, PREVIOUS, board_data, two_publications

BOARD_READERS = {"admin", "coproduction_lead", "analyst", "viewer", "pcf_rep"}
ANNUAL_READERS = BOARD_READERS | {"partner_lead"}
KEEPERS = {"admin", "coproduction_lead", "analyst"}


def sign_in(client_request, role):
    return client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)


@pytest.fixture
def meeting(app_context):
    db.session.add(BoardMeeting(meets_on=today()))
    db.session.commit()


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("url, readers", [
    ("/staff/reports/board", BOARD_READERS), ("/staff/reports/board.pdf", BOARD_READERS),
    ("/staff/reports/annual", ANNUAL_READERS), ("/staff/reports/annual.pdf", ANNUAL_READERS),
    ("/staff/reports", ANNUAL_READERS),
])
def test_who_may_open_the_reports(client_request, meeting, role, url, readers):
    sign_in(client_request, role)
    expected = 200 if role in readers else 403
    if url.endswith(".pdf"):
        assert client_request.client.get(url).status_code == expected
    else:
        client_request.get(url, expected_status=expected)


@pytest.mark.parametrize("role", sorted(ROLES))
def test_who_may_keep_a_copy(client_request, meeting, role):
    sign_in(client_request, role)
    expected = 302 if role in KEEPERS else 403
    client_request.post("/staff/reports/board", expected_status=expected, form_url="/staff/")
    client_request.post("/staff/reports/annual", expected_status=expected, form_url="/staff/")


def test_signed_out_people_are_sent_to_sign_in(client_request):
    client_request.get("/staff/reports/board", expected_status=302, expected_redirect="/staff/login")


def test_the_board_report_page(client_request, app_context):
    board_data()
    client_request.sign_in_as("viewer")
    page = client_request.get(f"/staff/reports/board?meeting={MEETING.isoformat()}")
    assert h1_text(page) == "Board report for the meeting on 25 November 2026"
    headings = [text_of(h2) for h2 in page.select("h2")]
    assert headings[:5] == ["Summary", "Action and impact log", "Dashboard figures", "New and growing themes",
                            "Complaint timeliness"]
    red = page.select_one("table.app-log-table tbody tr")
    assert "Shorter waits for assessments" in text_of(red.th)
    assert text_of(red.select_one(".govuk-tag")) == "Red"
    rows = page.select("#themes ~ div table tbody tr")
    themes = {text_of(row.th): [text_of(td) for td in row.select("td")] for row in rows}
    assert themes["School transport"] == ["Growing", "8", "fewer than 5"]
    assert "/staff/reports/board.pdf?meeting=2026-11-25" in link_hrefs(page)
    assert page.select_one("main form[method=post]") is None  # viewers read; they do not keep copies


def test_another_meeting_and_an_unknown_date(client_request, app_context):
    board_data()
    client_request.sign_in_as("analyst")
    page = client_request.get(f"/staff/reports/board?meeting={PREVIOUS.isoformat()}")
    assert h1_text(page) == "Board report for the meeting on 20 October 2026"
    client_request.get("/staff/reports/board?meeting=2026-11-01", expected_status=404)
    client_request.get("/staff/reports/board?meeting=soon", expected_status=404)
    assert client_request.client.get("/staff/reports/board.pdf?meeting=2026-11-01").status_code == 404


def test_with_no_board_meetings_the_page_says_how_to_add_them(client_request):
    client_request.sign_in_as("admin")
    page = client_request.get("/staff/reports/board")
    assert "There is no board meeting date yet." in main_text(page)
    assert "/staff/settings" in link_hrefs(page)


def test_the_board_report_pdf(client_request, app_context):
    board_data()
    client_request.sign_in_as("coproduction_lead")
    response = client_request.client.get(f"/staff/reports/board.pdf?meeting={MEETING.isoformat()}")
    assert response.mimetype == "application/pdf"
    assert "board-report-2026-11-25.pdf" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert response.data.startswith(b"%PDF") and len(reader.pages) >= 1
    assert "Board report for the meeting on 25 November 2026" in " ".join(text.split())


def test_the_annual_report_page_and_pdf(client_request, app_context):
    two_publications()
    client_request.sign_in_as("partner_lead", make_partner())
    page = client_request.get("/staff/reports/annual?year=2026")
    assert h1_text(page) == "You said, we did: annual report 2026"
    assert [text_of(h3) for h3 in page.select(".app-report-theme h3")] == [
        "You said: Waiting for CAMHS", "You said: School transport"]
    assert "Latest update, 20 August 2026: Clinics open weekly." in main_text(page)
    response = client_request.client.get("/staff/reports/annual.pdf?year=2026")
    assert response.data.startswith(b"%PDF")
    client_request.get("/staff/reports/annual?year=twenty", expected_status=400)


def test_a_year_with_nothing_published(client_request):
    client_request.sign_in_as("viewer")
    page = client_request.get("/staff/reports/annual?year=2024")
    assert "Nothing was published in the “you said, we did” tracker in 2024" in main_text(page)


def test_keeping_a_copy_lists_it_with_its_downloads(client_request, app_context):
    board_data()
    user = client_request.sign_in_as("analyst")
    client_request.post(f"/staff/reports/board?meeting={MEETING.isoformat()}", expected_redirect="/staff/reports",
                        form_url=f"/staff/reports/board?meeting={MEETING.isoformat()}")
    report = db.session.scalar(db.select(Report))
    assert (report.kind, report.for_date, report.made_by_id) == ("board", MEETING, user.id)
    page = client_request.get("/staff/reports")
    assert "Board report for the meeting on 25 November 2026 kept" in banner_text(page)
    row = page.select_one("tbody tr")
    assert text_of(row.th) == "Board report, meeting on 25 November 2026"
    assert user.email in text_of(row)
    assert f"/staff/reports/{report.id}.pdf" in link_hrefs(page)
    kept_page = client_request.get(f"/staff/reports/{report.id}")
    assert h1_text(kept_page) == "Board report for the meeting on 25 November 2026"
    assert client_request.client.get(f"/staff/reports/{report.id}.pdf").data.startswith(b"%PDF")


def test_partner_leads_see_only_kept_annual_reports(client_request, app_context):
    board_data()
    two_publications()
    board = kept.keep_board_report(MEETING, today())
    annual = kept.keep_annual_report(2026)
    db.session.commit()
    client_request.sign_in_as("partner_lead", make_partner())
    page = client_request.get("/staff/reports")
    assert [text_of(row.th) for row in page.select("tbody tr")] == ["Annual report, 2026"]
    assert "Made automatically" in text_of(page.select_one("tbody tr"))
    client_request.get(f"/staff/reports/{board.id}", expected_status=404)
    assert client_request.client.get(f"/staff/reports/{board.id}.pdf").status_code == 404
    client_request.get(f"/staff/reports/{annual.id}")
