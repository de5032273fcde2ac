"""Invitations: tokens stored only as hashes, links, expiry, and CSV upload with a report by line number."""

import stat
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from surveys.batches import send_uploaded_invitations
from surveys.models import AuditEvent, Invitation, Notification, db, utcnow
from surveys.services.capture import invitation_lists as lists
from surveys.services.capture import invitation_upload as upload
from surveys.services.capture.invitation_upload import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_ROWS,
    add_invitations,
)
from surveys.services.capture.invitations import (
    create_invitation,
    find_invitation,
    hash_token,
    invitation_url,
    is_expired,
    new_token,
)
from tests.factories import make_partner, make_survey, make_user

HEADER = "email,mobile,journey_stage,locality,partner,need_type\n"


def invitations() -> list[Invitation]:
    return list(db.session.scalars(select(Invitation).order_by(Invitation.id)))


def import_invitations(survey, data, *, send=True, user=None):
    """Upload as the upload page does: add the invitations, commit them, then send and commit again."""
    report, created = add_invitations(survey, data.encode() if isinstance(data, str) else data, user=user)
    db.session.commit()
    if send and report.error is None:
        send_uploaded_invitations(created, report)
    return report


def outbox_files(app) -> list[Path]:
    folder = Path(app.config["OUTBOX_DIR"])
    return sorted(p for p in folder.glob("*") if not p.name.startswith(".")) if folder.exists() else []


@pytest.fixture(autouse=True)
def empty_outbox(app):
    for path in outbox_files(app):
        path.unlink()


# -- tokens -----------------------------------------------------------------------------------------------


def test_tokens_are_long_random_and_url_safe():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    for token in tokens:
        assert len(token) >= 43  # 32 bytes, base64: 256 bits
        assert token.replace("-", "").replace("_", "").isalnum()


def test_hash_is_sha256_hex():
    digest = hash_token("abc")
    assert digest == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert len(hash_token(new_token())) == 64


def test_only_the_hash_is_stored_and_the_token_finds_the_invitation(app_context):
    survey = make_survey()
    invitation, token = create_invitation(survey, contact_email="parent@example.com", journey_stage="final_plan")
    stored = db.session.get(Invitation, invitation.id)
    assert stored.token_hash == hash_token(token)
    assert token not in str([getattr(stored, c.key) for c in Invitation.__table__.columns])
    assert find_invitation(token).id == invitation.id
    assert find_invitation(token + "x") is None
    assert find_invitation("") is None
    assert find_invitation(None) is None
    assert find_invitation("x" * 5000) is None


def test_expiry_is_the_end_of_a_day_in_england(app_context, app):
    invitation, _ = create_invitation(make_survey(), contact_email="a@example.com", valid_days=10)
    remaining = invitation.expires_at - utcnow()
    assert timedelta(days=10) <= remaining <= timedelta(days=11)
    assert not is_expired(invitation)
    assert is_expired(invitation, now=invitation.expires_at)
    assert is_expired(invitation, now=utcnow() + timedelta(days=12))
    default, _ = create_invitation(make_survey(), contact_email="b@example.com")
    assert (default.expires_at - utcnow()).days >= app.config["INVITATION_VALID_DAYS"]


def test_unknown_journey_stage_is_refused(app_context):
    with pytest.raises(ValueError):
        create_invitation(make_survey(), contact_email="a@example.com", journey_stage="lunch")


def test_invitation_url(app_context, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://feedback.example.gov.uk/")
    assert invitation_url("abc") == "https://feedback.example.gov.uk/respond/i/abc"


# -- checking values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("07700 900982", "+447700900982"),
    ("07700-900-982", "+447700900982"),
    ("+44 7700 900982", "+447700900982"),
    ("+44 (0)7700 900982", "+447700900982"),
    ("00447700900982", "+447700900982"),
    ("7700900982", "+447700900982"),  # Excel dropped the leading zero
    ("01632 960001", None),  # a landline
    ("0770090098", None),
    ("7.7009E+09", None),
    ("phone me", None),
])
def test_uk_mobile_numbers(value, expected):
    assert upload.normalise_mobile(value) == expected


@pytest.mark.parametrize("value, ok", [
    ("jane@example.com", True), ("Jane.Doe+forum@Example.CO.UK", True), ("jane@", False),
    ("jane example.com", False), ("jane@example", False), ("jane@@example.com", False), ("a..b@example.com", False),
])
def test_email_addresses(value, ok):
    assert (upload.normalise_email(value) is not None) is ok


@pytest.mark.parametrize("value, key", [
    ("final_plan", "final_plan"), ("Final EHC plan issued", "final_plan"), ("final plan", "final_plan"),
    ("FINAL EHCP", "final_plan"), ("Annual review", "annual_review"), ("EHC needs assessment", "needs_assessment"),
    ("phase-transfer", "phase_transfer"), ("Tribunal", "tribunal"), ("lunch", None),
])
def test_journey_stages_by_key_label_or_common_name(value, key):
    assert upload.parse_journey_stage(value) == key


# -- CSV upload ---------------------------------------------------------------------------------------------


def test_good_rows_are_invited_and_sent(app_context, app):
    survey = make_survey()
    partner = make_partner("North Exampleshire ICB", kind="icb")
    csv_text = HEADER + (
        "jane@example.com,,Final EHC plan issued,Eastmoor,north exampleshire icb,Autism\n"
        ",07700 900982,annual review,,,\n"
        "sam@example.com,07700900983,,,,\n"
    )
    report = import_invitations(survey, csv_text)
    assert report.error is None and report.problems == []
    assert report.invited == 3
    assert report.messages_sent == 4 and report.messages_failed == 0
    first, second, third = invitations()
    assert (first.contact_email, first.journey_stage, first.locality, first.partner_id, first.need_type) == (
        "jane@example.com", "final_plan", "Eastmoor", partner.id, "Autism")
    assert second.contact_phone == "+447700900982" and second.journey_stage == "annual_review"
    assert all(i.sent_at is not None for i in (first, second, third))
    assert len(outbox_files(app)) == 4
    assert db.session.scalar(select(db.func.count(Notification.id))) == 4


def test_bad_rows_are_reported_by_spreadsheet_line_and_good_rows_still_go_in(app_context):
    survey = make_survey()
    csv_text = HEADER + (
        "good@example.com,,,,,\n"  # line 2
        "not-an-email,,,,,\n"  # line 3
        ",01632 960001,,,,\n"  # line 4: a landline
        ",,final plan,,,\n"  # line 5: no contact
        "x@example.com,,lunch,,,\n"  # line 6
        "y@example.com,,,,Nobody Council,\n"  # line 7
        "\n"  # line 8: blank, ignored
        "good2@example.com,,,,,\n"  # line 9
    )
    report = import_invitations(survey, csv_text, send=False)
    assert report.invited == 2
    lines = {p.line: p.reason for p in report.problems}
    assert sorted(lines) == [3, 4, 5, 6, 7]
    assert "email address in the correct format" in lines[3]
    assert "UK mobile number" in lines[4]
    assert lines[5] == "Enter an email address or a mobile number"
    assert "Journey stage must be one of" in lines[6] and "Final EHC plan issued" in lines[6]
    assert "no partner called ‘Nobody Council’" in lines[7]
    assert "not-an-email" not in str(report.problems)  # reasons never repeat contact details
    assert [i.contact_email for i in invitations()] == ["good@example.com", "good2@example.com"]


def test_a_row_can_have_several_problems(app_context):
    report = import_invitations(make_survey(), HEADER + "bad,bad,lunch,,,\n", send=False)
    assert len(report.problems) == 1
    reason = report.problems[0].reason
    assert "email" in reason and "mobile" in reason and "Journey stage" in reason


def test_duplicates_within_the_file_keep_the_first(app_context):
    csv_text = HEADER + (
        "jane@example.com,,,,,\n"
        "JANE@example.com,,,,,\n"
        ",07700 900982,,,,\n"
        "other@example.com,+447700900982,,,,\n"
    )
    report = import_invitations(make_survey(), csv_text, send=False)
    assert report.invited == 2
    assert [(p.line, p.reason) for p in report.problems] == [
        (3, "Same email address as line 2"), (5, "Same mobile number as line 4")]


def test_uploading_the_same_file_twice_invites_nobody_twice(app_context):
    survey = make_survey()
    csv_text = HEADER + "jane@example.com,,,,,\n"
    assert import_invitations(survey, csv_text, send=False).invited == 1
    again = import_invitations(survey, csv_text, send=False)
    assert again.invited == 0
    assert again.problems[0].reason == "This email address has already been invited to this survey"
    assert import_invitations(make_survey(), csv_text, send=False).invited == 1  # another survey is fine


def test_line_numbers_count_rows_not_physical_lines(app_context):
    csv_text = HEADER + '"a@example.com",,,"Line one\nline two",,\nbad,,,,,\n'
    report = import_invitations(make_survey(), csv_text, send=False)
    assert [p.line for p in report.problems] == [3]


def test_bom_windows_line_endings_and_other_column_names(app_context):
    raw = "\ufeffEmail address,Mobile number,Stage,Name\r\njane@example.com,07700 900982,Final EHC plan issued,Jane\r\n"
    report = import_invitations(make_survey(), raw.encode("utf-8"), send=False)
    assert report.error is None and report.invited == 1
    assert report.ignored_columns == ["Name"]
    assert invitations()[0].journey_stage == "final_plan"


def test_a_file_object_works(app_context):
    import io

    report = import_invitations(make_survey(), io.BytesIO((HEADER + "a@example.com,,,,,\n").encode()), send=False)
    assert report.invited == 1


@pytest.mark.parametrize("data, message", [
    (b"", "The selected file is empty"),
    (b"\r\n\r\n", "The selected file is empty"),
    (b"name,locality\nJane,North\n", "must have a column called ‘email’ or ‘mobile’"),
    ("email,mobile\n".encode("utf-16"), "must be saved as ‘CSV UTF-8’"),
    (b"email\n\x81\x8d\x8f\x90@example.com\n", "must be saved as ‘CSV UTF-8’"),
    (b"email,e-mail\na@example.com,b@example.com\n", "more than one ‘email’ column"),
    (b"x" * (MAX_UPLOAD_BYTES + 1), "smaller than 5MB"),
])
def test_files_that_cannot_be_used_import_nothing(app_context, data, message):
    report = import_invitations(make_survey(), data, send=False)
    assert report.error is not None and message in report.error
    assert report.invited == 0 and invitations() == []


def test_too_many_rows_imports_nothing(app_context):
    rows = "".join(f"p{n}@example.com\n" for n in range(MAX_UPLOAD_ROWS + 1))
    report = import_invitations(make_survey(), "email\n" + rows, send=False)
    assert "20,000 rows or fewer" in report.error
    assert invitations() == []


def test_exactly_the_row_limit_is_allowed(app_context):
    rows = "".join(f"p{n}@example.com\n" for n in range(MAX_UPLOAD_ROWS))
    report = import_invitations(make_survey(), "email\n" + rows, send=False)
    assert report.error is None and report.invited == MAX_UPLOAD_ROWS


def test_a_huge_cell_is_a_bad_row_not_an_unreadable_file(app_context):
    report = import_invitations(make_survey(), 'email\n"' + "a" * 200_000 + '"\nb@example.com\n', send=False)
    assert report.error is None and report.invited == 1
    assert [(p.line, p.reason[:30]) for p in report.problems] == [(2, "Enter the email address in the")]


def test_a_plain_excel_csv_in_windows_1252_is_read(app_context):
    report = import_invitations(make_survey(), "email,locality\njose@example.com,Peñistone\n".encode("cp1252"),
                                send=False)
    assert report.error is None and invitations()[0].locality == "Peñistone"


def test_an_unquoted_comma_is_a_bad_row(app_context):
    report = import_invitations(make_survey(), "email,locality\na@example.com,North, East\n", send=False)
    assert report.invited == 0 and "more filled cell(s) than the header" in report.problems[0].reason


def test_a_failing_message_does_not_stop_the_batch_or_lose_the_invitation(app_context, app, monkeypatch):
    from surveys.services.platform.notify import OutboxNotifier

    real_send = OutboxNotifier.send_email

    def flaky(self, to, subject, body, *, reference):
        if to.startswith("bounce"):
            raise ConnectionError("mail server said no")
        return real_send(self, to, subject, body, reference=reference)

    monkeypatch.setattr(OutboxNotifier, "send_email", flaky)
    csv_text = HEADER + "a@example.com,,,,,\nbounce@example.com,,,,,\nc@example.com,,,,,\n"
    report = import_invitations(make_survey(), csv_text)
    assert report.invited == 3 and report.messages_sent == 2 and report.messages_failed == 1
    bounced = next(i for i in invitations() if i.contact_email.startswith("bounce"))
    assert bounced.sent_at is None
    failed = db.session.scalar(select(Notification).where(Notification.status == "failed"))
    assert failed.invitation_id == bounced.id and "mail server said no" in failed.error
    assert len(outbox_files(app)) == 2


def test_outbox_files_are_private(app_context, app):
    import_invitations(make_survey(), HEADER + "a@example.com,,,,,\n")
    (path,) = outbox_files(app)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_upload_is_audited_without_contact_details(app_context):
    user = make_user(role="coproduction_lead")
    survey = make_survey()
    report = import_invitations(survey, HEADER + "jane@example.com,,,,,\nbad,,,,,\n", user=user)
    event = db.session.get(AuditEvent, report.audit_event_id)
    assert event.action == "invitations.upload" and event.user_id == user.id
    assert event.object_type == "Survey" and event.object_id == str(survey.id)
    detail = upload.upload_detail(event)  # the send counts are a second event: the log is append-only
    assert detail["invited"] == 1 and detail["messages_sent"] == 1
    assert event.detail["problems"] == [[3, "Enter the email address in the correct format, like name@example.com"]]
    assert "jane" not in str(event.detail)
    assert upload.upload_report(event.id).id == event.id


def test_a_rejected_upload_is_audited_too(app_context):
    user = make_user(role="coproduction_lead")
    report = import_invitations(make_survey(), b"", user=user)
    event = db.session.get(AuditEvent, report.audit_event_id)
    assert event.detail["error"] == "The selected file is empty"


def test_counts_and_lists_are_scoped_to_a_partner_lead(app_context):
    from surveys.services.capture.invitation_lists import invitation_counts, list_invitations

    ours, theirs = make_partner(), make_partner()
    survey = make_survey()
    create_invitation(survey, contact_email="ours@example.com", partner=ours)
    create_invitation(survey, contact_email="theirs@example.com", partner=theirs)
    create_invitation(survey, contact_email="nobody@example.com")
    lead = make_user(role="partner_lead", partner=ours)
    (counts,) = invitation_counts(lead)
    assert counts.invited == 1 and counts.not_sent == 1
    items, total = list_invitations(survey, lead)
    assert total == 1 and items[0].contact == "o***@example.com"
    everyone = make_user(role="coproduction_lead")
    assert invitation_counts(everyone)[0].invited == 3
    assert list_invitations(survey, everyone, per_page=2)[1] == 3


def test_statuses_and_masks():
    from types import SimpleNamespace

    now = utcnow()
    live = SimpleNamespace(expires_at=now + timedelta(days=1), opened_at=None, sent_at=None)
    assert lists.invitation_status(live, None, now) == "Not sent"
    assert lists.invitation_status(SimpleNamespace(**{**vars(live), "sent_at": now}), None, now) == "Sent"
    assert lists.invitation_status(SimpleNamespace(**{**vars(live), "opened_at": now}), None, now) == "Opened"
    assert lists.invitation_status(live, "in_progress", now) == "Started"
    assert lists.invitation_status(live, "submitted", now) == "Answered"
    old = SimpleNamespace(expires_at=now - timedelta(days=1), opened_at=now, sent_at=now)
    assert lists.invitation_status(old, "in_progress", now) == "Expired"
    assert lists.invitation_status(old, "submitted", now) == "Answered"
    assert lists.mask_email("jane.smith@example.com") == "j***@example.com"
    assert lists.mask_email(None) == "" and lists.mask_phone(None) == ""
    assert lists.mask_phone("+447700900982") == "07*** ***982"
