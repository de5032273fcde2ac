"""The public form for a comment, compliment or complaint: no sign-in, GOV.UK patterns, nothing lost, no IP kept."""

from datetime import date

import pytest
from sqlalchemy import func, select

from surveys import create_app
from surveys.extensions import limiter
from surveys.models import AuditEvent, Case, Comment, db
from surveys.services.capture.cases import deadlines
from tests.factories import make_partner
from tests.html import (
    error_messages,
    error_summary_links,
    field_names,
    link_hrefs,
    main_text,
    parse_page,
    text_of,
    title_text,
)

URL = "/respond/comment"
EASTER_THURSDAY = date(2026, 4, 2)


@pytest.fixture
def on_easter_thursday(monkeypatch):
    monkeypatch.setattr(deadlines, "today", lambda: EASTER_THURSDAY)


def send(client_request, expected_status=302, **data):
    """Fill in the form as a browser would: load it, then post it with its token."""
    return client_request.post(URL, data, expected_status=expected_status)


def count_cases() -> int:
    return db.session.scalar(select(func.count(Case.id)))


def test_form_is_a_valid_gov_uk_page_without_sign_in(client_request):
    make_partner("Council SEND team")
    page = client_request.get(URL)
    assert "complaint" in [radio["value"] for radio in page.select('input[type="radio"][name="kind"]')]
    partners = [text_of(label) for label in page.select('input[name="partner"] + label')]
    assert "Council SEND team" in partners and "I’m not sure" in partners
    count = page.select_one('[data-module="govuk-character-count"]')
    assert count["data-maxlength"] == "5000"
    assert "You can enter up to 5000 characters" in text_of(count)  # the limit is there without JavaScript
    assert page.select_one('input[name="contact_email"]')["autocomplete"] == "email"


def test_many_partners_are_offered_in_a_select(client_request):
    for n in range(12):
        make_partner(f"School {n:02d}", kind="school")
    select_box = client_request.get(URL).select_one("select#partner")
    assert select_box["name"] == "partner" and "govuk-select" in select_box["class"]


def test_without_partners_the_question_is_not_asked(client_request, on_easter_thursday):
    assert "partner" not in field_names(client_request.get(URL))
    send(client_request, kind="comment", details="Hello")


def test_anonymous_complaint_is_saved_with_no_contact_details_and_confirmed(client_request, on_easter_thursday):
    partner = make_partner("Council SEND team")
    send(client_request, kind="complaint", partner=str(partner.id), details="The annual review was late.")
    assert client_request.response.headers["Location"].endswith("/respond/comment/sent")
    case = db.session.scalar(select(Case))
    assert (case.kind, case.stage, case.channel, case.partner_id) == ("complaint", "stage_1", "online", partner.id)
    assert (case.contact_name, case.contact_email, case.contact_phone) == (None, None, None)
    assert db.session.scalar(select(Comment.case_id)) == case.id

    page = client_request.get("/respond/comment/sent")
    assert case.reference in text_of(page.select_one(".govuk-panel"))
    text = main_text(page)
    assert "Tuesday 5 May 2026" in text  # 20 working days, Easter and the early May bank holiday skipped
    assert "20 working days" in text
    assert "we cannot reply to you" in text
    assert "/you-said-we-did" in link_hrefs(page.select_one("main"))


def test_contact_details_are_kept_when_given(client_request, on_easter_thursday):
    send(client_request, kind="comment", partner="not_sure", details="Could the forms be shorter?",
         contact_name=" Sam Jones ", contact_email="sam@example.org", contact_phone="+44 7700 900 982")
    case = db.session.scalar(select(Case))
    assert (case.contact_name, case.contact_email, case.contact_phone) == (
        "Sam Jones", "sam@example.org", "+44 7700 900 982")
    assert case.partner_id is None and case.stage == "informal"
    text = main_text(client_request.get("/respond/comment/sent"))
    assert "Monday 20 April 2026" in text and "we will reply to you by then" in text


def test_no_ip_address_is_stored(client_request, on_easter_thursday):
    client_request.client.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    send(client_request, kind="compliment", partner="not_sure", details="Thank you to the SENCO.")
    send(client_request, kind="complaint", partner="not_sure", details="Late again.", contact_email="sam@example.org")
    assert count_cases() == 2
    for model in (Case, Comment, AuditEvent):
        for row in db.session.scalars(select(model)):
            values = [str(getattr(row, column.key)) for column in model.__table__.columns]
            assert not any("203.0.113.9" in value for value in values)


def test_which_service_is_optional(client_request, on_easter_thursday):
    make_partner()
    send(client_request, kind="compliment", details="Lovely staff.")
    assert db.session.scalar(select(Case.partner_id)) is None


def test_confirmation_without_a_case_goes_back_to_the_form(client_request):
    client_request.get("/respond/comment/sent", expected_status=302, expected_redirect=URL)


def test_missing_answers_are_explained_and_nothing_is_saved(client_request):
    make_partner()
    page = send(client_request, expected_status=200, details="   ")
    assert title_text(page).startswith("Error: ")
    # Which service it is about is optional, so it is not asked for.
    assert error_summary_links(page) == [("Select whether this is a comment, compliment or complaint", "#kind"),
                                         ("Enter your comment, compliment or complaint", "#details")]
    assert count_cases() == 0


def test_text_over_5000_characters_is_refused_but_kept_on_the_page(client_request):
    page = send(client_request, expected_status=200, kind="comment", partner="not_sure", details="a" * 5001)
    assert error_messages(page) == ["Your message must be 5,000 characters or fewer"]
    assert page.select_one('textarea[name="details"]').get_text().strip() == "a" * 5001
    assert count_cases() == 0


def test_line_breaks_count_as_one_character_like_the_character_count(client_request, on_easter_thursday):
    details = ("a" * 99 + "\r\n") * 50  # 5,000 characters as the browser counts them, 5,050 as sent
    send(client_request, kind="comment", partner="not_sure", details=details)


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
def test_contact_details_in_the_wrong_format(client_request, field, value, message):
    page = send(client_request, expected_status=200, kind="comment", partner="not_sure", details="Hi",
                **{field: value})
    [(summary, href)] = error_summary_links(page)
    assert summary.startswith(message) and href == f"#{field}"
    assert count_cases() == 0


@pytest.mark.parametrize("phone", ["07700 900982", "(01632) 960 001", "+44 (0)7700 900982", "0044 808 157 0192"])
def test_uk_phone_numbers_written_in_the_usual_ways_are_accepted(client_request, phone, on_easter_thursday):
    send(client_request, kind="comment", partner="not_sure", details="Hi", contact_phone=phone)


@pytest.mark.parametrize(("field", "value"), [("kind", "grumble"), ("partner", "999999"), ("partner", "1; DROP")])
def test_tampered_choices_are_refused(client_request, field, value):
    partner = make_partner()
    data = {"kind": "complaint", "partner": str(partner.id), "details": "Words", field: value}
    page = send(client_request, expected_status=200, **data)
    assert [href for _, href in error_summary_links(page)] == [f"#{field}"]
    assert count_cases() == 0


def test_old_or_missing_token_keeps_what_they_wrote_and_saves_nothing(client_request, on_easter_thursday):
    partner = make_partner()
    words = "My daughter has waited 30 weeks for her plan."
    response = client_request.client.post(URL, data={"csrf_token": "old-token", "kind": "complaint",
                                                     "partner": str(partner.id), "details": words})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    page = parse_page(html)
    assert "page had been open a long time" in main_text(page)
    assert page.select_one('textarea[name="details"]').get_text().strip() == words
    assert page.select_one('input[name="kind"][checked]')["value"] == "complaint"
    assert "csrf" not in html.lower().replace('name="csrf_token"', "").replace('id="csrf_token"', "")  # no jargon
    assert count_cases() == 0
    # The page came back with a fresh token: sending again works.
    again = client_request.client.post(URL, data={"csrf_token": page.select_one('input[name="csrf_token"]')["value"],
                                                  "kind": "complaint", "partner": str(partner.id), "details": words})
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
