"""A comment from the public form that reads like a complaint gets the survey's gentle choice; nothing is
escalated without it, a choice is made once, and the session holds only the case's id."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from surveys.models import AuditEvent, Case, db
from surveys.respond.case_views import SENT_KEY
from surveys.services.capture.cases import deadlines
from tests.conftest import csrf_token_from
from tests.html import check_page
from tests.surveys.respond.test_local_contacts import SENDIASS, set_contacts

ANGRY = "I want to make a complaint: the annual review was months late and nobody replied to my emails."
MILD = "Could the Local Offer website list the holiday clubs near us?"
MONDAY = date(2026, 3, 2)


@pytest.fixture
def on_monday(monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: MONDAY)
    return MONDAY


def send(client, kind="comment", details=ANGRY, **extra):
    token = csrf_token_from(client.get("/respond/comment").get_data(as_text=True))
    return client.post("/respond/comment", data={"csrf_token": token, "kind": kind, "details": details, **extra})


def page(response) -> BeautifulSoup:
    html = response.get_data(as_text=True)
    check_page(html)
    return BeautifulSoup(html, "html.parser")


def choose(client, choice, **extra):
    token = csrf_token_from(client.get("/respond/comment").get_data(as_text=True))  # the session's token
    return client.post("/respond/comment/choice", data={"csrf_token": token, "choice": choice, **extra})


def the_case() -> Case:
    db.session.expire_all()
    return db.session.scalar(select(Case))


def audited(action: str) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == action))


def test_a_complaint_like_comment_is_offered_the_choice_without_javascript(client, app_context, on_monday):
    send(client)
    sent = page(client.get("/respond/comment/sent"))
    form = sent.select_one("form[action='/respond/comment/choice']")
    assert form is not None and form["method"] == "post"
    assert {radio["value"] for radio in form.select("input[name=choice]")} == {
        "formal_complaint", "sendiass", "mediation", "keep_feedback"}
    assert "We will reply to you by 30 March 2026 (20 working days)" in form.get_text()
    assert form.select_one("input[name=contact_email]") is not None  # no contact details given yet
    assert the_case().kind == "comment"  # nothing escalated by being offered


@pytest.mark.parametrize(("kind", "details"), [("comment", MILD), ("complaint", ANGRY), ("compliment", MILD)])
def test_no_offer_otherwise(client, app_context, on_monday, kind, details):
    send(client, kind=kind, details=details)
    assert page(client.get("/respond/comment/sent")).select_one("form[action='/respond/comment/choice']") is None


def test_the_session_holds_only_the_case_id(client, app_context, on_monday):
    send(client)
    with client.session_transaction() as session:
        assert session[SENT_KEY] == the_case().id
        assert set(session) <= {SENT_KEY, "csrf_token"}


def test_formal_complaint_makes_it_a_stage_1_complaint_with_its_deadline(client, app_context, on_monday):
    send(client)
    result = page(choose(client, "formal_complaint", contact_email="parent@example.com"))
    case = the_case()
    assert (case.kind, case.stage, case.due_on, case.complaint_choice) == (
        "complaint", "stage_1", date(2026, 3, 30), "formal_complaint")
    assert case.contact_email == "parent@example.com"
    assert result.select_one(".govuk-panel__title").get_text(strip=True) == "Complaint received"
    assert case.reference in result.select_one(".govuk-panel").get_text()
    assert "30 March 2026" in result.select_one("main").get_text()
    assert audited("case_made_complaint") == 1
    assert page(client.get("/respond/comment/sent")).select_one(".govuk-panel__title").get_text(strip=True) == (
        "Complaint sent")  # and no offer any more


@pytest.mark.parametrize(("choice", "heading"), [
    ("sendiass", "Get independent advice"), ("mediation", "Ask about mediation"),
    ("keep_feedback", "We have kept it as feedback"),
])
def test_other_choices_are_kept_and_escalate_nothing(client, app_context, on_monday, choice, heading):
    set_contacts(SENDIASS)
    send(client)
    result = page(choose(client, choice))
    assert result.select_one("h1").get_text(strip=True) == heading
    if choice == "sendiass":
        assert "Northshire SENDIASS" in result.select_one("main").get_text()
    case = the_case()
    assert (case.kind, case.stage, case.complaint_choice) == ("comment", "informal", choice)
    assert audited("case_choice_recorded") == 1 and audited("case_made_complaint") == 0


def test_double_submit_does_nothing_twice(client, app_context, monkeypatch, on_monday):
    send(client)
    token = csrf_token_from(client.get("/respond/comment/sent").get_data(as_text=True))
    first = client.post("/respond/comment/choice", data={"csrf_token": token, "choice": "formal_complaint"})
    monkeypatch.setattr(deadlines, "today", lambda: date(2026, 3, 9))
    again = client.post("/respond/comment/choice", data={"csrf_token": token, "choice": "keep_feedback"})
    assert first.status_code == again.status_code == 200
    assert page(again).select_one(".govuk-panel__title").get_text(strip=True) == "Complaint received"
    case = the_case()
    assert (case.complaint_choice, case.due_on) == ("formal_complaint", date(2026, 3, 30))
    assert audited("case_made_complaint") == 1 and audited("case_choice_recorded") == 0


def test_a_choice_is_required(client, app_context, on_monday):
    send(client)
    response = choose(client, "")
    assert response.status_code == 400
    shown = page(response)
    assert shown.title.get_text().startswith("Error: ")
    assert shown.select_one(".govuk-error-summary a[href='#choice']").get_text() == "Select what you would like to do"
    assert the_case().complaint_choice is None


def test_an_unknown_choice_is_refused(client, app_context, on_monday):
    send(client)
    assert choose(client, "ombudsman").status_code == 400
    assert the_case().kind == "comment" and the_case().complaint_choice is None


def test_no_case_in_the_session_goes_back_to_the_form(client, app_context, on_monday):
    send(client)
    token = csrf_token_from(client.get("/respond/comment/sent").get_data(as_text=True))
    with client.session_transaction() as session:
        del session[SENT_KEY]  # the session expired, or this browser never sent it
    response = client.post("/respond/comment/choice", data={"csrf_token": token, "choice": "formal_complaint"})
    assert response.status_code == 302 and response.location.endswith("/respond/comment")
    assert client.get("/respond/comment/sent").location.endswith("/respond/comment")
    assert the_case().kind == "comment"


@pytest.mark.parametrize("value", [999, "1", None])
def test_a_wrong_case_id_in_the_session_does_nothing(client, app_context, on_monday, value):
    send(client)
    token = csrf_token_from(client.get("/respond/comment/sent").get_data(as_text=True))
    with client.session_transaction() as session:
        session[SENT_KEY] = value
    response = client.post("/respond/comment/choice", data={"csrf_token": token, "choice": "formal_complaint"})
    assert response.status_code == 302 and the_case().kind == "comment"


def test_a_case_that_was_not_offered_the_choice_cannot_take_it(client, app_context, on_monday):
    send(client, details=MILD)
    response = choose(client, "formal_complaint")
    assert response.status_code == 302 and response.location.endswith("/respond/comment/sent")
    assert the_case().kind == "comment" and the_case().complaint_choice is None


def test_without_a_session_cookie_nothing_is_done(app, app_context, client, on_monday):
    send(client)
    stranger = app.test_client()
    response = stranger.post("/respond/comment/choice", data={"choice": "formal_complaint"})
    assert response.status_code in (302, 400) and the_case().kind == "comment"
