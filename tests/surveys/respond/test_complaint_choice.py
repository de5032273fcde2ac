"""Feedback that reads like a complaint gets a choice; nothing is escalated without it."""

from sqlalchemy import select

from surveys.models import Case, Comment, Response, db
from tests.html import check_page, csrf_token_from
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
