"""Staff case pages: list, filters, detail, logging, acknowledging, responding, stages, imports; roles, scoping."""

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from surveys.models import AuditEvent, Case, db
from surveys.services.capture.cases import deadlines, lifecycle, queries
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD, make_case, make_partner, make_user
from tests.html import check_page

TODAY = date(2026, 4, 2)  # the Thursday before Easter 2026
GENERIC = ("Thank you for contacting us. We are sorry to hear about your experience. We have shared your "
           "concerns with the team and reminded staff of the importance of good communication. We hope this "
           "resolves the matter.")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: TODAY)


@pytest.fixture
def officer(client, login, app_context):
    user = make_user("complaints_officer")
    login(user.email, PASSWORD)
    return user


def signed_in_as(login, role, partner=None):
    user = make_user(role, partner=partner)
    login(user.email, PASSWORD)
    return user


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status
    html = response.get_data(as_text=True)
    check_page(html)
    return html


def post_form(client, url, data, files=None):
    """Load the form page, then post it with its token, like a browser."""
    form = {"csrf_token": csrf_token_from(client.get(url).get_data(as_text=True)), **data}
    if files:
        return client.post(url, data={**form, **files}, content_type="multipart/form-data")
    return client.post(url, data=form)


def count_cases() -> int:
    return db.session.scalar(select(func.count(Case.id)))


# --- List and filters -----------------------------------------------------------------------------------


def test_list_flags_overdue_and_due_soon(client, officer):
    make_case(reference="YS-LATE01", due_on=date(2026, 4, 1))
    make_case(reference="YS-SOON01", due_on=date(2026, 4, 6))
    make_case(reference="YS-DONE01", due_on=date(2026, 3, 1), responded_on=date(2026, 3, 2))
    html = page(client, "/staff/cases")
    assert ">Overdue<" in html.replace("\n", "").replace(" ", "")
    assert "Due soon" in html and "Responded" in html
    assert html.index("YS-LATE01") < html.index("YS-SOON01") < html.index("YS-DONE01")  # most urgent first


@pytest.mark.parametrize(
    ("query", "shown"),
    [("status=overdue", {"YS-LATE01"}), ("status=due_soon", {"YS-SOON01"}), ("kind=compliment", {"YS-NICE01"}),
     ("stage=stage_2", {"YS-STG201"}), ("status=responded", set())],
)
def test_filters(client, officer, query, shown):
    make_case(reference="YS-LATE01", due_on=date(2026, 4, 1))
    make_case(reference="YS-SOON01", due_on=date(2026, 4, 6))
    make_case(reference="YS-NICE01", kind="compliment", stage="informal", due_on=date(2026, 5, 1))
    make_case(reference="YS-STG201", stage="stage_2", due_on=date(2026, 5, 1))
    html = page(client, f"/staff/cases?{query}")
    assert {ref for ref in ("YS-LATE01", "YS-SOON01", "YS-NICE01", "YS-STG201") if ref in html} == shown
    if not shown:
        assert "No cases match these filters" in html


def test_partner_filter_for_officers(client, officer):
    first, second = make_partner("First partner"), make_partner("Second partner")
    make_case(partner=first, reference="YS-FIRST1")
    make_case(partner=second, reference="YS-SECND1")
    make_case(reference="YS-NONE01")
    html = page(client, f"/staff/cases?partner={second.id}")
    assert "YS-SECND1" in html and "YS-FIRST1" not in html
    html = page(client, "/staff/cases?partner=none")
    assert "YS-NONE01" in html and "YS-SECND1" not in html


def test_tampered_filters_mean_all(client, officer):
    make_case(reference="YS-ANY001")
    assert "YS-ANY001" in page(client, "/staff/cases?kind=<script>&status=x&partner=abc&page=-3")


def test_partner_lead_has_no_partner_filter_and_cannot_use_one(client, login, app_context):
    ours, theirs = make_partner(), make_partner()
    make_case(partner=ours, reference="YS-OURS01")
    make_case(partner=theirs, reference="YS-THEIR1")
    signed_in_as(login, "partner_lead", ours)
    html = page(client, f"/staff/cases?partner={theirs.id}")
    assert 'name="partner"' not in html
    assert "YS-OURS01" in html and "YS-THEIR1" not in html
    assert "Log a case" not in html


def test_list_pages(client, officer, monkeypatch):
    for n in range(3):
        make_case(reference=f"YS-PAGE0{n}", due_on=date(2026, 5, n + 1))
    real = queries.find_cases
    monkeypatch.setattr(queries, "find_cases", lambda *a, **k: real(*a, **k | {"per_page": 2}))
    html = page(client, "/staff/cases?kind=complaint")
    assert "YS-PAGE00" in html and "YS-PAGE02" not in html
    assert "kind=complaint&amp;page=2" in html
    assert "YS-PAGE02" in page(client, "/staff/cases?kind=complaint&page=2")


# --- Detail --------------------------------------------------------------------------------------------------


def test_case_page_for_an_officer(client, officer):
    case = make_case(contact_name="Sam Jones", contact_email="sam@example.org")
    html = page(client, f"/staff/cases/{case.id}")
    assert "sam@example.org" in html and case.details in html
    assert "Write a response" in html and "Move to another stage" in html and "Record as acknowledged" in html


def test_viewer_reads_redacted_text_without_contact_details_or_actions(client, login, app_context):
    case = lifecycle.create_case("complaint", "Ring Sam on 07700 900982 please.", contact_email="sam@example.org",
                                    received_on=date(2026, 3, 2))
    signed_in_as(login, "viewer")
    html = page(client, f"/staff/cases/{case.id}")
    assert "07700 900982" not in html and "sam@example.org" not in html
    assert "Write a response" not in html and "Record as acknowledged" not in html and "Move to another" not in html


def test_similar_response_is_warned_about_on_the_case_page(client, officer):
    earlier = make_case(reference="YS-EARLY1", response_text=GENERIC, responded_on=date(2026, 3, 20))
    case = make_case(response_text="Dear Sam,\n\n" + GENERIC)
    html = page(client, f"/staff/cases/{case.id}")
    assert "the same wording as the response sent for case" in html
    assert f'href="/staff/cases/{earlier.id}">YS-EARLY1</a>' in html
    personal = make_case(response_text="I have asked Mrs Khan to hold the missed review on 14 April.")
    assert "the same wording" not in page(client, f"/staff/cases/{personal.id}")


# --- Roles and scoping ------------------------------------------------------------------------------------------

WRITE_URLS = ["/staff/cases/new", "/staff/cases/import", "/staff/cases/{id}/stage"]


@pytest.mark.parametrize("role", ["viewer", "coproduction_lead", "safeguarding_lead", "partner_lead"])
def test_readers_cannot_change_cases(client, login, app_context, role):
    partner = make_partner()
    case = make_case(partner=partner)
    signed_in_as(login, role, partner if role == "partner_lead" else None)
    for url in WRITE_URLS:
        assert client.get(url.format(id=case.id)).status_code == 403
    html = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    acknowledge = client.post(f"/staff/cases/{case.id}/acknowledge", data={"csrf_token": csrf_token_from(html)})
    assert acknowledge.status_code == 403
    assert db.session.get(Case, case.id).acknowledged_on is None


@pytest.mark.parametrize("role", ["viewer", "coproduction_lead", "safeguarding_lead"])
def test_only_officers_and_partner_leads_respond(client, login, app_context, role):
    case = make_case()
    signed_in_as(login, role)
    assert client.get(f"/staff/cases/{case.id}/response").status_code == 403


def test_analyst_has_no_access_to_cases(client, login, app_context):
    case = make_case()
    signed_in_as(login, "analyst")
    for url in ["/staff/cases", f"/staff/cases/{case.id}", f"/staff/cases/{case.id}/response", "/staff/cases/new"]:
        assert client.get(url).status_code == 403


def test_partner_lead_responds_to_their_own_case_but_gets_404_for_another(client, login, app_context):
    ours, theirs = make_partner(), make_partner()
    mine, other = make_case(partner=ours), make_case(partner=theirs)
    signed_in_as(login, "partner_lead", ours)
    response = post_form(client, f"/staff/cases/{mine.id}/response",
                         {"response_text": "We have booked the review for 14 April.", "save_draft": "y"})
    assert response.status_code == 302
    assert db.session.get(Case, mine.id).response_text == "We have booked the review for 14 April."
    assert client.get(f"/staff/cases/{other.id}/response").status_code == 404
    html = client.get(f"/staff/cases/{mine.id}").get_data(as_text=True)
    stolen = client.post(f"/staff/cases/{other.id}/response",
                         data={"csrf_token": csrf_token_from(html), "response_text": "x", "save_draft": "y"})
    assert stolen.status_code == 404
    assert db.session.get(Case, other.id).response_text == ""


def test_case_pages_need_sign_in(client, app_context):
    case = make_case()
    for url in [f"/staff/cases/{case.id}/response", "/staff/cases/new", "/staff/cases/import"]:
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


# --- Logging a case --------------------------------------------------------------------------------------------

NEW_CASE = {
    "kind": "complaint", "stage": "stage_1", "channel": "phone", "partner": "",
    "received_on": ["2", "4", "2026"], "summary": "Transport not arriving",
    "details": "The taxi to school has not come three times this month.",
    "contact_name": "Sam Jones", "contact_phone": "07700 900982",
}


def test_new_case_form_renders_gov_uk_date_boxes(client, officer):
    html = page(client, "/staff/cases/new")
    assert html.count('name="received_on"') == 3
    assert 'id="received_on" name="received_on" type="text" value="2"' in html  # today's date filled in
    assert 'id="received_on-month"' in html and 'id="received_on-year"' in html


def test_log_a_phoned_in_complaint(client, officer):
    partner = make_partner("Transport team")
    response = post_form(client, "/staff/cases/new", NEW_CASE | {"partner": str(partner.id)})
    assert response.status_code == 302
    case = db.session.scalar(select(Case))
    assert (case.channel, case.received_on, case.partner_id) == ("phone", date(2026, 4, 2), partner.id)
    assert case.due_on == date(2026, 5, 5) and case.acknowledged_on is None
    assert case.created_by_id == officer.id and case.contact_email is None
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "case_created"))
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Case {case.reference} saved. The response is due by 5 May 2026." in html


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
def test_received_date_problems(client, officer, date_boxes, message):
    response = post_form(client, "/staff/cases/new", NEW_CASE | {"received_on": date_boxes})
    html = response.get_data(as_text=True)
    check_page(html)
    assert message in html
    assert 'href="#received_on"' in html  # the error summary goes to the day box
    assert count_cases() == 0


def test_missing_date_field_altogether_is_a_clear_error(client, officer):
    data = {key: value for key, value in NEW_CASE.items() if key != "received_on"}
    assert "Enter the date it was received" in post_form(client, "/staff/cases/new", data).get_data(as_text=True)


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
def test_new_case_problems_are_explained_and_nothing_is_lost(client, officer, changes, message):
    response = post_form(client, "/staff/cases/new", NEW_CASE | changes)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and "<title>Error: " in html
    assert "Sam Jones" in html  # what was typed is still there
    assert count_cases() == 0


def test_bad_csrf_token_gives_a_clear_page_and_saves_nothing(client, officer):
    response = client.post("/staff/cases/new", data=NEW_CASE | {"csrf_token": "forged"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    check_page(html)
    assert "timed out" in html
    assert count_cases() == 0


# --- Acknowledge --------------------------------------------------------------------------------------------


def test_acknowledge(client, officer):
    case = make_case()
    html = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    response = client.post(f"/staff/cases/{case.id}/acknowledge", data={"csrf_token": csrf_token_from(html)})
    assert response.status_code == 302
    assert db.session.get(Case, case.id).acknowledged_on == TODAY
    assert "Record as acknowledged" not in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)


def test_acknowledge_without_token_changes_nothing(client, officer):
    case = make_case()
    assert client.post(f"/staff/cases/{case.id}/acknowledge").status_code == 400
    assert db.session.get(Case, case.id).acknowledged_on is None


# --- Responding ------------------------------------------------------------------------------------------------


def test_response_editor_starts_from_their_own_words(client, officer):
    case = make_case(contact_name="Sam Jones", details="The annual review was three months late.")
    html = page(client, f"/staff/cases/{case.id}/response")
    assert "Dear Sam Jones," in html
    assert "You told us that &#34;The annual review was three months late.&#34;" in html
    assert case.reference in html
    assert 'name="outcome"' in html


def test_compliment_response_has_no_outcome(client, officer):
    case = make_case(kind="compliment", stage="informal")
    assert 'name="outcome"' not in page(client, f"/staff/cases/{case.id}/response")
    response = post_form(client, f"/staff/cases/{case.id}/response",
                         {"response_text": "Thank you, we passed it on to Mrs Khan.", "send": "y",
                          "responded_on": ["2", "4", "2026"]})
    assert response.status_code == 302
    assert db.session.get(Case, case.id).responded_on == TODAY


def test_save_draft_ignores_the_date_sent(client, officer):
    case = make_case()
    response = post_form(client, f"/staff/cases/{case.id}/response",
                         {"response_text": "Draft", "save_draft": "y", "responded_on": ["99", "", ""]})
    assert response.status_code == 302
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
def test_recording_a_complaint_response_as_sent_needs_everything(client, officer, data, message):
    case = make_case()
    base = {"response_text": "We are sorry.", "outcome": "upheld", "responded_on": ["2", "4", "2026"], "send": "y"}
    html = post_form(client, f"/staff/cases/{case.id}/response", base | data).get_data(as_text=True)
    assert message in html
    assert db.session.get(Case, case.id).responded_on is None


def test_record_response_as_sent_then_warn_if_mostly_the_same_as_another(client, officer):
    make_case(reference="YS-EARLY1", response_text=GENERIC, responded_on=date(2026, 3, 20))
    case = make_case()
    response = post_form(client, f"/staff/cases/{case.id}/response",
                         {"response_text": "Dear Sam,\n" + GENERIC, "outcome": "not_upheld",
                          "responded_on": ["2", "4", "2026"], "send": "y"})
    assert response.status_code == 302
    saved = db.session.get(Case, case.id)
    assert (saved.outcome, saved.responded_on) == ("not_upheld", TODAY)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Response recorded as sent" in html
    assert "YS-EARLY1" in html and "the same wording" in html  # warned, but saved


# --- Stage ---------------------------------------------------------------------------------------------------


def test_move_stage_1_to_stage_2_recalculates_the_due_date(client, officer):
    case = make_case(stage="stage_1", responded_on=date(2026, 3, 20), outcome="not_upheld",
                     response_text="Stage 1 answer.")
    html = page(client, f"/staff/cases/{case.id}/stage")
    assert 'value="stage_1"' not in html
    response = post_form(client, f"/staff/cases/{case.id}/stage",
                         {"stage": "stage_2", "requested_on": ["2", "4", "2026"]})
    assert response.status_code == 302
    moved = db.session.get(Case, case.id)
    assert (moved.stage, moved.due_on, moved.responded_on) == ("stage_2", date(2026, 5, 12), None)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "moved to stage 2. The response is due by 12 May 2026" in html
    assert "Earlier response at stage 1" in html and "Stage 1 answer." in html


@pytest.mark.parametrize("stage", ["stage_1", "stage_9", ""])
def test_move_to_same_or_unknown_stage_is_refused(client, officer, stage):
    case = make_case(stage="stage_1")
    html = post_form(client, f"/staff/cases/{case.id}/stage",
                     {"stage": stage, "requested_on": ["2", "4", "2026"]}).get_data(as_text=True)
    assert "Select the new stage" in html
    assert db.session.get(Case, case.id).due_on == date(2026, 3, 30)


def test_partner_lead_guessing_another_partners_case_for_a_stage_move_gets_403_before_404(client, login, app_context):
    # Writing needs the role first: a partner lead never learns whether the id exists.
    case = make_case(partner=make_partner())
    signed_in_as(login, "partner_lead", make_partner())
    assert client.get(f"/staff/cases/{case.id}/stage").status_code == 403


# --- Import ---------------------------------------------------------------------------------------------------

MIXED_CSV = """kind,stage,received_on,decided_on,outcome,summary,details,partner
complaint,tribunal,2026-01-05,2026-02-20,upheld,Section F appeal,Tribunal ordered speech therapy,Council SEND team
complaint,tribunal,next tuesday,,,Bad date,,
complaint,LGSCO,05/01/2026,,,Ombudsman enquiry,Delay in issuing the plan,
complaint,mediation,2026-01-05,,,Unknown partner,,No Such Partner
"""


def upload(client, text: str | bytes, filename: str = "decisions.csv"):
    data = text.encode() if isinstance(text, str) else text
    return post_form(client, "/staff/cases/import", {}, files={"file": (io.BytesIO(data), filename)})


def test_import_page(client, officer):
    html = page(client, "/staff/cases/import")
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html


def test_import_mixed_rows_shows_each_bad_line_and_imports_the_good_ones(client, officer):
    make_partner("Council SEND team")
    response = upload(client, MIXED_CSV)
    assert response.status_code == 302
    html = page(client, response.headers["Location"])
    assert "2 cases imported" in html and "2 rows left out" in html
    assert ">3<" in html and "received_on &#39;next tuesday&#39; is not a date" in html
    assert ">5<" in html and "there is no partner called &#39;No Such Partner&#39;" in html
    assert count_cases() == 2


def test_import_result_is_private_to_the_importer(client, login, officer):
    response = upload(client, "stage,received_on,summary\ntribunal,2026-01-05,One\n")
    url = response.headers["Location"]
    client.post("/staff/logout", data={"csrf_token": csrf_token_from(client.get("/staff/").get_data(as_text=True))})
    signed_in_as(login, "complaints_officer")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"stage,received_on\n", "decisions.xlsx", "The selected file must be a CSV"),
        (b"name,date\nx,y\n", "decisions.csv", "There is no column called ‘stage’"),
        (b"", "decisions.csv", "The selected file is empty"),
    ],
)
def test_import_file_problems(client, officer, content, filename, message):
    response = upload(client, content, filename)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    check_page(html)
    assert message in html and "<title>Error: " in html
    assert count_cases() == 0


def test_import_without_a_file(client, officer):
    html = post_form(client, "/staff/cases/import", {}).get_data(as_text=True)
    assert "Select a CSV file" in html
