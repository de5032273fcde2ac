"""Answering by invitation link: token exchange, resume, one response per token, expiry."""

import threading
from datetime import timedelta

from sqlalchemy import select

from surveys.models import Comment, Invitation, Response, db, utcnow
from surveys.services.capture import responses as response_service
from surveys.services.capture.invitations import create_invitation, reminders_stopped
from tests.factories import make_partner
from tests.html import csrf_token_from
from tests.surveys.respond.helpers import post_page, submit


def invite(survey, **details):
    return create_invitation(survey, contact_email="parent@example.com", journey_stage="final_plan", **details)


def test_token_is_exchanged_and_never_kept_in_the_url(client, parent_survey):
    invitation, token = invite(parent_survey)
    response = client.get(f"/respond/i/{token}")
    assert response.status_code == 302
    assert token not in response.headers["Location"]
    assert response.headers["Location"].endswith("/respond/survey")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    page = client.get("/respond/survey").get_data(as_text=True)
    assert token not in page
    db.session.refresh(invitation)
    assert invitation.opened_at is not None


def test_same_link_brings_back_saved_answers(client, app, parent_survey):
    partner = make_partner("North ICB", kind="icb")
    _, token = invite(parent_survey, partner=partner, locality="Eastmoor", need_type="Autism")
    client.get(f"/respond/i/{token}")
    post_page(client, 1, {"overall": "4"})
    other_browser = app.test_client()
    other_browser.get(f"/respond/i/{token}")
    start = other_browser.get("/respond/survey").get_data(as_text=True)
    assert "Continue" in start
    assert 'value="4" checked' in other_browser.get("/respond/survey/page/1").get_data(as_text=True)
    [response] = db.session.scalars(select(Response)).all()
    assert (response.journey_stage, response.locality, response.partner_id, response.need_type) == (
        "final_plan", "Eastmoor", partner.id, "Autism")


def test_one_response_per_token_after_submit(client, app, parent_survey):
    _, token = invite(parent_survey)
    client.get(f"/respond/i/{token}")
    post_page(client, 1, {"overall": "4"})
    post_page(client, 5, {"consent_contact": "yes"})
    submit(client)
    again = app.test_client()
    again.get(f"/respond/i/{token}")
    assert again.get("/respond/survey").headers["Location"].endswith("/already-answered")
    [response] = db.session.scalars(select(Response)).all()
    assert response.contact_email == "parent@example.com"  # they agreed to be contacted


def test_unknown_token_is_a_plain_404(client, parent_survey):
    invite(parent_survey)
    response = client.get("/respond/i/not-a-real-token-at-all")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in html and "expired" not in html
    assert client.get("/respond/i/" + "x" * 500).status_code == 404


def test_expired_token_offers_another_way(client, parent_survey):
    invitation, token = invite(parent_survey)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.get(f"/respond/i/{token}")
    html = response.get_data(as_text=True)
    assert response.status_code == 410
    assert "This link has expired" in html
    assert 'href="/respond/s/after-plan"' in html and 'href="/respond/"' in html


def test_concurrent_double_submit_stores_one_response(client, app, parent_survey):
    """Two browsers press Send at the same moment: one response, one set of comments."""
    _, token = invite(parent_survey)
    client.get(f"/respond/i/{token}")
    post_page(client, 1, {"overall": "2"})
    post_page(client, 2, {"better": "Nobody answered my emails for weeks."})
    browsers = [app.test_client() for _ in range(4)]
    tokens = []
    for browser in browsers:
        browser.get(f"/respond/i/{token}")
        tokens.append(csrf_token_from(browser.get("/respond/survey/check").get_data(as_text=True)))
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
            started.append(response_service.start_response(survey, db.session.get(Invitation, invitation_id)).id)
            db.session.remove()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(started) == 2 and started[0] == started[1]
    db.session.expire_all()
    assert len(db.session.scalars(select(Response)).all()) == 1


def test_stop_reminders_from_the_start_page(client, parent_survey):
    invitation, token = invite(parent_survey)
    client.get(f"/respond/i/{token}")
    page = client.get("/respond/survey").get_data(as_text=True)
    assert "Stop reminders" in page
    reply = client.post("/respond/survey/stop-reminders", data={"csrf_token": csrf_token_from(page)})
    assert reply.status_code == 302
    db.session.refresh(invitation)
    assert reminders_stopped(invitation)
    assert "We will not send you any more reminders" in client.get("/respond/survey").get_data(as_text=True)


def test_open_link_has_no_stop_reminders(client, parent_survey):
    client.get("/respond/s/after-plan")
    assert "Stop reminders" not in client.get("/respond/survey").get_data(as_text=True)
