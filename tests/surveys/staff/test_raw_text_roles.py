"""The one raw-text rule on every page that shows a person's own words: cases (summary, details, draft response)
and audio messages (the voice and its transcript). Roles outside the rule read redacted text or nothing; every
raw-text view is audited."""

from pathlib import Path

import pytest
from sqlalchemy import select

from surveys.models import AudioMessage, AuditEvent, Response, db
from surveys.services.platform.raw_text import RAW_TEXT_ROLES, may_read_raw
from surveys.staff.audio_views import AUDIO_ROLES
from surveys.staff.case_views import RESPOND_ROLES
from tests.factories import make_case, make_comment, make_partner, make_survey
from tests.html import main_text

NAME = "Jane Smithson"
SUMMARY = "Jane Smithson, late review of the plan"
DRAFT = f"Dear {NAME},\n\nYou told us: the annual review was three months late."


@pytest.fixture
def case(app_context):
    partner = make_partner("North Exampleshire ICB")
    made = make_case(partner=partner, summary=SUMMARY, contact_name=NAME, contact_email="jane@example.com",
                     details="My name is Jane Smithson and the annual review was three months late.",
                     response_text=DRAFT)
    make_comment("My name is Jane Smithson and the annual review was three months late.", source="case",
                 redacted_text="My name is [name] and the annual review was three months late.", case_id=made.id)
    return made


def _raw_views() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "view_raw_text")))


@pytest.mark.parametrize("role", ["viewer", "coproduction_lead"])
def test_roles_without_raw_text_never_read_the_name_or_the_draft(client_request, case, role):
    client_request.sign_in_as(role)
    page = client_request.get(f"/staff/cases/{case.id}")
    text = main_text(page)
    assert "Smithson" not in text and "Dear" not in text
    assert "late review of the plan" in text  # the summary, redacted, not dropped
    assert "written to the person by name" in page.select_one("#response-hidden").get_text()
    listing = client_request.get("/staff/cases")
    assert "Smithson" not in main_text(listing) and "late review of the plan" in main_text(listing)
    assert _raw_views() == []


@pytest.mark.parametrize("role", ["complaints_officer", "safeguarding_lead", "admin"])
def test_raw_text_roles_read_the_draft_and_it_is_audited(client_request, case, role):
    client_request.sign_in_as(role)
    page = client_request.get(f"/staff/cases/{case.id}")
    assert f"Dear {NAME}" in main_text(page) and SUMMARY in main_text(page)
    assert page.select_one("#response-hidden") is None
    assert {"purpose": "case"} in _raw_views()


def test_partner_lead_reads_own_partner_draft_and_the_response_page_is_audited(client_request, case):
    client_request.sign_in_as("partner_lead", partner=case.partner)
    page = client_request.get(f"/staff/cases/{case.id}/response")
    assert NAME in page.select_one("textarea").get_text()
    assert {"purpose": "case_response"} in _raw_views()


def test_the_rule_is_one_rule():
    assert set(RESPOND_ROLES) <= RAW_TEXT_ROLES  # writing the response means reading the person's words
    assert set(AUDIO_ROLES) <= RAW_TEXT_ROLES


# --- Audio messages and their transcripts ---------------------------------------------------------------------


def _audio(app, partner, *, flagged: bool) -> AudioMessage:
    survey = make_survey()
    response = Response(version_id=survey.current_version.id, status="submitted", partner_id=partner.id)
    db.session.add(response)
    db.session.flush()
    comment = make_comment("Transcript with Jane Smithson in it", source="transcript", safeguarding_flag=flagged,
                           safeguarding_reason="self_harm" if flagged else "")
    message = AudioMessage(response_id=response.id, question_id=survey.current_version.questions[0].id,
                           storage_name=f"{'f' if flagged else 'u'}{response.id}.ogg", content_type="audio/ogg",
                           size_bytes=4, transcript="Transcript with Jane Smithson in it", comment_id=comment.id)
    db.session.add(message)
    db.session.commit()
    folder = Path(app.config["AUDIO_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / message.storage_name).write_bytes(b"OggS")
    return message


@pytest.mark.parametrize("role", ["analyst", "coproduction_lead", "viewer", "pcf_rep", "complaints_officer"])
def test_roles_outside_the_audio_work_cannot_open_transcripts(client_request, app, role):
    partner = make_partner()
    message = _audio(app, partner, flagged=False)
    client_request.sign_in_as(role)
    client_request.get(f"/staff/audio/{message.id}", expected_status=403)
    assert client_request.client.get(f"/staff/audio/{message.id}/file").status_code == 403


def test_partner_lead_opens_an_unflagged_transcript_audited_but_never_a_flagged_one(client_request, app):
    partner = make_partner()
    plain, flagged = _audio(app, partner, flagged=False), _audio(app, partner, flagged=True)
    client_request.sign_in_as("partner_lead", partner=partner)
    listing = client_request.get("/staff/audio")
    links = [a["href"] for a in listing.select("main a")]
    assert f"/staff/audio/{plain.id}" in links and f"/staff/audio/{flagged.id}" not in links
    page = client_request.get(f"/staff/audio/{plain.id}")
    assert "Jane Smithson" in page.select_one("textarea").get_text()
    assert client_request.client.get(f"/staff/audio/{plain.id}/file").status_code == 200
    assert {"purpose": "audio_transcript"} in _raw_views() and {"purpose": "audio"} in _raw_views()
    before = len(_raw_views())
    denied = client_request.get(f"/staff/audio/{flagged.id}", expected_status=403)
    assert "Smithson" not in main_text(denied)
    assert client_request.client.get(f"/staff/audio/{flagged.id}/file").status_code == 403
    assert len(_raw_views()) == before


def test_safeguarding_lead_opens_a_flagged_transcript_and_it_is_audited(client_request, app):
    message = _audio(app, make_partner(), flagged=True)
    client_request.sign_in_as("safeguarding_lead")
    page = client_request.get(f"/staff/audio/{message.id}")
    assert "Jane Smithson" in page.select_one("textarea").get_text()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "view_raw_text"))
    assert event.object_type == "AudioMessage" and event.object_id == str(message.id)
    assert "Smithson" not in str(event.detail)


def test_may_read_raw_per_role():
    class Someone:
        def __init__(self, role):
            self.role = role

    assert [role for role in ("admin", "analyst", "viewer", "partner_lead") if may_read_raw(Someone(role))] == [
        "admin", "partner_lead"]
    assert not may_read_raw(Someone("partner_lead"), flagged=True)
    assert may_read_raw(Someone("safeguarding_lead"), flagged=True)
