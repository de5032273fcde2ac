"""Once only: a formal complaint is made at most once and only where it was offered; answers cannot change after
they were sent, even from a tab that loaded before; an answered invitation link opens nothing."""

import threading

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from surveys.models import Answer, Case, Response, db
from surveys.services.capture import responses
from surveys.services.capture.invitations import create_invitation
from tests.factories import make_case
from tests.html import main_text
from tests.surveys.respond.helpers import answer_parent_survey, post_page, submit

ANGRY = "I want to make a formal complaint. Nobody replied to my emails for months and it is unacceptable."
CALM = "More evening appointments would help."


def _choose(browser, csrf: str, choice: str = "formal_complaint"):
    return browser.post("/respond/survey/choice", data={"csrf_token": csrf, "choice": choice,
                                                        "contact_email": "p@example.com"})


def test_no_complaint_where_no_offer_was_shown(client_request, parent_survey):
    answer_parent_survey(client_request, better=CALM)
    submit(client_request)
    csrf = client_request.csrf_token("/respond/comment")  # the done page has no form without an offer
    reply = _choose(client_request.client, csrf)
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/respond/survey/done")
    assert db.session.scalar(select(Case)) is None
    response = db.session.scalar(select(Response))
    assert response.complaint_offered is False and response.complaint_choice is None


def test_the_offer_is_recorded_on_the_response(client_request, parent_survey):
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)
    assert db.session.scalar(select(Response)).complaint_offered is True


def test_anyone_holding_the_link_after_submission_gets_nothing(client_request, parent_survey):
    invitation, token = create_invitation(parent_survey, contact_email="parent@example.com")
    db.session.commit()
    client_request.get(f"/respond/i/{token}", expected_status=302)
    post_page(client_request, 1, {"overall": "2"})
    post_page(client_request, 2, {"better": ANGRY})
    submit(client_request)
    stranger = client_request.another_browser()
    page = stranger.get(f"/respond/i/{token}", expected_status=410)
    assert "We already have your answers" in main_text(page) and "formal complaint" not in main_text(page)
    stranger.get("/respond/survey/done", expected_status=404)
    reply = stranger.client.post("/respond/survey/choice", data={"choice": "formal_complaint"})
    assert reply.status_code in (400, 404)  # no session, no CSRF token: nothing to act on
    assert db.session.scalar(select(Case)) is None


def test_concurrent_clicks_make_one_complaint(client_request, parent_survey):
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)
    csrf = client_request.csrf_token("/respond/survey/done")
    cookie = client_request.client.get_cookie("session")
    browsers = []
    for _ in range(4):
        other = client_request.another_browser().client
        other.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
        browsers.append(other)
    barrier = threading.Barrier(len(browsers))
    statuses = []

    def click(browser):
        barrier.wait()
        statuses.append(_choose(browser, csrf).status_code)

    threads = [threading.Thread(target=click, args=(browser,)) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.session.expire_all()
    assert len(db.session.scalars(select(Case)).all()) == 1
    assert sorted(statuses) == [200, 302, 302, 302]
    # and the back button afterwards does nothing more
    assert _choose(client_request.client, csrf).status_code == 302
    assert len(db.session.scalars(select(Case)).all()) == 1


def test_the_database_allows_one_complaint_per_response(client_request, parent_survey):
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)
    response = db.session.scalar(select(Response))
    make_case(response_id=response.id)
    with pytest.raises(IntegrityError):
        make_case(response_id=response.id)
    db.session.rollback()


def test_a_stale_status_cannot_change_answers_after_submission(client_request, app, parent_survey):
    """A request loaded the response while it was in progress; another tab sent it meanwhile."""
    answer_parent_survey(client_request, better=CALM)
    response = db.session.scalar(select(Response))
    overall = next(q for q in response.version.questions if q.key == "overall")
    assert response.status == "in_progress"  # loaded now, as a request would at its start
    with db.engine.begin() as other_tab:
        other_tab.execute(update(Response).values(status="submitted"))
    with pytest.raises(responses.AlreadySubmitted):
        responses.save_answers(response, {overall: "5"})
    db.session.rollback()
    assert db.session.scalar(select(Answer.value_text).where(Answer.question_id == overall.id)) == "2"


def test_a_page_posted_after_another_tab_sent_the_answers_changes_nothing(client_request, parent_survey):
    answer_parent_survey(client_request, better=CALM)
    other_tab = client_request.another_browser()
    other_tab.client.set_cookie("session", client_request.client.get_cookie("session").value)
    version_id = client_request.get("/respond/survey/page/1").select_one('input[name="version_id"]')["value"]
    csrf = client_request.csrf_token("/respond/survey/page/1")
    submit(other_tab)
    reply = client_request.client.post("/respond/survey/page/1",
                                       data={"csrf_token": csrf, "version_id": version_id, "overall": "5"})
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/respond/survey/already-answered")
    assert db.session.scalar(select(Answer.value_text).where(Answer.value_text.in_(["2", "5"]))) == "2"
