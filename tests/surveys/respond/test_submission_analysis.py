"""Submitting stores the answers and returns; the worker analyses the words just after, retries a failure without
losing anything, and sends the safeguarding alert within a minute."""

import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from surveys.models import Answer, Comment, Notification, OutboxItem, Response, db, utcnow
from surveys.services.understand import comments as comment_service
from surveys.worker import work_until
from tests.surveys.respond.helpers import answer_parent_survey, submit

WORRYING = "My son said he wants to kill himself because of school."
CONTACT = "safeguarding.team@council.example"


@pytest.fixture
def alerts_to(app, tmp_path, monkeypatch) -> Path:
    """The named safeguarding contact set, and an outbox folder of this test's own."""
    monkeypatch.setitem(app.config, "SAFEGUARDING_CONTACT_EMAIL", CONTACT)
    monkeypatch.setitem(app.config, "OUTBOX_DIR", str(tmp_path / "outbox"))
    return tmp_path / "outbox"


def stored_comments() -> list[Comment]:
    db.session.expire_all()
    return list(db.session.scalars(select(Comment).order_by(Comment.id)))


def test_a_submission_is_acknowledged_before_analysis_and_analysed_by_the_worker(client_request, parent_survey,
                                                                                  run_outbox, monkeypatch):
    analysed = []
    real = comment_service.analyse_comment
    monkeypatch.setattr(comment_service, "analyse_comment",
                        lambda comment, known=None: analysed.append(comment.id) or real(comment, known))
    answer_parent_survey(client_request, better="Nobody answered my emails to Mrs Patel.")
    submit(client_request, expected_redirect="/respond/survey/done")
    assert analysed == [], "the request stored the answers and returned"
    comments = stored_comments()
    assert [c.analysed_at for c in comments] == [None, None] and all(c.redacted_text == "" for c in comments)
    queued = db.session.scalars(select(OutboxItem).order_by(OutboxItem.id)).all()
    assert [(item.kind, item.payload["comment_id"]) for item in queued] == [
        ("analyse_comment", comment.id) for comment in comments]

    assert run_outbox()["done"] == 2
    assert sorted(analysed) == [c.id for c in comments]
    better = stored_comments()[1]
    assert better.analysed_at is not None and better.sentiment
    assert "Patel" in better.raw_text and "Patel" not in better.redacted_text


def test_a_failing_analysis_step_is_retried_and_never_loses_the_answers(client_request, parent_survey, run_outbox,
                                                                       monkeypatch):
    monkeypatch.setattr(comment_service, "score_sentiment", lambda text: 1 / 0)
    answer_parent_survey(client_request)
    submit(client_request, expected_redirect="/respond/survey/done")
    start = utcnow()
    assert run_outbox(now=start) == {"done": 0, "retry": 2, "failed": 0, "skipped": 0}

    [response] = db.session.scalars(select(Response)).all()
    assert response.status == "submitted"
    assert db.session.scalar(select(db.func.count(Answer.id)).where(Answer.response_id == response.id)) >= 4
    assert [c.raw_text for c in stored_comments()] == ["The caseworker was kind.", "Emails were not answered."]
    assert all(c.analysed_at is None and c.redacted_text == "" for c in stored_comments()), "half an analysis is kept"
    items = db.session.scalars(select(OutboxItem)).all()
    assert all(i.status == "pending" and i.attempts == 1 and "ZeroDivisionError" in i.last_error for i in items)

    monkeypatch.undo()
    assert run_outbox(now=start + timedelta(seconds=5))["done"] == 0, "not before its backoff"
    assert run_outbox(now=start + timedelta(seconds=11))["done"] == 2
    assert all(c.analysed_at is not None and c.redacted_text for c in stored_comments())


def test_the_alert_for_a_flagged_comment_is_sent_by_the_worker(client_request, parent_survey, run_outbox, alerts_to):
    answer_parent_survey(client_request, better=WORRYING)
    submit(client_request, expected_redirect="/respond/survey/done")
    assert not alerts_to.exists() or list(alerts_to.iterdir()) == [], "no message from inside the request"
    assert db.session.scalars(select(Notification)).all() == []
    run_outbox()
    [flagged] = [c for c in stored_comments() if c.safeguarding_flag]
    [alert] = db.session.scalars(select(Notification)).all()
    assert (alert.kind, alert.comment_id, alert.recipient, alert.status) == (
        "safeguarding_alert", flagged.id, CONTACT, "sent")
    assert len(list(alerts_to.glob("*.eml"))) == 1


def test_the_running_worker_sends_the_alert_within_a_minute(app, client_request, parent_survey, alerts_to):
    stopping = threading.Event()
    worker = threading.Thread(target=work_until, args=(app, stopping, 0.2), daemon=True)
    worker.start()
    try:
        answer_parent_survey(client_request, better=WORRYING)
        submit(client_request, expected_redirect="/respond/survey/done")
        submitted = time.monotonic()
        while not list(alerts_to.glob("*.eml")) and time.monotonic() - submitted < 60:
            time.sleep(0.1)
        waited = time.monotonic() - submitted
    finally:
        stopping.set()
        worker.join(30)
    assert list(alerts_to.glob("*.eml")), "no alert within a minute"
    assert waited < 60
    db.session.expire_all()
    assert db.session.scalar(select(Notification.kind)) == "safeguarding_alert"
