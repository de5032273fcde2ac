"""Staff case pages: list, filters, detail, logging, acknowledging, responding, stages, imports; roles, scoping."""

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from surveys.models import AuditEvent, Case, db
from surveys.services.capture.cases import deadlines, lifecycle, queries
from tests.factories import make_case, make_partner
from tests.html import (
    banner_text,
    error_summary_links,
    field_names,
    h1_text,
    link_hrefs,
    main_text,
    parse_page,
    table_rows,
    text_of,
    title_text,
)

TODAY = date(2026, 4, 2)  # the Thursday before Easter 2026
GENERIC = ("Thank you for contacting us. We are sorry to hear about your experience. We have shared your "
           "concerns with the team and reminded staff of the importance of good communication. We hope this "
           "resolves the matter.")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: TODAY)


@pytest.fixture
def officer(client_request):
    return client_request.sign_in_as("complaints_officer")


def listed(page) -> list[str]:
    """The case references in the list, in order."""
    return [text_of(row.select_one("td a")) for row in page.select("table tbody tr")]


def status_of(page, reference: str) -> str:
    """The status tag shown for a case in the list."""
    row = next(row for row in page.select("table tbody tr") if text_of(row.select_one("td a")) == reference)
    return text_of(row.select_one(".govuk-tag"))


def actions(page) -> set[str]:
    """What a person can do from a case page: its links' and buttons' words."""
    return {text_of(element) for element in page.select("main a, main button")}


def count_cases() -> int:
    return db.session.scalar(select(func.count(Case.id)))


# --- List and filters -----------------------------------------------------------------------------------------


def test_list_flags_overdue_and_due_soon(client_request, officer):
    make_case(reference="YS-LATE01", due_on=date(2026, 4, 1))
    make_case(reference="YS-SOON01", due_on=date(2026, 4, 6))
    make_case(reference="YS-DONE01", due_on=date(2026, 3, 1), responded_on=date(2026, 3, 2))
    page = client_request.get("/staff/cases")
    assert listed(page) == ["YS-LATE01", "YS-SOON01", "YS-DONE01"]  # most urgent first
    assert [status_of(page, ref) for ref in listed(page)] == ["Overdue", "Due soon", "Responded"]


@pytest.mark.parametrize(
    ("query", "shown"),
    [("status=overdue", ["YS-LATE01"]), ("status=due_soon", ["YS-SOON01"]), ("kind=compliment", ["YS-NICE01"]),
     ("stage=stage_2", ["YS-STG201"]), ("status=responded", [])],
)
def test_filters(client_request, officer, query, shown):
    make_case(reference="YS-LATE01", due_on=date(2026, 4, 1))
    make_case(reference="YS-SOON01", due_on=date(2026, 4, 6))
    make_case(reference="YS-NICE01", kind="compliment", stage="informal", due_on=date(2026, 5, 1))
    make_case(reference="YS-STG201", stage="stage_2", due_on=date(2026, 5, 1))
    page = client_request.get(f"/staff/cases?{query}")
    assert listed(page) == shown
    assert ("No cases match these filters." in main_text(page)) == (not shown)


def test_partner_filter_for_officers(client_request, officer):
    first, second = make_partner("First partner"), make_partner("Second partner")
    make_case(partner=first, reference="YS-FIRST1")
    make_case(partner=second, reference="YS-SECND1")
    make_case(reference="YS-NONE01")
    assert listed(client_request.get(f"/staff/cases?partner={second.id}")) == ["YS-SECND1"]
    assert listed(client_request.get("/staff/cases?partner=none")) == ["YS-NONE01"]


def test_tampered_filters_mean_all(client_request, officer):
    make_case(reference="YS-ANY001")
    assert listed(client_request.get("/staff/cases?kind=<script>&status=x&partner=abc&page=-3")) == ["YS-ANY001"]


def test_partner_lead_has_no_partner_filter_and_cannot_use_one(client_request):
    ours, theirs = make_partner(), make_partner()
    make_case(partner=ours, reference="YS-OURS01")
    make_case(partner=theirs, reference="YS-THEIR1")
    client_request.sign_in_as("partner_lead", ours)
    page = client_request.get(f"/staff/cases?partner={theirs.id}")
    assert "partner" not in field_names(page)
    assert listed(page) == ["YS-OURS01"]
    assert "/staff/cases/new" not in link_hrefs(page)


def test_list_pages(client_request, officer, monkeypatch):
    for n in range(3):
        make_case(reference=f"YS-PAGE0{n}", due_on=date(2026, 5, n + 1))
    real = queries.find_cases
    monkeypatch.setattr(queries, "find_cases", lambda *a, **k: real(*a, **k | {"per_page": 2}))
    page = client_request.get("/staff/cases?kind=complaint")
    assert listed(page) == ["YS-PAGE00", "YS-PAGE01"]
    [next_page] = [a["href"] for a in page.select(".govuk-pagination__next a")]
    assert "kind=complaint" in next_page and "page=2" in next_page
    assert listed(client_request.get(next_page)) == ["YS-PAGE02"]


# --- Detail --------------------------------------------------------------------------------------------------


def test_case_page_for_an_officer(client_request, officer):
    case = make_case(contact_name="Sam Jones", contact_email="sam@example.org")
    page = client_request.get(f"/staff/cases/{case.id}")
    assert h1_text(page) == f"Case {case.reference}"
    assert "sam@example.org" in main_text(page) and case.details in main_text(page)
    assert {"Write a response", "Move to another stage", "Record as acknowledged today"} <= actions(page)


def test_viewer_reads_redacted_text_without_contact_details_or_actions(client_request, run_outbox):
    case = lifecycle.create_case("complaint", "Ring Sam on 07700 900982 please.", contact_email="sam@example.org",
                                    received_on=date(2026, 3, 2))
    db.session.commit()
    client_request.sign_in_as("viewer")
    page = client_request.get(f"/staff/cases/{case.id}")
    assert "being checked for names and personal details" in main_text(page), "not analysed yet: no words at all"
    assert "Ring" not in main_text(page) and "07700 900982" not in str(page)
    run_outbox()
    page = client_request.get(f"/staff/cases/{case.id}")
    assert "Ring" in main_text(page) and "being checked" not in main_text(page)
    assert "07700 900982" not in str(page) and "sam@example.org" not in str(page)
    assert not {"Write a response", "Record as acknowledged today", "Move to another stage"} & actions(page)


def test_similar_response_is_warned_about_on_the_case_page(client_request, officer):
    earlier = make_case(reference="YS-EARLY1", response_text=GENERIC, responded_on=date(2026, 3, 20))
    case = make_case(response_text="Dear Sam,\n\n" + GENERIC)
    warning = client_request.get(f"/staff/cases/{case.id}").select_one(".govuk-warning-text")
    assert "the same wording as the response sent for case YS-EARLY1" in text_of(warning)
    assert link_hrefs(warning, "YS-EARLY1") == [f"/staff/cases/{earlier.id}"]
    personal = make_case(response_text="I have asked Mrs Khan to hold the missed review on 14 April.")
    assert client_request.get(f"/staff/cases/{personal.id}").select(".govuk-warning-text") == []


# --- Roles and scoping ------------------------------------------------------------------------------------------

WRITE_URLS = ["/staff/cases/new", "/staff/cases/import", "/staff/cases/{id}/stage"]


@pytest.mark.parametrize("role", ["viewer", "coproduction_lead", "safeguarding_lead", "partner_lead"])
def test_readers_cannot_change_cases(client_request, role):
    partner = make_partner()
    case = make_case(partner=partner)
    client_request.sign_in_as(role, partner if role == "partner_lead" else None)
    for url in WRITE_URLS:
        client_request.get(url.format(id=case.id), expected_status=403)
    client_request.post(f"/staff/cases/{case.id}/acknowledge", expected_status=403,
                        form_url=f"/staff/cases/{case.id}")
    assert db.session.get(Case, case.id).acknowledged_on is None


@pytest.mark.parametrize("role", ["viewer", "coproduction_lead", "safeguarding_lead"])
def test_only_officers_and_partner_leads_respond(client_request, role):
    case = make_case()
    client_request.sign_in_as(role)
    client_request.get(f"/staff/cases/{case.id}/response", expected_status=403)


def test_analyst_has_no_access_to_cases(client_request):
    case = make_case()
    client_request.sign_in_as("analyst")
    for url in ["/staff/cases", f"/staff/cases/{case.id}", f"/staff/cases/{case.id}/response", "/staff/cases/new"]:
        client_request.get(url, expected_status=403)


def test_partner_lead_responds_to_their_own_case_but_gets_404_for_another(client_request):
    ours, theirs = make_partner(), make_partner()
    mine, other = make_case(partner=ours), make_case(partner=theirs)
    client_request.sign_in_as("partner_lead", ours)
    client_request.post(f"/staff/cases/{mine.id}/response",
                        {"response_text": "We have booked the review for 14 April.", "save_draft": "y"})
    assert db.session.get(Case, mine.id).response_text == "We have booked the review for 14 April."
    client_request.get(f"/staff/cases/{other.id}/response", expected_status=404)
    client_request.post(f"/staff/cases/{other.id}/response", {"response_text": "x", "save_draft": "y"},
                        expected_status=404, form_url=f"/staff/cases/{mine.id}")
    assert db.session.get(Case, other.id).response_text == ""


def test_case_pages_need_sign_in(client_request):
    case = make_case()
    for url in [f"/staff/cases/{case.id}/response", "/staff/cases/new", "/staff/cases/import"]:
        client_request.get(url, expected_status=302, expected_redirect="/staff/login")


# --- Logging a case --------------------------------------------------------------------------------------------

NEW_CASE = {
    "kind": "complaint", "stage": "stage_1", "channel": "phone", "partner": "",
    "received_on": ["2", "4", "2026"], "summary": "Transport not arriving",
    "details": "The taxi to school has not come three times this month.",
    "contact_name": "Sam Jones", "contact_phone": "07700 900982",
}


def test_new_case_form_renders_gov_uk_date_boxes(client_request, officer):
    page = client_request.get("/staff/cases/new")
    boxes = page.select('input[name="received_on"]')
    assert [box["id"] for box in boxes] == ["received_on", "received_on-month", "received_on-year"]
    assert [box["value"] for box in boxes] == ["2", "4", "2026"]  # today's date filled in


def test_log_a_phoned_in_complaint(client_request, officer):
    partner = make_partner("Transport team")
    page = client_request.post("/staff/cases/new", NEW_CASE | {"partner": str(partner.id)}, follow=True)
    case = db.session.scalar(select(Case))
    assert (case.channel, case.received_on, case.partner_id) == ("phone", date(2026, 4, 2), partner.id)
    assert case.due_on == date(2026, 5, 5) and case.acknowledged_on is None
    assert case.created_by_id == officer.id and case.contact_email is None
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "case_created"))
    assert h1_text(page) == f"Case {case.reference}"
    assert f"Case {case.reference} saved. The response is due by 5 May 2026." in banner_text(page)


@pytest.mark.parametrize(
    ("date_boxes", "message"),
    [
        (["", "", ""], "Enter the date it was received"),
        (["2", "", "2026"], "Date received must include a month"),
        (["", "", "2026"], "Date received must include a day and a month"),
        (["31", "2", "2026"], "Date received must be a real date"),
        (["2", "4", "26"], "Date received must be a real date"),
        (["2", "April", "2026"], "Date received must be a real date"),
        (["3", "4", "2026"], "Date received must be today or in the past"),
        (["2"], "Date received must include a month and a year"),
    ],
)
def test_received_date_problems(client_request, officer, date_boxes, message):
    page = client_request.post("/staff/cases/new", NEW_CASE | {"received_on": date_boxes}, expected_status=200)
    assert error_summary_links(page) == [(message, "#received_on")]  # the error summary goes to the day box
    assert count_cases() == 0


def test_missing_date_field_altogether_is_a_clear_error(client_request, officer):
    data = {key: value for key, value in NEW_CASE.items() if key != "received_on"}
    page = client_request.post("/staff/cases/new", data, expected_status=200)
    assert error_summary_links(page) == [("Enter the date it was received", "#received_on")]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "grumble"}, "Select whether this is a comment, compliment or complaint"),
        ({"stage": "stage_9"}, "Select the stage"),
        ({"channel": "pigeon"}, "Select how it was received"),
        ({"partner": "99999"}, "Select a partner from the list"),
        ({"summary": ""}, "Enter a summary"),
        ({"summary": "x" * 201}, "Summary must be 200 characters or fewer"),
        ({"details": ""}, "Enter what they told us"),
        ({"details": "x" * 20001}, "Details must be 20,000 characters or fewer"),
        ({"contact_email": "sam@"}, "Enter an email address in the correct format, like name@example.com"),
    ],
)
def test_new_case_problems_are_explained_and_nothing_is_lost(client_request, officer, changes, message):
    page = client_request.post("/staff/cases/new", NEW_CASE | changes, expected_status=200)
    assert message in [text for text, _ in error_summary_links(page)]
    assert title_text(page).startswith("Error: ")
    assert page.select_one('input[name="contact_name"]')["value"] == "Sam Jones"  # what was typed is still there
    assert count_cases() == 0


def test_bad_csrf_token_gives_a_clear_page_and_saves_nothing(client_request, officer):
    response = client_request.client.post("/staff/cases/new", data=NEW_CASE | {"csrf_token": "forged"})
    assert response.status_code == 400
    assert "timed out" in main_text(parse_page(response.get_data(as_text=True)))
    assert count_cases() == 0


# --- Acknowledge --------------------------------------------------------------------------------------------


def test_acknowledge(client_request, officer):
    case = make_case()
    url = f"/staff/cases/{case.id}"
    assert "Record as acknowledged today" in actions(client_request.get(url))
    client_request.post(f"{url}/acknowledge", form_url=url, expected_redirect=url)
    assert db.session.get(Case, case.id).acknowledged_on == TODAY
    assert "Record as acknowledged today" not in actions(client_request.get(url))


def test_acknowledge_without_token_changes_nothing(client_request, officer):
    case = make_case()
    assert client_request.client.post(f"/staff/cases/{case.id}/acknowledge").status_code == 400
    assert db.session.get(Case, case.id).acknowledged_on is None


# --- Responding ------------------------------------------------------------------------------------------------


def test_response_editor_starts_from_their_own_words(client_request, officer):
    case = make_case(contact_name="Sam Jones", details="The annual review was three months late.")
    page = client_request.get(f"/staff/cases/{case.id}/response")
    draft = page.select_one('textarea[name="response_text"]').get_text()
    assert draft.startswith("Dear Sam Jones,")
    assert 'You told us that "The annual review was three months late."' in draft
    assert case.reference in main_text(page)
    assert "outcome" in field_names(page)


def test_compliment_response_has_no_outcome(client_request, officer):
    case = make_case(kind="compliment", stage="informal")
    assert "outcome" not in field_names(client_request.get(f"/staff/cases/{case.id}/response"))
    client_request.post(f"/staff/cases/{case.id}/response",
                        {"response_text": "Thank you, we passed it on to Mrs Khan.", "send": "y",
                         "responded_on": ["2", "4", "2026"]})
    assert db.session.get(Case, case.id).responded_on == TODAY


def test_save_draft_ignores_the_date_sent(client_request, officer):
    case = make_case()
    client_request.post(f"/staff/cases/{case.id}/response",
                        {"response_text": "Draft", "save_draft": "y", "responded_on": ["99", "", ""]})
    saved = db.session.get(Case, case.id)
    assert (saved.response_text, saved.responded_on) == ("Draft", None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"response_text": ""}, "Enter the response"),
        ({"outcome": ""}, "Select the outcome of the complaint"),
        ({"outcome": "sort_of"}, "Select the outcome of the complaint"),
        ({"responded_on": ["", "", ""]}, "Enter the date the response was sent"),
        ({"responded_on": ["1", "3", "2026"]}, "Date sent must be on or after the date received, 2 March 2026"),
        ({"responded_on": ["9", "4", "2026"]}, "Date sent must be today or in the past"),
        ({"response_text": "x" * 20001}, "Response must be 20,000 characters or fewer"),
    ],
)
def test_recording_a_complaint_response_as_sent_needs_everything(client_request, officer, data, message):
    case = make_case()
    base = {"response_text": "We are sorry.", "outcome": "upheld", "responded_on": ["2", "4", "2026"], "send": "y"}
    page = client_request.post(f"/staff/cases/{case.id}/response", base | data, expected_status=200)
    assert message in [text for text, _ in error_summary_links(page)]
    assert db.session.get(Case, case.id).responded_on is None


def test_record_response_as_sent_then_warn_if_mostly_the_same_as_another(client_request, officer):
    make_case(reference="YS-EARLY1", response_text=GENERIC, responded_on=date(2026, 3, 20))
    case = make_case()
    page = client_request.post(f"/staff/cases/{case.id}/response",
                               {"response_text": "Dear Sam,\n" + GENERIC, "outcome": "not_upheld",
                                "responded_on": ["2", "4", "2026"], "send": "y"}, follow=True)
    saved = db.session.get(Case, case.id)
    assert (saved.outcome, saved.responded_on) == ("not_upheld", TODAY)
    assert "Response recorded as sent" in banner_text(page)
    warning = text_of(page.select_one(".govuk-warning-text"))
    assert "the same wording as the response sent for case YS-EARLY1" in warning  # warned, but saved


# --- Stage ---------------------------------------------------------------------------------------------------


def test_move_stage_1_to_stage_2_recalculates_the_due_date(client_request, officer):
    case = make_case(stage="stage_1", responded_on=date(2026, 3, 20), outcome="not_upheld",
                     response_text="Stage 1 answer.")
    page = client_request.get(f"/staff/cases/{case.id}/stage")
    stages = [choice["value"] for choice in page.select('input[name="stage"]')]
    assert stages and "stage_1" not in stages
    page = client_request.post(f"/staff/cases/{case.id}/stage", {"stage": "stage_2",
                                                                 "requested_on": ["2", "4", "2026"]}, follow=True)
    moved = db.session.get(Case, case.id)
    assert (moved.stage, moved.due_on, moved.responded_on) == ("stage_2", date(2026, 5, 12), None)
    assert "moved to stage 2. The response is due by 12 May 2026" in banner_text(page)
    earlier = next(h2 for h2 in page.select("main h2") if text_of(h2) == "Earlier response at stage 1")
    sent, answer = earlier.find_next_siblings("p", limit=2)
    assert (text_of(sent), text_of(answer)) == ("Sent 20 March 2026. Outcome: not upheld.", "Stage 1 answer.")


@pytest.mark.parametrize("stage", ["stage_1", "stage_9", ""])
def test_move_to_same_or_unknown_stage_is_refused(client_request, officer, stage):
    case = make_case(stage="stage_1")
    page = client_request.post(f"/staff/cases/{case.id}/stage", {"stage": stage, "requested_on": ["2", "4", "2026"]},
                               expected_status=200)
    assert "Select the new stage" in [text for text, _ in error_summary_links(page)]
    assert db.session.get(Case, case.id).due_on == date(2026, 3, 30)


def test_partner_lead_guessing_another_partners_case_for_a_stage_move_gets_403_before_404(client_request):
    # Writing needs the role first: a partner lead never learns whether the id exists.
    case = make_case(partner=make_partner())
    client_request.sign_in_as("partner_lead", make_partner())
    client_request.get(f"/staff/cases/{case.id}/stage", expected_status=403)


# --- Import ---------------------------------------------------------------------------------------------------

MIXED_CSV = """kind,stage,received_on,decided_on,outcome,summary,details,partner
complaint,tribunal,2026-01-05,2026-02-20,upheld,Section F appeal,Tribunal ordered speech therapy,Council SEND team
complaint,tribunal,next tuesday,,,Bad date,,
complaint,LGSCO,05/01/2026,,,Ombudsman enquiry,Delay in issuing the plan,
complaint,mediation,2026-01-05,,,Unknown partner,,No Such Partner
"""


def upload(client_request, text: str | bytes, filename: str = "decisions.csv", **expected):
    data = text.encode() if isinstance(text, str) else text
    return client_request.post("/staff/cases/import", files={"file": (io.BytesIO(data), filename)}, **expected)


def test_import_page(client_request, officer):
    form = client_request.get("/staff/cases/import").select_one("main form")
    assert form["enctype"] == "multipart/form-data"
    assert form.select('input[type="file"]')


def test_import_mixed_rows_shows_each_bad_line_and_imports_the_good_ones(client_request, officer):
    make_partner("Council SEND team")
    page = upload(client_request, MIXED_CSV, follow=True)
    assert "2 cases imported, 2 rows left out" in main_text(page)
    rows = table_rows(page)
    assert [line for line, _ in rows] == ["3", "5"]
    assert rows[0][1].startswith("received_on 'next tuesday' is not a date")
    assert rows[1][1].startswith("there is no partner called 'No Such Partner'")
    assert count_cases() == 2


def test_import_result_is_private_to_the_importer(client_request, officer):
    upload(client_request, "stage,received_on,summary\ntribunal,2026-01-05,One\n")
    url = client_request.response.headers["Location"]
    client_request.sign_out()
    client_request.sign_in_as("complaints_officer")
    client_request.get(url, expected_status=404)


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"stage,received_on\n", "decisions.xlsx", "The selected file must be a CSV"),
        (b"name,date\nx,y\n", "decisions.csv", "There is no column called ‘stage’"),
        (b"", "decisions.csv", "The selected file is empty"),
    ],
)
def test_import_file_problems(client_request, officer, content, filename, message):
    page = upload(client_request, content, filename, expected_status=200)
    [summary] = [text for text, _ in error_summary_links(page)]
    assert message in summary
    assert title_text(page).startswith("Error: ")
    assert count_cases() == 0


def test_import_without_a_file(client_request, officer):
    page = client_request.post("/staff/cases/import", {}, expected_status=200)
    assert [text for text, _ in error_summary_links(page)] == ["Select a CSV file"]
