"""Retention: the rules admins set are what the nightly clean-up removes, in committed batches, once; and what
the privacy notice states."""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from surveys import jobs
from surveys.models import (
    Answer,
    AudioMessage,
    AuditEvent,
    Case,
    Comment,
    Invitation,
    Response,
    RetentionRule,
    StaffNote,
    db,
    utcnow,
)
from surveys.services.platform import retention
from surveys.transactions import transaction
from tests.factories import make_case, make_comment, make_invitation, make_survey, make_user
from tests.html import error_messages, main_text, text_of

OLD = utcnow() - timedelta(days=400)
RAW = "My son Tom Baker at Oakfield School waited a year."
REDACTED = "My son [name] at [school] waited a year."


def set_rules(**days):
    retention.set_retention(make_user("admin"), days)
    db.session.commit()


@pytest.fixture
def old_data(app, app_context):
    """Personal data of every class, some past a year and some new."""
    survey = make_survey()
    response = Response(version_id=survey.current_version.id, status="submitted", submitted_at=OLD,
                        contact_email="old@example.com", contact_phone="07700900001")
    db.session.add(response)
    db.session.flush()
    better = next(q for q in survey.current_version.questions if q.key == "better")
    answer = Answer(response_id=response.id, question_id=better.id, value_text=RAW)
    db.session.add(answer)
    unsent = Response(version_id=survey.current_version.id, status="in_progress", started_at=OLD)
    unsent.answers.append(Answer(question_id=better.id, value_text=RAW))
    db.session.add(unsent)
    db.session.commit()
    data = {
        "old_comment": make_comment(RAW, redacted_text=REDACTED, received_at=OLD, answer_id=answer.id),
        "new_comment": make_comment(RAW, redacted_text=REDACTED),
        "flagged": make_comment(RAW, redacted_text=REDACTED, received_at=OLD, safeguarding_flag=True,
                                safeguarding_reason="abuse"),
        "answer": answer, "response": response,
        "case": make_case(summary="Tom Baker's review", contact_name="Tom Baker", contact_email="tb@example.com",
                          details=RAW, response_text="Dear Tom Baker, we are sorry.", received_on=date(2024, 1, 2),
                          responded_on=date(2024, 2, 1)),
        "open_case": make_case(contact_name="Ann Open", received_on=date(2024, 1, 2)),
        "invitation": make_invitation(survey)[0],
    }
    data["invitation"].created_at, data["invitation"].expires_at = OLD, OLD + timedelta(days=42)
    message = AudioMessage(response_id=response.id, question_id=better.id, storage_name="old.ogg",
                           content_type="audio/ogg", size_bytes=4, transcript=RAW, created_at=OLD, transcribed_at=OLD)
    db.session.add(message)
    note = StaffNote(kind="safeguarding_review", object_type="Comment", object_id="1",
                     text="Spoke to Tom Baker's mum", created_at=OLD)
    db.session.add(note)
    db.session.flush()
    db.session.add(AuditEvent(action="safeguarding_review", object_type="Comment", object_id="1", created_at=OLD,
                              detail={"outcome": "no_concern", "note_id": note.id}))
    db.session.commit()
    folder = Path(app.config["AUDIO_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "old.ogg").write_bytes(b"OggS")
    os.utime(folder / "old.ogg", (OLD.timestamp(), OLD.timestamp()))
    data["audio"] = message
    return data


def test_no_rules_removes_nothing(old_data):
    report = jobs.run_job("clean_up")
    assert {key: report.get(key) for key in retention.STEPS} == dict.fromkeys(retention.STEPS)
    db.session.expire_all()
    assert db.session.get(Comment, old_data["old_comment"].id).raw_text == RAW


def test_the_clean_up_applies_each_rule_and_reports_it(app, old_data):
    set_rules(raw_text=365, contact_details=365, audio=365, audit_notes=365)
    report = jobs.run_job("clean_up")
    assert report["raw_text"] == 5  # the old comment, its answer, the unsent answers, the answered case, the transcript
    assert report["contact_details"] == 3 and report["audio"] == 1 and report["audit_notes"] == 1
    db.session.expire_all()
    assert db.session.get(Comment, old_data["old_comment"].id).raw_text == REDACTED
    assert db.session.get(Comment, old_data["new_comment"].id).raw_text == RAW  # not a year old
    assert db.session.get(Comment, old_data["flagged"].id).raw_text == RAW  # waits for its review
    assert db.session.get(Answer, old_data["answer"].id).value_text == REDACTED
    case = db.session.get(Case, old_data["case"].id)
    assert "Tom Baker" not in f"{case.details} {case.summary} {case.response_text}"
    assert (case.contact_name, case.contact_email) == (None, None) and case.raw_text_removed_at is not None
    assert db.session.get(Case, old_data["open_case"].id).contact_name == "Ann Open"  # not answered yet
    response = db.session.get(Response, old_data["response"].id)
    assert (response.contact_email, response.contact_phone) == (None, None)
    assert db.session.get(Invitation, old_data["invitation"].id).contact_email is None
    assert db.session.scalar(select(AudioMessage)) is None
    assert not (Path(app.config["AUDIO_DIR"]) / "old.ogg").exists()
    review = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "safeguarding_review"))
    assert review.detail["outcome"] == "no_concern"  # the event stays as it was; the note beside it goes
    assert db.session.scalar(select(StaffNote)) is None
    assert db.session.scalars(select(Response.status)).all() == ["submitted"]  # the unsent answers went
    recorded = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "retention_applied"))
    assert recorded.detail == {"raw_text": 5, "contact_details": 3, "audio": 1, "audit_notes": 1}


def test_a_second_run_removes_nothing_more(old_data):
    set_rules(raw_text=365, contact_details=365, audio=365, audit_notes=365)
    jobs.run_job("clean_up")
    again = jobs.run_job("clean_up")
    assert [again[key] for key in retention.STEPS] == [0, 0, 0, 0]
    assert len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "retention_applied")).all()) == 1


def test_a_run_killed_midway_keeps_its_committed_batches_and_the_next_run_finishes(old_data, monkeypatch):
    for _ in range(3):
        make_comment(RAW, redacted_text=REDACTED, received_at=OLD)
    set_rules(raw_text=365)
    step = retention.STEPS["raw_text"][0]
    real, calls = step.remove, []

    def dies_on_the_second_batch(ids):
        calls.append(ids)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")
        return real(ids)

    monkeypatch.setattr(step, "remove", dies_on_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        retention.apply_retention(utcnow(), each=transaction, batch=1)
    db.session.expire_all()
    still_raw = db.session.scalars(select(Comment.id).where(Comment.raw_text == RAW, Comment.received_at < utcnow()
                                                            - timedelta(days=365))).all()
    assert len(still_raw) == 4 - 1 + 1  # one batch done; the flagged one always waits
    monkeypatch.undo()
    report = retention.apply_retention(utcnow(), each=transaction, batch=1)
    assert report["raw_text"] == 3 + 4  # three comments left, the answer, the unsent answers, case, transcript
    db.session.expire_all()
    assert db.session.scalars(select(Comment.id).where(Comment.raw_text == RAW, Comment.received_at < utcnow()
                                                       - timedelta(days=365))).all() == [old_data["flagged"].id]


def test_the_privacy_notice_states_the_rules_applied(client_request):
    page = client_request.get("/privacy")
    rules = text_of(page.select_one("#retention-rules"))
    assert "has not set a time limit" in rules
    set_rules(raw_text=365, contact_details=730)
    rules = text_of(client_request.get("/privacy").select_one("#retention-rules"))
    assert "What people wrote in their own words: kept for 365 days" in rules
    assert "Contact details (names, email addresses and phone numbers): kept for 730 days" in rules
    assert "Audio messages: " in rules and "not set a time limit" in rules


def test_admins_set_the_rules_on_the_settings_page(client_request):
    client_request.sign_in_as("admin")
    client_request.post("/staff/settings/retention", {"raw_text": "365", "audio": "90", "contact_details": "",
                                                      "audit_notes": ""}, expected_redirect="/staff/settings")
    assert retention.retention_days() == {"raw_text": 365, "contact_details": None, "audio": 90, "audit_notes": None}
    page = client_request.get("/staff/settings")
    assert "365 days" in main_text(page)
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "retention_rules_set"))


@pytest.mark.parametrize("value, message", [("a year", "Enter the number of days as a whole number, like 365"),
                                            ("0", "Enter a number of days from 1 to 36,500, or leave it empty")])
def test_bad_days_are_refused_with_a_message(client_request, value, message):
    client_request.sign_in_as("admin")
    page = client_request.post("/staff/settings/retention", {"raw_text": value}, expected_status=400)
    title = page.title.get_text().strip()
    assert title.startswith("Error: ") and not title.startswith("Error: Error") and message in error_messages(page)
    assert db.session.scalar(select(RetentionRule)) is None


@pytest.mark.parametrize("role", ["coproduction_lead", "complaints_officer", "viewer"])
def test_only_admins_set_retention(client_request, role):
    client_request.sign_in_as(role)
    client_request.get("/staff/settings/retention", expected_status=403)
