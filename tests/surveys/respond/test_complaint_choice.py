"""Feedback that reads like a complaint gets a choice; nothing is escalated without it."""

import pytest
from sqlalchemy import select

from surveys.models import Case, Comment, Response, db
from surveys.services.capture import escalation
from tests.html import main_text, text_of
from tests.surveys.respond.helpers import answer_parent_survey, submit

ANGRY = "I want to make a formal complaint. Nobody replied to my emails for months and it is unacceptable."
OFFER = "It sounds like something went wrong"


def choose(client_request, choice, expected_status=200, **extra):
    """Answer the complaint choice on the done page; the page it leads to."""
    return client_request.post("/respond/survey/choice", {"choice": choice, **extra}, expected_status=expected_status,
                               form_url="/respond/survey/done")


def headings(page) -> list[str]:
    return [text_of(heading) for heading in page.select("main h2")]


def test_no_choice_for_ordinary_feedback(client_request, parent_survey):
    answer_parent_survey(client_request, better="More evening appointments would help.")
    submit(client_request)
    done = client_request.get("/respond/survey/done")
    assert "Your answers have been sent" in main_text(done)
    assert OFFER not in headings(done)


def test_formal_complaint_when_chosen(client_request, parent_survey):
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)
    done = client_request.get("/respond/survey/done")
    assert OFFER in headings(done)
    assert "working days" in text_of(done.select_one('form[action="/respond/survey/choice"]'))
    assert db.session.scalar(select(Case)) is None  # nothing escalated yet
    page = choose(client_request, "formal_complaint", contact_email="parent@example.com")
    [case] = db.session.scalars(select(Case)).all()
    assert case.reference in text_of(page.select_one(".govuk-panel"))
    assert case.kind == "complaint" and case.stage == "stage_1"
    assert case.due_on is not None and case.contact_email == "parent@example.com"
    assert ANGRY in case.details
    [response] = db.session.scalars(select(Response)).all()
    assert response.complaint_choice == "formal_complaint" and case.response_id == response.id
    # The words are already comments from the survey: the case does not add them twice.
    assert [c.source for c in db.session.scalars(select(Comment))] == ["survey", "survey"]
    # Choosing again (a double click, the back button) with the token from the done page does nothing more.
    token = done.select_one('form[action="/respond/survey/choice"] input[name="csrf_token"]')["value"]
    again = client_request.client.post("/respond/survey/choice", data={"csrf_token": token,
                                                                       "choice": "formal_complaint"})
    assert again.status_code == 302
    assert len(db.session.scalars(select(Case)).all()) == 1


def test_keep_as_feedback_is_recorded(client_request, parent_survey):
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)
    page = choose(client_request, "keep_feedback")
    assert "kept what you told us as feedback" in main_text(page)
    assert db.session.scalar(select(Response)).complaint_choice == "keep_feedback"
    assert db.session.scalar(select(Case)) is None


def test_a_choice_is_required(client_request, parent_survey):
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)
    page = choose(client_request, "", expected_status=400)
    # Shown beside the question. The done page has no error summary and no "Error: " title for it yet.
    errors = [text_of(message) for message in page.select(".govuk-error-message")]
    assert errors == ["Error: Select what you would like to do"]
    choose(client_request, "escalate_to_the_moon", expected_status=400)


def ask_for_formal_complaint(client_request, expected_status=200):
    return choose(client_request, "formal_complaint", expected_status, contact_email="p@example.com")


def test_a_failure_in_the_second_service_call_leaves_nothing_of_the_first(client_request, parent_survey, monkeypatch):
    """Making a complaint is two service calls (claim the choice, open the case): one transaction."""
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)

    def fails(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(escalation.case_service, "create_case", fails)
    with pytest.raises(RuntimeError):
        ask_for_formal_complaint(client_request)
    db.session.expire_all()
    assert len(db.session.scalars(select(Case)).all()) == 0
    assert db.session.scalar(select(Response)).complaint_choice is None
    monkeypatch.undo()  # the person tries again, and this time it all lands together
    ask_for_formal_complaint(client_request)
    assert len(db.session.scalars(select(Case)).all()) == 1
    assert db.session.scalar(select(Response)).complaint_choice == "formal_complaint"


def test_the_error_page_rolls_back_what_the_request_had_done(app, client_request, parent_survey, monkeypatch):
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)
    monkeypatch.setattr(escalation.case_service, "create_case", lambda *a, **k: 1 / 0)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    page = ask_for_formal_complaint(client_request, expected_status=500)
    assert "Sorry, there is a problem with the service" in main_text(page)
    db.session.expire_all()
    assert len(db.session.scalars(select(Case)).all()) == 0
