"""Feedback that reads like a complaint gets a choice; nothing is escalated without it."""

import pytest
from sqlalchemy import select

from surveys.models import Case, Comment, Response, db
from surveys.services.capture import responses
from tests.conftest import csrf_token_from
from tests.html import check_page
from tests.surveys.respond.helpers import answer_parent_survey, submit

ANGRY = "I want to make a formal complaint. Nobody replied to my emails for months and it is unacceptable."


def choose(client, choice, **extra):
    html = client.get("/respond/survey/done").get_data(as_text=True)
    return client.post("/respond/survey/choice", data={"csrf_token": csrf_token_from(html), "choice": choice, **extra})


def test_no_choice_for_ordinary_feedback(client, parent_survey):
    answer_parent_survey(client, better="More evening appointments would help.")
    submit(client)
    assert "It sounds like something went wrong" not in client.get("/respond/survey/done").get_data(as_text=True)


def test_formal_complaint_when_chosen(client, parent_survey):
    answer_parent_survey(client, better=ANGRY)
    submit(client)
    done = client.get("/respond/survey/done").get_data(as_text=True)
    check_page(done)
    assert "It sounds like something went wrong" in done and "working days" in done
    assert db.session.scalar(select(Case)) is None  # nothing escalated yet
    page = choose(client, "formal_complaint", contact_email="parent@example.com")
    html = page.get_data(as_text=True)
    [case] = db.session.scalars(select(Case)).all()
    assert case.reference in html and case.kind == "complaint" and case.stage == "stage_1"
    assert case.due_on is not None and case.contact_email == "parent@example.com"
    assert ANGRY in case.details
    [response] = db.session.scalars(select(Response)).all()
    assert response.complaint_choice == "formal_complaint" and case.response_id == response.id
    # The words are already comments from the survey: the case does not add them twice.
    assert [c.source for c in db.session.scalars(select(Comment))] == ["survey", "survey"]
    # Choosing again (a double click, the back button) does nothing more.
    token = csrf_token_from(done)
    again = client.post("/respond/survey/choice", data={"csrf_token": token, "choice": "formal_complaint"})
    assert again.status_code == 302
    assert len(db.session.scalars(select(Case)).all()) == 1


def test_keep_as_feedback_is_recorded(client, parent_survey):
    answer_parent_survey(client, better=ANGRY)
    submit(client)
    html = choose(client, "keep_feedback").get_data(as_text=True)
    assert "kept what you told us as feedback" in html
    assert db.session.scalar(select(Response)).complaint_choice == "keep_feedback"
    assert db.session.scalar(select(Case)) is None


def test_a_choice_is_required(client, parent_survey):
    answer_parent_survey(client, better=ANGRY)
    submit(client)
    reply = choose(client, "")
    assert reply.status_code == 400 and "Select what you would like to do" in reply.get_data(as_text=True)
    assert choose(client, "escalate_to_the_moon").status_code == 400


def ask_for_formal_complaint(client):
    html = client.get("/respond/survey/done").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(html), "choice": "formal_complaint", "contact_email": "p@example.com"}
    return client.post("/respond/survey/choice", data=data)


def test_a_failure_in_the_second_service_call_leaves_nothing_of_the_first(client, parent_survey, monkeypatch):
    """Making a complaint is two service calls (open the case, record the choice): one transaction."""
    answer_parent_survey(client, better=ANGRY)
    submit(client)

    def fails(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(responses, "record_complaint_choice", fails)
    with pytest.raises(RuntimeError):
        ask_for_formal_complaint(client)
    db.session.expire_all()
    assert len(db.session.scalars(select(Case)).all()) == 0
    assert db.session.scalar(select(Response)).complaint_choice is None
    monkeypatch.undo()  # the person tries again, and this time it all lands together
    assert ask_for_formal_complaint(client).status_code == 200
    assert len(db.session.scalars(select(Case)).all()) == 1
    assert db.session.scalar(select(Response)).complaint_choice == "formal_complaint"


def test_the_error_page_rolls_back_what_the_request_had_done(app, client, parent_survey, monkeypatch):
    answer_parent_survey(client, better=ANGRY)
    submit(client)
    monkeypatch.setattr(responses, "record_complaint_choice", lambda *a, **k: 1 / 0)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    reply = ask_for_formal_complaint(client)
    assert reply.status_code == 500
    assert "Sorry, there is a problem with the service" in reply.get_data(as_text=True)
    db.session.expire_all()
    assert len(db.session.scalars(select(Case)).all()) == 0
