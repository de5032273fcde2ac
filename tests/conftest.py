"""Shared fixtures: an app on a real database built by the migrations, and ``client_request``, the one way tests
request pages and read them parsed (test data comes from tests/factories.py).

The database is SQLite by default; set YOUSAID_TEST_DATABASE_URL (scripts/run-tests does) for PostgreSQL.
Migrations build the schema once per session; every test then starts from empty tables.
"""

import os
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import g, has_app_context, request_started
from flask_migrate import upgrade
from sqlalchemy import text

from surveys import create_app
from surveys.models import User, db
from surveys.services.understand.theme_assignment import forget_model
from tests.factories import PASSWORD, make_user
from tests.html import csrf_token_from, parse_page


def pytest_collection_modifyitems(config, items):
    """Tests marked postgres_only (row locks) are reported as skipped on SQLite; run-tests runs them on PostgreSQL."""
    if os.environ.get("YOUSAID_TEST_DATABASE_URL", "").startswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="postgres_only: needs PostgreSQL, which scripts/run-tests runs it on")
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("YOUSAID_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The app under test, with its schema built by running every migration."""
    url = database_url(tmp_path_factory)
    files = tmp_path_factory.mktemp("files")
    application = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": url,
            "OUTBOX_DIR": str(files / "outbox"),
            "AUDIO_DIR": str(files / "audio"),
            "TRIAGE_MODEL_PATH": str(files / "triage_model.npz"),
        }
    )
    # Tests hold an app context open, and Flask reuses it for test requests: give each request a fresh
    # ``g``, as production does, so nothing (a CSRF token, a nonce) leaks from one request to the next.
    request_started.connect(_fresh_globals, application)
    with application.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def _fresh_globals(sender, **extra) -> None:
    vars(g).clear()


@pytest.fixture(autouse=True)
def clean_database(request):
    """Empty every table after each test that used the app."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    forget_model()  # the theme assigner's model belongs to the database just emptied
    with application.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                names = ", ".join(f'"{t}"' for t in tables)
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    connection.execute(text(f'DELETE FROM "{table}"'))  # noqa: S608 - names from our metadata


@pytest.fixture
def run_outbox(app):
    """Do everything due in the outbox now, as ``flask worker`` would: analysis of new comments, messages, retrains.

    Call it after the request or service that queued the work; it returns how many items ended each way.
    """
    from surveys.worker import drain

    def run(now=None) -> dict[str, int]:
        if has_app_context():
            return drain(now=now)
        with app.app_context():
            return drain(now=now)

    return run


@pytest.fixture
def app_context(app):
    """Run a test inside an application context, with a fresh session."""
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    """The raw test client under ``client_request``: for JSON, bytes and files rather than pages."""
    return app.test_client()


class ClientRequest:
    """A browser for tests: requests pages, checks their status and their HTML, and returns them parsed.

    Shaped like GOV.UK Notify's ``client_request``: ``get`` and ``post`` return the page as BeautifulSoup (checked
    by ``tests.html.check_page``), ``post`` sends the CSRF token from the form's page as a browser does, and
    ``sign_in_as`` signs in through the real login form. ``client`` is the raw test client, for headers or bytes;
    ``response`` is the last response, for its headers.
    """

    def __init__(self, client):
        self.client = client
        self.response = None

    def get(self, url: str, expected_status: int = 200, *, expected_redirect: str | None = None,
            follow: bool = False) -> BeautifulSoup | None:
        """GET ``url``; the parsed page, or None for a redirect (checked against ``expected_redirect``)."""
        return self._read(self.client.get(url, follow_redirects=follow), expected_status, expected_redirect)

    def post(self, url: str, data: dict | None = None, expected_status: int | None = None, *,
             form_url: str | None = None, files: dict | None = None, expected_redirect: str | None = None,
             follow: bool = False) -> BeautifulSoup | None:
        """POST ``data`` to ``url`` with the CSRF token of the form on ``form_url`` (by default ``url`` itself).

        Expects a redirect (302) unless told otherwise, or the page it leads to (200) with ``follow``.
        """
        form = {"csrf_token": self.csrf_token(form_url or url), **(data or {})}
        if files:
            response = self.client.post(url, data={**form, **files}, content_type="multipart/form-data",
                                        follow_redirects=follow)
        else:
            response = self.client.post(url, data=form, follow_redirects=follow)
        if expected_status is None:
            expected_status = 200 if follow else 302
        return self._read(response, expected_status, expected_redirect)

    def csrf_token(self, url: str) -> str:
        """The CSRF token in the form on ``url``, as a browser would send it back."""
        return csrf_token_from(self.client.get(url).get_data(as_text=True))

    def sign_in_as(self, user_or_role: User | str = "admin", partner=None) -> User:
        """Sign in through the login form as ``user_or_role`` (a new user with that role, for a role name)."""
        user = make_user(user_or_role, partner=partner) if isinstance(user_or_role, str) else user_or_role
        self.post("/staff/login", {"email": user.email, "password": PASSWORD}, expected_redirect="/staff/")
        return user

    def sign_out(self) -> None:
        self.post("/staff/logout", form_url="/staff/")

    def another_browser(self) -> "ClientRequest":
        """A second browser on the same app, with its own cookies (as on another device)."""
        return ClientRequest(self.client.application.test_client())

    def _read(self, response, expected_status: int, expected_redirect: str | None) -> BeautifulSoup | None:
        self.response = response
        assert response.status_code == expected_status, (
            f"expected {expected_status}, got {response.status_code} for {response.request.path}")
        if 300 <= response.status_code < 400:
            if expected_redirect is not None:
                assert redirect_target(response.headers["Location"], expected_redirect) == expected_redirect
            return None
        assert expected_redirect is None, "expected a redirect"
        return parse_page(response.get_data(as_text=True))


def redirect_target(location: str, expected: str) -> str:
    """The path of ``location`` (with its query when ``expected`` has one), so tests need not name the host."""
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}" if "?" in expected else parts.path


@pytest.fixture
def client_request(client, app_context) -> ClientRequest:
    """The one way tests request pages: see ``ClientRequest``."""
    return ClientRequest(client)

