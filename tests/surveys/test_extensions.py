"""Rate limits as deployed: per respondent session on survey pages, per address on sign-in and new open-link
responses, per account on sign-in, the trusted proxy setting, and what happens when the limit store is down."""

import logging

import pytest
from flask import request_started

from surveys import create_app
from surveys.extensions import limiter
from tests.conftest import _fresh_globals
from tests.factories import PASSWORD, make_invitation, make_survey, make_user
from tests.html import csrf_token_from


@pytest.fixture
def limited(app, tmp_path):
    """Build the app with rate limits on (as in production) and a limit store of its own; ``limited(**settings)``."""

    def build(**settings):
        application = create_app({
            "ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "OUTBOX_DIR": str(tmp_path / "outbox"), "AUDIO_DIR": str(tmp_path / "audio"), "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": f"sqlite:///{tmp_path / 'limits.db'}", **settings,
        })
        request_started.connect(_fresh_globals, application)  # as the ``app`` fixture does: no ``g`` shared
        return application

    yield build
    limiter.enabled = False  # as the testing configuration has it for every other test


def browser(application, address: str = "192.0.2.10"):
    """A browser of its own (its own cookies) at ``address``."""
    client = application.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def answer_survey(client, entry: str) -> list[int]:
    """Follow a survey link to the confirmation page; the status of every request on the way."""
    statuses = [client.get(entry).status_code, client.get("/respond/survey").status_code]
    page = client.get("/respond/survey/page/1")
    html = page.get_data(as_text=True)
    version_id = html.split('name="version_id" type="hidden" value="')[1].split('"')[0]
    statuses += [page.status_code, client.post("/respond/survey/page/1", data={
        "csrf_token": csrf_token_from(html), "version_id": version_id, "overall": "4", "better": "More time"},
    ).status_code]
    check = client.get("/respond/survey/check")
    statuses += [check.status_code, client.post("/respond/survey/submit", data={
        "csrf_token": csrf_token_from(check.get_data(as_text=True))}).status_code]
    statuses.append(client.get("/respond/survey/done").status_code)
    return statuses


def test_two_hundred_respondents_behind_one_address_all_finish(limited):
    application = limited()
    with application.app_context():
        survey = make_survey("school")
        tokens = [make_invitation(survey)[1] for _ in range(100)]
        entries = [f"/respond/i/{token}" for token in tokens] + ["/respond/s/school"] * 100
        statuses = [status for entry in entries for status in answer_survey(browser(application), entry)]
    assert 429 not in statuses
    assert statuses.count(302) == 200 * 3  # every link, every page and every submission went through


def test_one_respondent_session_is_limited_on_its_own(limited):
    application = limited(RATELIMIT_SURVEY_PAGES="3 per minute")
    with application.app_context():
        make_survey("school")
        busy, neighbour = browser(application), browser(application)
        busy.get("/respond/s/school")
        statuses = [busy.get("/respond/survey").status_code for _ in range(4)]
        neighbour.get("/respond/s/school")
        assert neighbour.get("/respond/survey").status_code == 200  # same address, its own budget
    assert statuses == [200, 200, 200, 429]


def test_new_open_link_responses_are_limited_per_address(limited):
    application = limited(RATELIMIT_OPEN_LINK="3 per minute")
    with application.app_context():
        make_survey("school")
        statuses = [browser(application).get("/respond/s/school").status_code for _ in range(4)]
        elsewhere = browser(application, "198.51.100.7").get("/respond/s/school").status_code
    assert statuses == [302, 302, 302, 429]
    assert elsewhere == 302


def sign_in(client, email: str, password: str = "wrong-password-123") -> int:  # noqa: S107
    token = csrf_token_from(client.get("/staff/login").get_data(as_text=True))
    return client.post("/staff/login", data={"csrf_token": token, "email": email, "password": password}).status_code


def test_sign_in_is_limited_per_account_from_any_address(limited):
    application = limited(RATELIMIT_SIGN_IN_ACCOUNT="3 per minute")
    with application.app_context():
        user = make_user("admin")
        statuses = [sign_in(browser(application, f"203.0.113.{n}"), user.email.upper()) for n in range(4)]
        other = sign_in(browser(application, "203.0.113.99"), "someone.else@example.com")
    assert statuses == [200, 200, 200, 429]
    assert other == 200


def test_sign_in_is_limited_per_address_across_accounts(limited):
    application = limited(RATELIMIT_SIGN_IN_ADDRESS="3 per minute")
    with application.app_context():
        client = browser(application)
        statuses = [sign_in(client, f"person{n}@example.com") for n in range(4)]
        elsewhere = sign_in(browser(application, "198.51.100.8"), "person9@example.com")
    assert statuses == [200, 200, 200, 429]
    assert elsewhere == 200


@pytest.mark.parametrize(("hops", "limited_after"), [(0, 3), (1, None)])
def test_forwarded_addresses_count_only_behind_a_trusted_proxy(limited, hops, limited_after):
    application = limited(RATELIMIT_OPEN_LINK="3 per minute", TRUSTED_PROXY_HOPS=hops)
    with application.app_context():
        make_survey("school")
        proxy = browser(application, "10.0.0.1")  # every request arrives from the proxy
        statuses = [proxy.get("/respond/s/school", headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code
                    for n in range(5)]
    if limited_after is None:
        assert statuses == [302] * 5  # five people behind the proxy, one start each
    else:
        assert statuses == [302] * 3 + [429] * 2  # the header is not believed: a client cannot pick its address


def broken_store(tmp_path) -> str:
    """A limit store that cannot be opened: its folder is a file."""
    (tmp_path / "not-a-folder").write_text("x")
    return f"sqlite:///{tmp_path / 'not-a-folder' / 'limits.db'}"


def test_sign_in_fails_closed_when_the_limit_store_is_down(limited, tmp_path, caplog):
    application = limited(RATELIMIT_STORAGE_URI=broken_store(tmp_path))
    with application.app_context():
        user = make_user("admin")
        with caplog.at_level(logging.ERROR):
            status = sign_in(browser(application), user.email, PASSWORD)
    assert status == 503
    assert "sign-in refused" in caplog.text


def test_public_pages_fail_open_when_the_limit_store_is_down(limited, tmp_path, caplog):
    application = limited(RATELIMIT_STORAGE_URI=broken_store(tmp_path))
    with application.app_context():
        make_survey("school")
        with caplog.at_level(logging.ERROR):
            statuses = answer_survey(browser(application), "/respond/s/school")
    assert statuses == [302, 200, 200, 302, 200, 302, 200]
    assert "Failed to rate limit" in caplog.text
