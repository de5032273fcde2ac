"""Save and come back later on open-link surveys: a code, exchanged for a session on another device."""

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from surveys import create_app
from surveys.extensions import limiter
from surveys.models import Notification, Response, ResumeCode, db, utcnow
from surveys.services.capture import resume_codes
from surveys.services.capture.invitations import create_invitation
from tests.html import error_messages, summary_list, text_of
from tests.surveys.respond.helpers import post_page, start, submit


def save_for_later(browser) -> str:
    """Answer page 1 of the parent survey, press Save and come back later, get a code; returns the code."""
    start(browser)
    post_page(browser, 1, {"overall": "4", "later": "1"}, expected_redirect="/respond/survey/save")
    page = browser.post("/respond/survey/save", {}, expected_status=200)
    return text_of(page.select_one(".app-resume-code"))


def use_code(browser, code: str, **expected):
    return browser.post("/respond/resume", {"code": code}, **expected)


def test_a_code_carries_the_answers_to_another_device(client_request, parent_survey):
    code = save_for_later(client_request)
    assert len(code) == 9 and code[4] == "-"
    stored = db.session.scalar(select(ResumeCode))
    assert stored.code_hash != code and len(stored.code_hash) == 64  # only the hash is kept
    assert stored.expires_at - utcnow() > timedelta(days=resume_codes.VALID_DAYS - 1)

    laptop = client_request.another_browser()
    use_code(laptop, code.lower().replace("-", " "), expected_redirect="/respond/survey")  # typed loosely
    assert summary_list(laptop.get("/respond/survey/check"))["How was getting the EHC plan?"] == "Good"
    post_page(laptop, 2, {"went_well": "Kind people", "better": ""})
    post_page(laptop, 3, {"worried": "no"})
    post_page(laptop, 5, {"consent_quote": "no", "consent_contact": "no"})
    submit(laptop)
    assert db.session.scalar(select(Response)).status == "submitted"
    assert len(db.session.scalars(select(Response)).all()) == 1  # one response, finished elsewhere


def test_a_code_works_once(client_request, parent_survey):
    code = save_for_later(client_request)
    use_code(client_request.another_browser(), code)
    page = use_code(client_request.another_browser(), code, expected_status=400)
    assert error_messages(page) == ["We cannot find that code. Check you typed it right. A code works only once."]


def test_wrong_codes_are_refused_without_saying_more(client_request, parent_survey):
    save_for_later(client_request)
    stranger = client_request.another_browser()
    for wrong in ("ABCD-EFGH", "0000-0000", "x" * 500, "'; drop table response; --"):
        page = use_code(stranger, wrong, expected_status=400)
        assert error_messages(page) == ["We cannot find that code. Check you typed it right. A code works only once."]
    page = use_code(stranger, "", expected_status=400)
    assert error_messages(page) == ["Type your code"]
    assert page.select_one("title").text.startswith("Error: ")


def test_an_expired_code_says_so(client_request, parent_survey):
    code = save_for_later(client_request)
    db.session.scalar(select(ResumeCode)).expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = use_code(client_request.another_browser(), code, expected_status=400)
    assert error_messages(page) == ["That code is too old. Codes work for 7 days. You can start again."]


def test_a_new_code_replaces_the_old_one(client_request, parent_survey):
    first = save_for_later(client_request)
    second = text_of(client_request.post("/respond/survey/save", {}, expected_status=200)
                     .select_one(".app-resume-code"))
    assert first != second
    use_code(client_request.another_browser(), first, expected_status=400)
    use_code(client_request.another_browser(), second, expected_redirect="/respond/survey")


def test_a_link_fills_the_code_in_but_only_pressing_on_spends_it(client_request, parent_survey):
    code = save_for_later(client_request)
    page = client_request.another_browser().get(f"/respond/resume?code={code}")
    assert page.select_one('input[name="code"]')["value"] == code
    assert db.session.scalar(select(ResumeCode)).used_at is None  # a mail scanner opening the link spends nothing


def test_the_code_can_be_sent_by_email_without_keeping_the_address(client_request, app, parent_survey):
    code = save_for_later(client_request)
    page = client_request.post("/respond/survey/save/send", {"code": code, "email": "", "phone": ""},
                               form_url="/respond/survey/save", expected_status=400)
    assert error_messages(page) == ["Type your email or your phone number"]
    page = client_request.post("/respond/survey/save/send", {"code": code, "email": "me@example.com"},
                               form_url="/respond/survey/save", expected_status=200)
    assert text_of(page.select_one("h1")) == "We sent your code"
    [notification] = db.session.scalars(select(Notification)).all()
    assert notification.status == "sent" and notification.kind == "resume_code"
    assert notification.recipient == "(not kept)" and notification.response_id is None
    sent = "".join(path.read_text() for path in Path(app.config["OUTBOX_DIR"]).rglob("*") if path.is_file())
    assert code in sent and "me@example.com" in sent and "/respond/resume?code=" in sent


def test_a_code_that_is_not_theirs_is_never_sent(client_request, parent_survey):
    save_for_later(client_request)
    client_request.post("/respond/survey/save/send", {"code": "ABCD-EFGH", "email": "me@example.com"},
                        form_url="/respond/survey/save", expected_redirect="/respond/survey/save")
    assert db.session.scalar(select(Notification)) is None


def test_invitation_links_keep_their_own_way_back(client_request, parent_survey):
    _, token = create_invitation(parent_survey, contact_email="parent@example.com", journey_stage="final_plan")
    db.session.commit()
    client_request.get(f"/respond/i/{token}", expected_status=302)
    page = client_request.get("/respond/survey/page/1")
    assert page.select_one('button[name="later"]') is None
    assert "using the link in your invitation" in text_of(page.select_one("main"))
    post_page(client_request, 1, {"overall": "4"})
    client_request.get("/respond/survey/save", expected_status=404)


def test_getting_a_code_needs_saved_answers(client_request, parent_survey):
    start(client_request)
    client_request.get("/respond/survey/save", expected_status=404)


def test_codes_are_rate_limited(app, parent_survey, tmp_path):
    limited = create_app({
        "ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "RATELIMIT_ENABLED": True, "OUTBOX_DIR": str(tmp_path / "outbox"), "AUDIO_DIR": str(tmp_path / "audio"),
        "WTF_CSRF_ENABLED": False,
    })
    try:
        client = limited.test_client()
        with limited.app_context():
            statuses = [client.post("/respond/resume", data={"code": "ABCD-EFGH"}).status_code for _ in range(11)]
            assert client.get("/respond/resume").status_code == 200  # reading the form is never limited
        assert statuses[:10] == [400] * 10 and statuses[10] == 429
    finally:
        limiter.reset()
        limiter.enabled = False


def test_the_nightly_clean_up_deletes_spent_codes_only(client_request, parent_survey):
    from surveys import jobs

    save_for_later(client_request)
    db.session.scalar(select(ResumeCode)).expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    waiting = save_for_later(client_request.another_browser())
    assert jobs.run_job("clean_up")["resume_codes"] == 1
    db.session.expire_all()
    assert len(db.session.scalars(select(ResumeCode)).all()) == 1  # the code still waiting to be used
    assert waiting and jobs.run_job("clean_up")["resume_codes"] == 0
