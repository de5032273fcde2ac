"""Answering a survey by open link: pages, errors, conditions, check answers, submit once."""

from sqlalchemy import select

from surveys.models import Answer, Comment, Response, db
from surveys.worker import drain
from tests.html import (
    error_messages,
    error_summary_links,
    field_names,
    h1_text,
    link_hrefs,
    main_text,
    parse_page,
    summary_list,
    title_text,
)
from tests.surveys.respond.helpers import answer_parent_survey, post_page, start, submit


def responses() -> list[Response]:
    db.session.expire_all()
    return list(db.session.scalars(select(Response)))


def test_complete_survey_by_open_link(client_request, parent_survey):
    answer_parent_survey(client_request)
    answers = summary_list(client_request.get("/respond/survey/check"))
    assert answers["How was getting the EHC plan?"] == "Poor"
    assert answers["What could we do better?"] == "Emails were not answered."
    submit(client_request, expected_redirect="/respond/survey/done")
    done = client_request.get("/respond/survey/done")
    assert "Your answers have been sent" in main_text(done)
    assert "/you-said-we-did" in link_hrefs(done.select_one("main"))
    [response] = responses()
    assert response.status == "submitted" and response.submitted_at is not None
    assert response.consent_quote is True and response.consent_contact is False
    assert response.invitation_id is None
    assert response.contact_email is None and response.contact_phone is None
    comments = db.session.scalars(select(Comment).order_by(Comment.id)).all()
    assert [c.raw_text for c in comments] == ["The caseworker was kind.", "Emails were not answered."]
    drain()  # the worker analyses them
    comments = db.session.scalars(select(Comment).order_by(Comment.id)).all()
    assert all(c.consent_quote and c.analysed_at is not None and c.redacted_text for c in comments)


def test_every_page_is_valid_html(client_request, parent_survey):
    start(client_request)
    for url in ["/respond/survey", "/respond/survey/page/1"]:
        assert h1_text(client_request.get(url)), url  # get checks the status and the HTML


def test_required_question_shows_error_summary(client_request, parent_survey):
    start(client_request)
    page = post_page(client_request, 1, {}, expected_status=200)
    assert title_text(page).startswith("Error: ")
    assert page.select_one(".govuk-error-summary__title").get_text(strip=True) == "There is a problem"
    assert error_summary_links(page) == [("Select an answer", "#overall")]
    assert responses() == []


def test_tampered_choice_is_refused(client_request, parent_survey):
    start(client_request)
    page = post_page(client_request, 1, {"overall": "99"}, expected_status=200)
    assert error_messages(page) == ["Select one of the options shown"]
    assert db.session.scalar(select(Answer)) is None


def test_oversized_text_is_refused_and_earlier_answers_kept(client_request, parent_survey):
    start(client_request)
    post_page(client_request, 1, {"overall": "4"})
    page = post_page(client_request, 2, {"went_well": "x" * 201, "better": "fine"}, expected_status=200)
    assert error_messages(page) == ["Your answer must be 200 characters or fewer"]
    values = {a.question.key: a.value_text for a in db.session.scalars(select(Answer))}
    assert values == {"overall": "4"}


def test_tampered_version_is_refused_and_nothing_lost(client_request, parent_survey):
    start(client_request)
    post_page(client_request, 1, {"overall": "4"})
    page = client_request.post("/respond/survey/page/2", {"version_id": "424242", "went_well": "Lovely"},
                               expected_status=400)
    assert "Your saved answers are safe" in main_text(page)
    assert [a.question.key for a in db.session.scalars(select(Answer))] == ["overall"]


def test_missing_csrf_gives_a_clear_page_and_keeps_saved_answers(client_request, parent_survey):
    start(client_request)
    post_page(client_request, 1, {"overall": "5"})
    response = client_request.client.post("/respond/survey/page/2", data={"went_well": "Great"})
    assert response.status_code == 400
    assert "Anything you had already saved is still saved" in main_text(parse_page(response.get_data(as_text=True)))
    assert [a.value_text for a in db.session.scalars(select(Answer))] == ["5"]


def test_condition_shows_and_hides_a_question(client_request, parent_survey):
    start(client_request)
    post_page(client_request, 1, {"overall": "3"})
    post_page(client_request, 2, {})
    post_page(client_request, 3, {"worried": "yes"}, expected_redirect="/respond/survey/page/4")
    post_page(client_request, 4, {"worry_detail": "Transport to the new school"})
    # Changing the earlier answer hides the question; its answer is not sent.
    post_page(client_request, 3, {"worried": "no"}, change=True, expected_redirect="/respond/survey/check")
    answers = summary_list(client_request.get("/respond/survey/check"))
    assert "Tell us what is worrying you" not in answers
    assert "Transport to the new school" not in answers.values()
    client_request.get("/respond/survey/page/4", expected_status=404)
    submit(client_request)
    keys = {a.question.key for a in db.session.scalars(select(Answer))}
    assert "worry_detail" not in keys
    assert db.session.scalar(select(Comment)) is None


def test_second_submit_stores_nothing_more(client_request, parent_survey):
    answer_parent_survey(client_request)
    token = client_request.csrf_token("/respond/survey/check")
    first = client_request.client.post("/respond/survey/submit", data={"csrf_token": token})
    second = client_request.client.post("/respond/survey/submit", data={"csrf_token": token})
    assert first.headers["Location"].endswith("/done")
    assert second.headers["Location"].endswith("/already-answered")
    assert "We already have your answers" in main_text(client_request.get(second.headers["Location"]))
    assert len(responses()) == 1
    assert len(db.session.scalars(select(Comment)).all()) == 2
    # Going back to a page after sending does not reopen the response.
    client_request.get("/respond/survey/page/1", expected_status=302,
                       expected_redirect="/respond/survey/already-answered")


def test_submit_with_a_required_answer_missing_goes_back_to_check(client_request, parent_survey):
    start(client_request)
    post_page(client_request, 2, {"went_well": "ok"})
    page = client_request.get("/respond/survey/check")
    assert error_summary_links(page) == [("Answer the question: How was getting the EHC plan?",
                                          "/respond/survey/page/1?change=1")]
    assert title_text(page).startswith("Error: ")
    submit(client_request, expected_redirect="/respond/survey/check")
    assert responses()[0].status == "in_progress"


def test_no_session_gives_a_friendly_page(client_request, parent_survey):
    page = client_request.get("/respond/survey/page/1", expected_status=404)
    assert "Start the survey again" in main_text(page)


def test_unknown_or_inactive_survey_slug_is_404(client_request, parent_survey):
    client_request.get("/respond/s/no-such-survey", expected_status=404)
    parent_survey.active = False
    db.session.commit()
    client_request.get("/respond/s/after-plan", expected_status=404)


def test_anonymous_contact_only_kept_with_consent(client_request, parent_survey):
    start(client_request)
    post_page(client_request, 1, {"overall": "4"})
    assert "contact_email" in field_names(client_request.get("/respond/survey/page/5"))
    post_page(client_request, 5, {"consent_quote": "no", "consent_contact": "no", "contact_email": "me@example.com"})
    submit(client_request)
    [response] = responses()
    assert response.contact_email is None


def test_contact_details_kept_when_consented(client_request, parent_survey):
    start(client_request)
    post_page(client_request, 1, {"overall": "4"})
    post_page(client_request, 5, {"consent_contact": "yes", "contact_email": "me@example.com",
                                  "contact_phone": "07700 900982"})
    submit(client_request)
    [response] = responses()
    assert response.consent_contact and response.contact_email == "me@example.com"


def test_bad_contact_email_is_refused(client_request, parent_survey):
    start(client_request)
    page = post_page(client_request, 5, {"consent_contact": "yes", "contact_email": "not-an-email"},
                     expected_status=200)
    assert any(m.startswith("Enter an email address in the correct format") for m in error_messages(page))


def test_give_feedback_lists_open_surveys(client_request, parent_survey):
    assert "/respond/s/after-plan" in link_hrefs(client_request.get("/respond/").select_one("main"))
