"""Erasure on request: find a person's data by invitation link, email or phone, preview it, delete all of it, and
keep only counts in the audit log."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from surveys.models import (
    Answer,
    AudioMessage,
    AuditEvent,
    Case,
    Comment,
    FollowUp,
    Invitation,
    Notification,
    OutboxItem,
    Response,
    StaffNote,
    db,
    utcnow,
)
from surveys.services.platform import audit, outbox
from tests.factories import make_case, make_comment, make_invitation, make_survey
from tests.html import error_messages, main_text, summary_list

EMAIL = "parent@example.com"
WORDS = "My daughter Poppy Lane waited two years."


def person(app, survey, email: str, phone: str, storage: str):
    """Everything one person leaves behind: an answered invitation, a comment, audio, messages, a case."""
    invitation, token = make_invitation(survey, contact_email=email, contact_phone=phone)
    response = Response(version_id=survey.current_version.id, invitation_id=invitation.id, status="submitted",
                        submitted_at=utcnow(), contact_email=email, consent_contact=True)
    db.session.add(response)
    db.session.flush()
    better = next(q for q in survey.current_version.questions if q.key == "better")
    answer = Answer(response_id=response.id, question_id=better.id, value_text=WORDS)
    db.session.add(answer)
    db.session.add(AudioMessage(response_id=response.id, question_id=better.id, storage_name=storage,
                                content_type="audio/ogg", size_bytes=4))
    db.session.add(Notification(kind="invitation", channel="email", recipient=email, invitation_id=invitation.id,
                                notifier="outbox"))
    db.session.add(FollowUp(publication_version=1, response_id=response.id, unsubscribe_hash=storage * 2))
    db.session.commit()
    comment = make_comment(WORDS, source="survey", response_id=response.id, answer_id=answer.id)
    outbox.enqueue("invitation", {"invitation_id": invitation.id})
    outbox.enqueue("analyse_comment", {"comment_id": comment.id})
    outbox.enqueue("what_changed", {"version": 1, "response_id": response.id})
    case = make_case(contact_email=email.upper(), contact_name="Poppy's mum", details=WORDS,
                     response_text="Dear Ms Lane", contact_phone=phone)
    note_id = audit.keep_note("safeguarding_review", comment, "Rang Ms Lane")
    db.session.add(AuditEvent(action="safeguarding_review", object_type="Comment", object_id=str(comment.id),
                              detail={"outcome": "no_concern", "note_id": note_id}))
    db.session.commit()
    folder = Path(app.config["AUDIO_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / storage).write_bytes(b"OggS")
    return token, case


@pytest.fixture(autouse=True)
def own_audio_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "AUDIO_DIR", str(tmp_path / "audio"))


@pytest.fixture
def two_people(app, app_context):
    survey = make_survey()
    token, case = person(app, survey, EMAIL, "07700 900001", "a" * 32)
    _, other_case = person(app, survey, "someone@example.com", "07700900222", "b" * 32)
    return {"token": token, "case": case, "other_case": other_case}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def find(client_request, **fields):
    data = {"link": "", "email": "", "phone": ""} | fields
    return client_request.post("/staff/erasure", data, expected_status=200)


def test_preview_then_delete_everything_about_one_person(client_request, app, two_people):
    client_request.sign_in_as("admin")
    preview = find(client_request, email=EMAIL)
    counts = summary_list(preview.select_one("main"))
    assert counts["Survey responses, with every answer"] == "1" and counts["Audio messages and their files"] == "1"
    assert counts["Comments (their words, and the redacted copies)"] == "1"
    assert count(Response) == 2  # nothing deleted by looking
    refused = client_request.post("/staff/erasure/delete", {"email": EMAIL, "link": "", "phone": ""},
                                  expected_status=400, form_url="/staff/erasure")
    assert "Confirm you have checked before deleting" in error_messages(refused) and count(Response) == 2
    done = client_request.post("/staff/erasure/delete", {"email": EMAIL, "link": "", "phone": "", "confirm": "y"},
                               expected_status=200, form_url="/staff/erasure")
    assert "Their data has been deleted" in main_text(done)
    db.session.expire_all()
    assert (count(Response), count(Answer), count(Comment), count(AudioMessage), count(Invitation),
            count(Notification), count(FollowUp), count(OutboxItem)) == (1, 1, 1, 1, 1, 1, 1, 3)  # the other's only
    assert db.session.scalar(select(Response.contact_email)) == "someone@example.com"
    assert sorted(path.name for path in Path(app.config["AUDIO_DIR"]).iterdir()) == ["b" * 32]
    case = db.session.get(Case, two_people["case"].id)
    assert (case.contact_email, case.contact_name, case.details, case.response_text) == (None, None, "", "")
    assert case.reference == two_people["case"].reference  # timeliness figures stay true
    assert db.session.get(Case, two_people["other_case"].id).details == WORDS
    reviews = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "safeguarding_review")))
    assert len(reviews) == 2  # the reviews stay in the log, untouched
    notes = audit.note_texts(review.detail["note_id"] for review in reviews)
    assert list(notes.values()) == ["Rang Ms Lane"] and count(StaffNote) == 1  # the other person keeps theirs
    record = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "erasure"))
    assert record.detail["responses"] == 1 and record.detail["audio_files"] == 1
    assert "example.com" not in str(record.detail) and "Poppy" not in str(record.detail)
    assert find(client_request, email=EMAIL).select_one("#nothing-found")  # a second search finds nothing


def test_found_by_the_invitation_link(client_request, two_people):
    client_request.sign_in_as("admin")
    preview = find(client_request, link=f"https://yousaid.example/respond/i/{two_people['token']}")
    assert summary_list(preview.select_one("main"))["Invitations"] == "1"


def test_found_by_the_phone_number_however_it_is_written(client_request, two_people):
    client_request.sign_in_as("admin")
    preview = find(client_request, phone="+44 7700 900001")
    counts = summary_list(preview.select_one("main"))
    assert counts["Invitations"] == "1" and counts.get("Cases: their contact details and words (the reference, "
                                                       "dates and outcome stay)") == "1"


def test_a_search_needs_something_to_search_by(client_request, two_people):
    client_request.sign_in_as("admin")
    page = client_request.post("/staff/erasure", {"link": "", "email": "", "phone": ""}, expected_status=400)
    assert page.title.get_text().startswith("Error: ")
    assert "Enter an invitation link, an email address or a phone number" in error_messages(page)


@pytest.mark.parametrize("role", ["complaints_officer", "safeguarding_lead", "coproduction_lead", "viewer"])
def test_only_admins_erase(client_request, two_people, role):
    client_request.sign_in_as(role)
    client_request.get("/staff/erasure", expected_status=403)
    assert client_request.client.post("/staff/erasure/delete", data={"email": EMAIL, "confirm": "y"}).status_code \
        in (400, 403)
    assert count(Response) == 2
