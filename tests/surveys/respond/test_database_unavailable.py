"""The database going away: locked by another process (SQLite) or unreachable (PostgreSQL stopped). The person is
told within seconds that their answers were not saved, the answers stay in the form, and the app recovers by
itself once the database is back."""

import os
import sqlite3
import time

import pytest
from flask_migrate import upgrade

from surveys import create_app
from surveys.models import Answer, db
from surveys.web import ERROR_PAGES
from tests.conftest import ClientRequest
from tests.html import main_text
from tests.surveys.respond.conftest import RATING, build_survey
from tests.surveys.respond.helpers import post_page, start

pytestmark = pytest.mark.skipif(os.environ.get("YOUSAID_TEST_DATABASE_URL", "").startswith("postgresql"),
                                reason="builds its own SQLite database and an unreachable PostgreSQL one")
WORDS = "The caseworker never rang back."


@pytest.fixture
def sqlite_app(tmp_path):
    path = tmp_path / "locked.db"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                      "DATABASE_TIMEOUT_SECONDS": 1, "AUDIO_DIR": str(tmp_path / "audio"),
                      "OUTBOX_DIR": str(tmp_path / "outbox")})
    with app.app_context():
        upgrade()
        build_survey("after-plan", "parent_carer", [
            {"key": "overall", "kind": "rating", "prompt": "How was it?", "options": RATING, "page": 1},
            {"key": "better", "kind": "free_text", "prompt": "What could we do better?", "page": 2},
        ])
        yield app, path
        db.session.remove()
        db.engine.dispose()


def test_a_locked_database_keeps_the_answers_in_the_form_and_recovers(sqlite_app):
    app, path = sqlite_app
    browser = ClientRequest(app.test_client())
    start(browser, "after-plan")
    post_page(browser, 1, {"overall": "2"})
    version_id = browser.get("/respond/survey/page/2").select_one('input[name="version_id"]')["value"]
    csrf = browser.csrf_token("/respond/survey/page/2")
    other_process = sqlite3.connect(path, isolation_level=None)
    other_process.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        began = time.monotonic()
        reply = browser.client.post("/respond/survey/page/2",
                                    data={"csrf_token": csrf, "version_id": version_id, "better": WORDS})
        took = time.monotonic() - began
        page = browser._read(reply, 503, None)
    finally:
        other_process.rollback() if other_process.in_transaction else None
        other_process.close()
    assert took < 5, f"the person waited {took:.1f} s"
    assert "We could not save your answers" in main_text(page)
    assert page.title.get_text().startswith("Error: ")
    assert page.select_one('textarea[name="better"]').get_text().strip() == WORDS  # still in the form
    assert db.session.query(Answer).filter(Answer.value_text == WORDS).count() == 0
    # the lock has gone: sending again works, with no restart
    browser.post("/respond/survey/page/2", {"version_id": version_id, "better": WORDS})
    assert db.session.query(Answer).filter(Answer.value_text == WORDS).count() == 1


def test_a_stopped_postgresql_gets_a_clear_page_within_seconds(tmp_path):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://yousaid@127.0.0.1:9/gone",
                      "DATABASE_TIMEOUT_SECONDS": 2, "AUDIO_DIR": str(tmp_path), "OUTBOX_DIR": str(tmp_path)})
    client = app.test_client()
    began = time.monotonic()
    reply = client.get("/respond/s/after-plan")
    assert time.monotonic() - began < 5
    assert reply.status_code == 503
    text = reply.get_data(as_text=True)
    assert "Sorry, the service is not available right now" in text and "was not saved" in text
    assert client.post("/respond/survey/submit").status_code in (400, 503)  # CSRF first; never a 500


def test_no_error_page_claims_nothing_was_lost():
    assert not any("has been lost" in body or "nothing" in body.lower() for _, body in ERROR_PAGES.values())
