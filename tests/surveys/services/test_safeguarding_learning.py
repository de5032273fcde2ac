"""Staff decisions on flagged comments: kept on the comment, and the triage model retrained from them."""

import os
import time

import pytest

from analysis import triage_model
from surveys import jobs
from surveys.models import Comment, db
from surveys.services.understand import safeguarding
from surveys.services.understand.safeguarding import learning
from tests.factories import make_comment, make_user

CONCERN = "He keeps saying the tall man from the flats gives him sweets to keep quiet about the garage."
NO_CONCERN = "The forms for the transport appeal nearly finished me off, what a palaver."


def flagged(text: str) -> Comment:
    return make_comment(text, safeguarding_flag=True, safeguarding_reason="possible risk")


@pytest.mark.parametrize(("outcome", "decision"), [
    ("referred", "concern"), ("already_known", "concern"), ("no_concern", "no_concern"),
])
def test_each_review_outcome_records_the_decision_on_the_comment(app_context, outcome, decision):
    comment = flagged(CONCERN)
    assert comment.safeguarding_decision is None
    safeguarding.record_review(make_user("safeguarding_lead"), comment, outcome)
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).safeguarding_decision == decision


def test_a_second_review_replaces_the_decision(app_context):
    lead = make_user("safeguarding_lead")
    comment = flagged(CONCERN)
    safeguarding.record_review(lead, comment, "no_concern")
    safeguarding.record_review(lead, comment, "referred", "The school told us more.")
    assert comment.safeguarding_decision == "concern"


def test_a_refused_review_records_no_decision(app_context):
    comment = flagged(CONCERN)
    with pytest.raises(Exception):  # noqa: B017 - Invalid, then nothing changed
        safeguarding.record_review(make_user("safeguarding_lead"), comment, "ignored")
    db.session.rollback()
    assert db.session.get(Comment, comment.id).safeguarding_decision is None


def test_decisions_are_the_words_and_whether_there_was_a_concern(app_context):
    lead = make_user("safeguarding_lead")
    safeguarding.record_review(lead, flagged(CONCERN), "referred")
    safeguarding.record_review(lead, flagged(NO_CONCERN), "no_concern")
    flagged("Not reviewed yet.")
    assert learning.decisions() == [(CONCERN, True), (NO_CONCERN, False)]


@pytest.fixture
def small_model(tmp_path, monkeypatch):
    """Retrain into a temporary file from a small corpus, so the test is quick and the shipped model untouched."""
    path = tmp_path / "triage_model.npz"
    monkeypatch.setattr(triage_model, "model_path", lambda: path)
    monkeypatch.setattr(triage_model, "read_corpus", lambda _path: [
        (1, "she is cutting herself"), (1, "he hits me"), (0, "the bus was late"), (0, "lovely staff")])
    monkeypatch.setattr(triage_model, "read_lines", lambda _path: ["thank you", "parking was hard"])
    return path


def test_the_retrain_job_learns_from_decisions_and_saves_where_triage_loads(app_context, small_model):
    lead = make_user("safeguarding_lead")
    safeguarding.record_review(lead, flagged(CONCERN), "referred")
    safeguarding.record_review(lead, flagged(NO_CONCERN), "no_concern")
    db.session.flush()
    assert jobs.jobs_by_name()["retrain_triage_model"] is jobs.retrain_triage_model
    assert jobs.retrain_triage_model() == 2
    model = triage_model.shipped_model()
    assert small_model.exists() and model is not None
    concern, no_concern = model.scores([CONCERN.lower(), NO_CONCERN.lower()])
    assert concern > 0.5 > no_concern  # the staff decisions moved the model


def test_the_retrain_job_does_nothing_without_new_decisions(app_context, small_model):
    assert jobs.retrain_triage_model() == 0  # no decision at all
    assert not small_model.exists()
    safeguarding.record_review(make_user("safeguarding_lead"), flagged(CONCERN), "referred")
    db.session.flush()
    assert jobs.retrain_triage_model() == 1
    written = small_model.stat().st_mtime_ns
    time.sleep(0.01)
    assert jobs.retrain_triage_model() == 0  # nothing new since the model was written
    assert small_model.stat().st_mtime_ns == written
    os.utime(small_model, (0, 0))  # a model older than the latest decision is retrained
    assert jobs.retrain_triage_model() == 1
