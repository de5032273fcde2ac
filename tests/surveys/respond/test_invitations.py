"""Answering by invitation link: token exchange, resume, one response per token, expiry."""

import threading
from datetime import timedelta

from sqlalchemy import select

from surveys.models import Comment, Invitation, Response, db, utcnow
from surveys.services.capture import responses as response_service
from surveys.services.capture.invitations import create_invitation, reminders_stopped
from surveys.transactions import transaction
from tests.factories import make_partner
from tests.html import link_hrefs, main_text, text_of
from tests.surveys.respond.helpers import post_page, start, submit


def invite(survey, **details):
    invitation, token = create_invitation(survey, contact_email="parent@example.com", journey_stage="final_plan",
                                          **details)
    db.session.commit()
    return invitation, token


def test_token_is_exchanged_and_never_kept_in_the_url(client_request, parent_survey):
    invitation, token = invite(parent_survey)
    client_request.get(f"/respond/i/{token}", expected_status=302, expected_redirect="/respond/survey")
    assert token not in client_request.response.headers["Location"]
    assert client_request.response.headers["Referrer-Policy"] == "no-referrer"
    assert token not in str(client_request.get("/respond/survey"))
    db.session.refresh(invitation)
    assert invitation.opened_at is not None


def test_same_link_brings_back_saved_answers(client_request, parent_survey):
    partner = make_partner("North ICB", kind="icb")
    _, token = invite(parent_survey, partner=partner, locality="Eastmoor", need_type="Autism")
    client_request.get(f"/respond/i/{token}", expected_status=302)
    post_page(client_request, 1, {"overall": "4"})
    other_browser = client_request.another_browser()
    other_browser.get(f"/respond/i/{token}", expected_status=302)
    assert "Continue" in main_text(other_browser.get("/respond/survey"))
    page = other_browser.get("/respond/survey/page/1")
    assert [radio["value"] for radio in page.select('input[name="overall"][checked]')] == ["4"]
    [response] = db.session.scalars(select(Response)).all()
    assert (response.journey_stage, response.locality, response.partner_id, response.need_type) == (
        "final_plan", "Eastmoor", partner.id, "Autism")


def test_one_response_per_token_after_submit(client_request, parent_survey):
    _, token = invite(parent_survey)
    client_request.get(f"/respond/i/{token}", expected_status=302)
    post_page(client_request, 1, {"overall": "4"})
    post_page(client_request, 5, {"consent_contact": "yes"})
    submit(client_request)
    again = client_request.another_browser()
    page = again.get(f"/respond/i/{token}", expected_status=410)  # the link opens nothing once answered
    assert "We already have your answers" in main_text(page)
    again.get("/respond/survey", expected_status=404)  # no session was made from it
    [response] = db.session.scalars(select(Response)).all()
    assert response.contact_email == "parent@example.com"  # they agreed to be contacted


def test_unknown_token_is_a_plain_404(client_request, parent_survey):
    invite(parent_survey)
    page = client_request.get("/respond/i/not-a-real-token-at-all", expected_status=404)
    assert "Page not found" in main_text(page) and "expired" not in str(page)
    client_request.get("/respond/i/" + "x" * 500, expected_status=404)


def test_expired_token_offers_another_way(client_request, parent_survey):
    invitation, token = invite(parent_survey)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client_request.get(f"/respond/i/{token}", expected_status=410)
    assert "This link has expired" in main_text(page)
    assert {"/respond/s/after-plan", "/respond/"} <= set(link_hrefs(page.select_one("main")))


def test_concurrent_double_submit_stores_one_response(client_request, parent_survey):
    """Two browsers press Send at the same moment: one response, one set of comments."""
    _, token = invite(parent_survey)
    client_request.get(f"/respond/i/{token}", expected_status=302)
    post_page(client_request, 1, {"overall": "2"})
    post_page(client_request, 2, {"better": "Nobody answered my emails for weeks."})
    others = [client_request.another_browser() for _ in range(4)]
    tokens = []
    for other in others:
        other.get(f"/respond/i/{token}", expected_status=302)
        tokens.append(other.csrf_token("/respond/survey/check"))
    browsers = [other.client for other in others]
    barrier = threading.Barrier(len(browsers))
    results = []

    def press_send(browser, csrf):
        barrier.wait()
        reply = browser.post("/respond/survey/submit", data={"csrf_token": csrf})
        results.append(reply.headers.get("Location") or f"{reply.status_code} {reply.get_data(as_text=True)[:3000]}")

    threads = [threading.Thread(target=press_send, args=pair) for pair in zip(browsers, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(url.rsplit("/", 1)[-1] for url in results) == ["already-answered"] * 3 + ["done"]
    db.session.expire_all()
    assert len(db.session.scalars(select(Response)).all()) == 1
    assert len(db.session.scalars(select(Comment)).all()) == 1


def test_concurrent_first_pages_share_one_response(app, parent_survey):
    """Two tabs post the first page at once: the database keeps one response for the invitation."""
    invitation, _ = invite(parent_survey)
    invitation_id, survey_id = invitation.id, parent_survey.id
    barrier = threading.Barrier(2)
    started = []

    def start():
        with app.app_context():
            survey = db.session.get(type(parent_survey), survey_id)
            barrier.wait()
            with transaction():
                response = response_service.start_response(survey, db.session.get(Invitation, invitation_id))
                started.append(response.id)
            db.session.remove()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(started) == 2 and started[0] == started[1]
    db.session.expire_all()
    assert len(db.session.scalars(select(Response)).all()) == 1


STOP = 'form[action="/respond/survey/stop-reminders"]'


def test_stop_reminders_from_the_start_page(client_request, parent_survey):
    invitation, token = invite(parent_survey)
    client_request.get(f"/respond/i/{token}", expected_status=302)
    assert "Stop reminders" in text_of(client_request.get("/respond/survey").select_one(STOP))
    page = client_request.post("/respond/survey/stop-reminders", form_url="/respond/survey", follow=True)
    db.session.refresh(invitation)
    assert reminders_stopped(invitation)
    assert "We will not send you any more reminders" in main_text(page)


def test_open_link_has_no_stop_reminders(client_request, parent_survey):
    start(client_request)
    page = client_request.get("/respond/survey")
    assert page.select(STOP) == [] and "Stop reminders" not in main_text(page)
