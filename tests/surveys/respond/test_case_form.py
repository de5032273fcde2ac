"""The public form for a comment, compliment or complaint: no sign-in, GOV.UK patterns, nothing lost, no IP kept."""

from datetime import date

import pytest
from sqlalchemy import func, select

from surveys import create_app
from surveys.extensions import limiter
from surveys.models import AuditEvent, Case, Comment, db
from surveys.services.capture import cases as case_service
from tests.factories import make_partner
from tests.html import check_page, csrf_token_from

URL = "/respond/comment"
EASTER_THURSDAY = date(2026, 4, 2)


@pytest.fixture
def on_easter_thursday(monkeypatch):
    monkeypatch.setattr(case_service, "today", lambda: EASTER_THURSDAY)


def send(client, **data):
    """Fill in the form as a browser would: load it, then post it with its token."""
    token = csrf_token_from(client.get(URL).get_data(as_text=True))
    return client.post(URL, data={"csrf_token": token, **data})


def count_cases() -> int:
    return db.session.scalar(select(func.count(Case.id)))


def test_form_is_a_valid_gov_uk_page_without_sign_in(client, app_context):
    make_partner("Council SEND team")
    response = client.get(URL)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    check_page(html)
    assert 'type="radio" value="complaint"' in html
    assert "Council SEND team" in html and "I’m not sure" in html
    assert 'data-module="govuk-character-count" data-maxlength="5000"' in html
    assert "You can enter up to 5000 characters" in html  # the limit is there without JavaScript
    assert 'autocomplete="email"' in html


def test_many_partners_are_offered_in_a_select(client, app_context):
    for n in range(12):
        make_partner(f"School {n:02d}", kind="school")
    html = client.get(URL).get_data(as_text=True)
    assert '<select class="govuk-select" id="partner" name="partner"' in html


def test_without_partners_the_question_is_not_asked(client, app_context, on_easter_thursday):
    assert 'name="partner"' not in client.get(URL).get_data(as_text=True)
    assert send(client, kind="comment", details="Hello").status_code == 302


def test_anonymous_complaint_is_saved_with_no_contact_details_and_confirmed(client, app_context, on_easter_thursday):
    partner = make_partner("Council SEND team")
    response = send(client, kind="complaint", partner=str(partner.id), details="The annual review was late.")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/respond/comment/sent")
    case = db.session.scalar(select(Case))
    assert (case.kind, case.stage, case.channel, case.partner_id) == ("complaint", "stage_1", "online", partner.id)
    assert (case.contact_name, case.contact_email, case.contact_phone) == (None, None, None)
    assert db.session.scalar(select(Comment.case_id)) == case.id

    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    check_page(html)
    assert case.reference in html
    assert "Tuesday 5 May 2026" in html  # 20 working days, Easter and the early May bank holiday skipped
    assert "20 working days" in html
    assert "we cannot reply to you" in html
    assert 'href="/you-said-we-did"' in html


def test_contact_details_are_kept_when_given(client, app_context, on_easter_thursday):
    send(client, kind="comment", partner="not_sure", details="Could the forms be shorter?",
         contact_name=" Sam Jones ", contact_email="sam@example.org", contact_phone="+44 7700 900 982")
    case = db.session.scalar(select(Case))
    assert (case.contact_name, case.contact_email, case.contact_phone) == (
        "Sam Jones", "sam@example.org", "+44 7700 900 982")
    assert case.partner_id is None and case.stage == "informal"
    html = client.get("/respond/comment/sent").get_data(as_text=True)
    assert "Monday 20 April 2026" in html and "we will reply to you by then" in html


def test_no_ip_address_is_stored(client, app_context, on_easter_thursday):
    client.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    send(client, kind="compliment", partner="not_sure", details="Thank you to the SENCO.")
    send(client, kind="complaint", partner="not_sure", details="Late again.", contact_email="sam@example.org")
    assert count_cases() == 2
    for model in (Case, Comment, AuditEvent):
        for row in db.session.scalars(select(model)):
            values = [str(getattr(row, column.key)) for column in model.__table__.columns]
            assert not any("203.0.113.9" in value for value in values)


def test_which_service_is_optional(client, app_context, on_easter_thursday):
    make_partner()
    assert send(client, kind="compliment", details="Lovely staff.").status_code == 302
    assert db.session.scalar(select(Case.partner_id)) is None


def test_confirmation_without_a_case_goes_back_to_the_form(client):
    response = client.get("/respond/comment/sent")
    assert response.status_code == 302 and response.headers["Location"].endswith(URL)


def test_missing_answers_are_explained_and_nothing_is_saved(client, app_context):
    make_partner()
    response = send(client, details="   ")
    html = response.get_data(as_text=True)
    check_page(html)
    assert "<title>Error: " in html
    assert "Select whether this is a comment, compliment or complaint" in html
    assert "Select which service it is about" not in html  # optional
    assert "Enter your comment, compliment or complaint" in html
    assert 'href="#kind"' in html and 'href="#details"' in html
    assert count_cases() == 0


def test_text_over_5000_characters_is_refused_but_kept_on_the_page(client, app_context):
    response = send(client, kind="comment", partner="not_sure", details="a" * 5001)
    html = response.get_data(as_text=True)
    assert "Your message must be 5,000 characters or fewer" in html
    assert "a" * 5001 in html
    assert count_cases() == 0


def test_line_breaks_count_as_one_character_like_the_character_count(client, app_context, on_easter_thursday):
    details = ("a" * 99 + "\r\n") * 50  # 5,000 characters as the browser counts them, 5,050 as sent
    assert send(client, kind="comment", partner="not_sure", details=details).status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_email", "sam.example.org", "Enter an email address in the correct format, like name@example.com"),
        ("contact_email", "sam@example", "Enter an email address in the correct format, like name@example.com"),
        ("contact_email", "sam@@example.org", "Enter an email address in the correct format, like name@example.com"),
        ("contact_phone", "12345", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
        ("contact_phone", "+1 212 555 0100", "Enter a telephone number, like 01632 960 001"),
        ("contact_phone", "07700 900 98a", "Enter a telephone number, like 01632 960 001"),
    ],
)
def test_contact_details_in_the_wrong_format(client, app_context, field, value, message):
    html = send(client, kind="comment", partner="not_sure", details="Hi", **{field: value}).get_data(as_text=True)
    assert message in html
    assert count_cases() == 0


@pytest.mark.parametrize("phone", ["07700 900982", "(01632) 960 001", "+44 (0)7700 900982", "0044 808 157 0192"])
def test_uk_phone_numbers_written_in_the_usual_ways_are_accepted(client, app_context, phone, on_easter_thursday):
    assert send(client, kind="comment", partner="not_sure", details="Hi", contact_phone=phone).status_code == 302


@pytest.mark.parametrize(("field", "value"), [("kind", "grumble"), ("partner", "999999"), ("partner", "1; DROP")])
def test_tampered_choices_are_refused(client, app_context, field, value):
    partner = make_partner()
    data = {"kind": "complaint", "partner": str(partner.id), "details": "Words", field: value}
    response = send(client, **data)
    assert response.status_code == 200
    assert "There is a problem" in response.get_data(as_text=True)
    assert count_cases() == 0


def test_old_or_missing_token_keeps_what_they_wrote_and_saves_nothing(client, app_context, on_easter_thursday):
    partner = make_partner()
    words = "My daughter has waited 30 weeks for her plan."
    response = client.post(URL, data={"csrf_token": "old-token", "kind": "complaint", "partner": str(partner.id),
                                      "details": words})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    check_page(html)
    assert "page had been open a long time" in html
    assert words in html and 'value="complaint" checked' in html
    assert "csrf" not in html.lower().replace('name="csrf_token"', "").replace('id="csrf_token"', "")
    assert count_cases() == 0
    # The page came back with a fresh token: sending again works.
    again = client.post(URL, data={"csrf_token": csrf_token_from(html), "kind": "complaint",
                                   "partner": str(partner.id), "details": words})
    assert again.status_code == 302 and count_cases() == 1


def test_posts_are_rate_limited(app, tmp_path):
    limited = create_app({
        "ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "RATELIMIT_ENABLED": True, "OUTBOX_DIR": str(tmp_path / "outbox"), "AUDIO_DIR": str(tmp_path / "audio"),
    })
    try:
        client = limited.test_client()
        with limited.app_context():
            statuses = [client.post(URL, data={"kind": "comment"}).status_code for _ in range(21)]
            assert client.get(URL).status_code == 200  # reading the form is never limited
        assert statuses[:20] == [400] * 20 and statuses[20] == 429
    finally:
        limiter.reset()
        limiter.enabled = False  # as the testing configuration has it for every other test
