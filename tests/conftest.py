"""Shared fixtures: an app on a real database built by the migrations, a client, and data factories.

The database is SQLite by default; set YOUSAID_TEST_DATABASE_URL (scripts/run-tests does) for PostgreSQL.
Migrations build the schema once per session; every test then starts from empty tables.
"""

import os
import re

import pytest
from flask import g, request_started
from flask_migrate import upgrade
from sqlalchemy import text

from surveys import create_app
from surveys.models import db


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
def app_context(app):
    """Run a test inside an application context, with a fresh session."""
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    """A browser-like test client."""
    return app.test_client()


CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    """The CSRF token in a page's form, as a browser would send it back."""
    match = CSRF_INPUT.search(html)
    assert match, "the page has no CSRF token in a form"
    return match.group(1)


@pytest.fixture
def login(client, app):
    """Sign in as a user through the real login form; returns the response."""

    def sign_in(email: str, password: str):
        page = client.get("/staff/login")
        token = csrf_token_from(page.get_data(as_text=True))
        return client.post("/staff/login", data={"email": email, "password": password, "csrf_token": token})

    return sign_in
