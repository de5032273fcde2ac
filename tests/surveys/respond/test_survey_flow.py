"""Answering a survey by open link: pages, errors, conditions, check answers, submit once."""

from sqlalchemy import select

from surveys.models import Answer, Comment, Response, db
from tests.html import check_page, csrf_token_from
from tests.surveys.respond.helpers import answer_parent_survey, post_page, submit


def responses() -> list[Response]:
    db.session.expire_all()
    return list(db.session.scalars(select(Response)))


def test_complete_survey_by_open_link(client, parent_survey):
    answer_parent_survey(client)
    check = client.get("/respond/survey/check")
    html = check.get_data(as_text=True)
    check_page(html)
    assert "Emails were not answered." in html and "Poor" in html
    result = submit(client)
    assert result.status_code == 302 and result.headers["Location"].endswith("/respond/survey/done")
    done = client.get("/respond/survey/done").get_data(as_text=True)
    check_page(done)
    assert "Your answers have been sent" in done and "you said, we did" in done
    [response] = responses()
    assert response.status == "submitted" and response.submitted_at is not None
    assert response.consent_quote is True and response.consent_contact is False
    assert response.invitation_id is None
    assert response.contact_email is None and response.contact_phone is None
    comments = db.session.scalars(select(Comment).order_by(Comment.id)).all()
    assert [c.raw_text for c in comments] == ["The caseworker was kind.", "Emails were not answered."]
    assert all(c.consent_quote and c.analysed_at is not None and c.redacted_text for c in comments)


def test_every_page_is_valid_html(client, parent_survey):
    client.get("/respond/s/after-plan")
    for url in ["/respond/survey", "/respond/survey/page/1"]:
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(response.get_data(as_text=True))


def test_required_question_shows_error_summary(client, parent_survey):
    client.get("/respond/s/after-plan")
    response = post_page(client, 1, {})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "There is a problem" in html and 'href="#overall"' in html
    assert "Select an answer" in html
    assert responses() == []


def test_tampered_choice_is_refused(client, parent_survey):
    client.get("/respond/s/after-plan")
    html = post_page(client, 1, {"overall": "99"}).get_data(as_text=True)
    assert "Select one of the options shown" in html
    assert db.session.scalar(select(Answer)) is None


def test_oversized_text_is_refused_and_earlier_answers_kept(client, parent_survey):
    client.get("/respond/s/after-plan")
    post_page(client, 1, {"overall": "4"})
    html = post_page(client, 2, {"went_well": "x" * 201, "better": "fine"}).get_data(as_text=True)
    assert "Your answer must be 200 characters or fewer" in html
    values = {a.question.key: a.value_text for a in db.session.scalars(select(Answer))}
    assert values == {"overall": "4"}


def test_tampered_version_is_refused_and_nothing_lost(client, parent_survey):
    client.get("/respond/s/after-plan")
    post_page(client, 1, {"overall": "4"})
    html = client.get("/respond/survey/page/2").get_data(as_text=True)
    response = client.post("/respond/survey/page/2", data={
        "csrf_token": csrf_token_from(html), "version_id": "424242", "went_well": "Lovely"})
    assert response.status_code == 400
    assert "Answers you already saved are safe" in response.get_data(as_text=True)
    assert [a.question.key for a in db.session.scalars(select(Answer))] == ["overall"]


def test_missing_csrf_gives_a_clear_page_and_keeps_saved_answers(client, parent_survey):
    client.get("/respond/s/after-plan")
    post_page(client, 1, {"overall": "5"})
    response = client.post("/respond/survey/page/2", data={"went_well": "Great"})
    assert response.status_code == 400
    assert "Anything you had already saved is still saved" in response.get_data(as_text=True)
    assert [a.value_text for a in db.session.scalars(select(Answer))] == ["5"]


def test_condition_shows_and_hides_a_question(client, parent_survey):
    client.get("/respond/s/after-plan")
    post_page(client, 1, {"overall": "3"})
    post_page(client, 2, {})
    after_yes = post_page(client, 3, {"worried": "yes"})
    assert after_yes.headers["Location"].endswith("/respond/survey/page/4")
    post_page(client, 4, {"worry_detail": "Transport to the new school"})
    # Changing the earlier answer hides the question; its answer is not sent.
    after_no = post_page(client, 3, {"worried": "no"}, change=True)
    assert after_no.headers["Location"].endswith("/respond/survey/check")
    assert "Transport to the new school" not in client.get("/respond/survey/check").get_data(as_text=True)
    assert client.get("/respond/survey/page/4").status_code == 404
    submit(client)
    keys = {a.question.key for a in db.session.scalars(select(Answer))}
    assert "worry_detail" not in keys
    assert db.session.scalar(select(Comment)) is None


def test_second_submit_stores_nothing_more(client, parent_survey):
    answer_parent_survey(client)
    html = client.get("/respond/survey/check").get_data(as_text=True)
    token = csrf_token_from(html)
    first = client.post("/respond/survey/submit", data={"csrf_token": token})
    second = client.post("/respond/survey/submit", data={"csrf_token": token})
    assert first.headers["Location"].endswith("/done")
    assert second.headers["Location"].endswith("/already-answered")
    assert "We already have your answers" in client.get(second.headers["Location"]).get_data(as_text=True)
    assert len(responses()) == 1
    assert len(db.session.scalars(select(Comment)).all()) == 2
    # Going back to a page after sending does not reopen the response.
    assert client.get("/respond/survey/page/1").headers["Location"].endswith("/already-answered")


def test_submit_with_a_required_answer_missing_goes_back_to_check(client, parent_survey):
    client.get("/respond/s/after-plan")
    post_page(client, 2, {"went_well": "ok"})
    html = client.get("/respond/survey/check").get_data(as_text=True)
    assert "Answer the question: How was getting the EHC plan?" in html
    assert "<title>Error: " in html
    assert submit(client).headers["Location"].endswith("/respond/survey/check")
    assert responses()[0].status == "in_progress"


def test_no_session_gives_a_friendly_page(client, parent_survey):
    response = client.get("/respond/survey/page/1")
    assert response.status_code == 404
    assert "Start the survey again" in response.get_data(as_text=True)


def test_unknown_or_inactive_survey_slug_is_404(client, parent_survey):
    assert client.get("/respond/s/no-such-survey").status_code == 404
    parent_survey.active = False
    db.session.commit()
    assert client.get("/respond/s/after-plan").status_code == 404


def test_anonymous_contact_only_kept_with_consent(client, parent_survey):
    client.get("/respond/s/after-plan")
    post_page(client, 1, {"overall": "4"})
    page = client.get("/respond/survey/page/5").get_data(as_text=True)
    assert 'name="contact_email"' in page
    post_page(client, 5, {"consent_quote": "no", "consent_contact": "no", "contact_email": "me@example.com"})
    submit(client)
    [response] = responses()
    assert response.contact_email is None


def test_contact_details_kept_when_consented(client, parent_survey):
    client.get("/respond/s/after-plan")
    post_page(client, 1, {"overall": "4"})
    post_page(client, 5, {"consent_contact": "yes", "contact_email": "me@example.com", "contact_phone": "07700 900982"})
    submit(client)
    [response] = responses()
    assert response.consent_contact and response.contact_email == "me@example.com"


def test_bad_contact_email_is_refused(client, parent_survey):
    client.get("/respond/s/after-plan")
    html = post_page(client, 5, {"consent_contact": "yes", "contact_email": "not-an-email"}).get_data(as_text=True)
    assert "Enter an email address in the correct format" in html


def test_give_feedback_lists_open_surveys(client, parent_survey):
    html = client.get("/respond/").get_data(as_text=True)
    assert 'href="/respond/s/after-plan"' in html
