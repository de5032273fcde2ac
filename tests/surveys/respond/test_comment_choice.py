"""A comment from the public form that reads like a complaint gets the survey's gentle choice; nothing is
escalated without it, a choice is made once, and the session holds only the case's id."""

from datetime import date

import pytest
from sqlalchemy import func, select

from surveys.models import AuditEvent, Case, db
from surveys.respond.case_views import SENT_KEY
from surveys.services.capture.cases import deadlines
from tests.html import error_summary_links, h1_text, main_text, parse_page, text_of, title_text
from tests.surveys.respond.test_local_contacts import SENDIASS, set_contacts

ANGRY = "I want to make a complaint: the annual review was months late and nobody replied to my emails."
MILD = "Could the Local Offer website list the holiday clubs near us?"
MONDAY = date(2026, 3, 2)
CHOICE_FORM = "form[action='/respond/comment/choice']"


@pytest.fixture
def on_monday(monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: MONDAY)
    return MONDAY


def send(client_request, kind="comment", details=ANGRY, **extra):
    """Leave a comment through the public form; it leads to the page saying it was sent."""
    client_request.post("/respond/comment", {"kind": kind, "details": details, **extra},
                        expected_redirect="/respond/comment/sent")


def choose(client_request, choice, expected_status=200, **extra):
    """Answer the choice with the session's token (from the comment form); the page it leads to, if any."""
    return client_request.post("/respond/comment/choice", {"choice": choice, **extra}, expected_status=expected_status,
                               form_url="/respond/comment")


def the_case() -> Case:
    db.session.expire_all()
    return db.session.scalar(select(Case))


def audited(action: str) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == action))


def panel_title(page) -> str:
    return text_of(page.select_one(".govuk-panel__title"))


def test_a_complaint_like_comment_is_offered_the_choice_without_javascript(client_request, on_monday):
    send(client_request)
    form = client_request.get("/respond/comment/sent").select_one(CHOICE_FORM)
    assert form is not None and form["method"] == "post"
    assert {radio["value"] for radio in form.select("input[name=choice]")} == {
        "formal_complaint", "sendiass", "mediation", "keep_feedback"}
    assert "We will reply to you by 30 March 2026 (20 working days)" in text_of(form)
    assert form.select_one("input[name=contact_email]") is not None  # no contact details given yet
    assert the_case().kind == "comment"  # nothing escalated by being offered


@pytest.mark.parametrize(("kind", "details"), [("comment", MILD), ("complaint", ANGRY), ("compliment", MILD)])
def test_no_offer_otherwise(client_request, on_monday, kind, details):
    send(client_request, kind=kind, details=details)
    assert client_request.get("/respond/comment/sent").select_one(CHOICE_FORM) is None


def test_the_session_holds_only_the_case_id(client_request, on_monday):
    send(client_request)
    with client_request.client.session_transaction() as session:
        assert session[SENT_KEY] == the_case().id
        assert set(session) <= {SENT_KEY, "csrf_token"}


def test_formal_complaint_makes_it_a_stage_1_complaint_with_its_deadline(client_request, on_monday):
    send(client_request)
    result = choose(client_request, "formal_complaint", contact_email="parent@example.com")
    case = the_case()
    assert (case.kind, case.stage, case.due_on, case.complaint_choice) == (
        "complaint", "stage_1", date(2026, 3, 30), "formal_complaint")
    assert case.contact_email == "parent@example.com"
    assert panel_title(result) == "Complaint received"
    assert case.reference in text_of(result.select_one(".govuk-panel"))
    assert "30 March 2026" in main_text(result)
    assert audited("case_made_complaint") == 1
    assert panel_title(client_request.get("/respond/comment/sent")) == "Complaint sent"  # and no offer any more


@pytest.mark.parametrize(("choice", "heading"), [
    ("sendiass", "Get independent advice"), ("mediation", "Ask about mediation"),
    ("keep_feedback", "We have kept it as feedback"),
])
def test_other_choices_are_kept_and_escalate_nothing(client_request, on_monday, choice, heading):
    set_contacts(SENDIASS)
    send(client_request)
    result = choose(client_request, choice)
    assert h1_text(result) == heading
    if choice == "sendiass":
        assert "Northshire SENDIASS" in main_text(result)
    case = the_case()
    assert (case.kind, case.stage, case.complaint_choice) == ("comment", "informal", choice)
    assert audited("case_choice_recorded") == 1 and audited("case_made_complaint") == 0


def test_double_submit_does_nothing_twice(client_request, monkeypatch, on_monday):
    send(client_request)
    token = client_request.csrf_token("/respond/comment/sent")  # one page's token, sent twice
    first = client_request.client.post("/respond/comment/choice",
                                       data={"csrf_token": token, "choice": "formal_complaint"})
    monkeypatch.setattr(deadlines, "today", lambda: date(2026, 3, 9))
    again = client_request.client.post("/respond/comment/choice", data={"csrf_token": token, "choice": "keep_feedback"})
    assert first.status_code == again.status_code == 200
    assert panel_title(parse_page(again.get_data(as_text=True))) == "Complaint received"
    case = the_case()
    assert (case.complaint_choice, case.due_on) == ("formal_complaint", date(2026, 3, 30))
    assert audited("case_made_complaint") == 1 and audited("case_choice_recorded") == 0


def test_a_choice_is_required(client_request, on_monday):
    send(client_request)
    shown = choose(client_request, "", expected_status=400)
    assert title_text(shown).startswith("Error: ")
    assert error_summary_links(shown) == [("Select what you would like to do", "#choice")]
    assert the_case().complaint_choice is None


def test_an_unknown_choice_is_refused(client_request, on_monday):
    send(client_request)
    choose(client_request, "ombudsman", expected_status=400)
    assert the_case().kind == "comment" and the_case().complaint_choice is None


def test_no_case_in_the_session_goes_back_to_the_form(client_request, on_monday):
    send(client_request)
    with client_request.client.session_transaction() as session:
        del session[SENT_KEY]  # the session expired, or this browser never sent it
    choose(client_request, "formal_complaint", expected_status=302, expected_redirect="/respond/comment")
    client_request.get("/respond/comment/sent", expected_status=302, expected_redirect="/respond/comment")
    assert the_case().kind == "comment"


@pytest.mark.parametrize("value", [999, "1", None])
def test_a_wrong_case_id_in_the_session_does_nothing(client_request, on_monday, value):
    send(client_request)
    with client_request.client.session_transaction() as session:
        session[SENT_KEY] = value
    choose(client_request, "formal_complaint", expected_status=302, expected_redirect="/respond/comment")
    assert the_case().kind == "comment"


def test_a_case_that_was_not_offered_the_choice_cannot_take_it(client_request, on_monday):
    send(client_request, details=MILD)
    choose(client_request, "formal_complaint", expected_status=302, expected_redirect="/respond/comment/sent")
    assert the_case().kind == "comment" and the_case().complaint_choice is None


def test_without_a_session_cookie_nothing_is_done(client_request, on_monday):
    send(client_request)
    stranger = client_request.another_browser()
    response = stranger.client.post("/respond/comment/choice", data={"choice": "formal_complaint"})
    assert response.status_code in (302, 400) and the_case().kind == "comment"
