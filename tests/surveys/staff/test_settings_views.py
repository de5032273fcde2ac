"""Local details at /staff/settings: board meetings and contacts, for administrators only."""

from datetime import date

import pytest

from surveys.models import ROLES, BoardMeeting, LocalContact, db
from tests.factories import make_partner
from tests.html import error_messages, link_hrefs, table_rows, text_of, title_text

MEETINGS = "/staff/settings/board-meetings"


@pytest.fixture
def admin(client_request):
    return client_request.sign_in_as("admin")


def errors(page) -> list[str]:
    """The error summary's messages, on a page titled as an error."""
    assert title_text(page).startswith("Error: ")
    return error_messages(page)


@pytest.mark.parametrize("role", sorted(ROLES))
def test_only_admins_may_change_local_details(client_request, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    expected = 200 if role == "admin" else 403
    client_request.get("/staff/settings", expected_status=expected)
    client_request.get("/staff/settings/contacts/sendiass", expected_status=expected)
    client_request.post(MEETINGS, {"meets_on": ["1", "9", "2026"]}, form_url="/staff/",
                        expected_status=302 if role == "admin" else 403)


def test_the_page(client_request, admin):
    db.session.add(BoardMeeting(meets_on=date(2026, 5, 20), note="Summer board"))
    db.session.commit()
    page = client_request.get("/staff/settings")
    assert table_rows(page)[0][:2] == ["20 May 2026", "Summer board"]
    assert text_of(page.select_one("h3")).startswith("SEND information")
    assert "/staff/settings/contacts/local_offer" in link_hrefs(page)


def test_add_a_board_meeting(client_request, admin):
    client_request.post(MEETINGS, {"meets_on": ["14", "9", "2026"], "note": "Autumn"}, form_url="/staff/settings",
                        expected_redirect="/staff/settings")
    meeting = db.session.scalar(db.select(BoardMeeting))
    assert (meeting.meets_on, meeting.note) == (date(2026, 9, 14), "Autumn")


@pytest.mark.parametrize("day, message", [
    (["", "", ""], "Enter the date of the board meeting"),
    (["31", "2", "2026"], "Date of the board meeting must be a real date"),
    (["14", "", "2026"], "Date of the board meeting must include a month"),
])
def test_a_bad_date_says_what_is_wrong(client_request, admin, day, message):
    page = client_request.post(MEETINGS, {"meets_on": day}, form_url="/staff/settings", expected_status=400)
    assert errors(page) == [message]
    assert db.session.scalar(db.select(BoardMeeting)) is None


def test_one_meeting_a_day(client_request, admin):
    db.session.add(BoardMeeting(meets_on=date(2026, 9, 14)))
    db.session.commit()
    page = client_request.post(MEETINGS, {"meets_on": ["14", "9", "2026"]}, form_url="/staff/settings",
                               expected_status=400)
    assert errors(page) == ["There is already a board meeting on that date"]


def test_remove_a_board_meeting(client_request, admin):
    meeting = BoardMeeting(meets_on=date(2026, 9, 14))
    db.session.add(meeting)
    db.session.commit()
    client_request.post(f"{MEETINGS}/{meeting.id}/remove", form_url="/staff/settings")
    assert db.session.scalar(db.select(BoardMeeting)) is None
    client_request.post(f"{MEETINGS}/{meeting.id}/remove", form_url="/staff/settings", expected_status=404)


CONTACT = {"name": "Northshire SENDIASS", "phone": "01632 960 001", "email": "advice@example.org",
           "web_address": "https://www.example.org/sendiass"}


def test_save_change_and_remove_a_contact(client_request, admin):
    url = "/staff/settings/contacts/sendiass"
    client_request.post(url, CONTACT)
    contact = db.session.scalar(db.select(LocalContact))
    assert (contact.kind, contact.name, contact.phone) == ("sendiass", "Northshire SENDIASS", "01632 960 001")
    assert client_request.get(url).select_one("input[name=email]")["value"] == "advice@example.org"
    client_request.post(url, {**CONTACT, "phone": ""})
    assert db.session.scalar(db.select(LocalContact)).phone == ""
    client_request.post(url, dict.fromkeys(CONTACT, ""))
    assert db.session.scalar(db.select(LocalContact)) is None


@pytest.mark.parametrize("kind, changes, messages", [
    ("sendiass", {"phone": "12345"}, ["Enter a telephone number, like 01632 960 001, 07700 900 982 or "
                                      "+44 808 157 0192"]),
    ("sendiass", {"email": "advice@"}, ["Enter an email address in the correct format, like name@example.com"]),
    ("sendiass", {"web_address": "javascript:alert(1)"},
     ["Enter a web address in the correct format, like https://www.example.org"]),
    ("sendiass", {"web_address": "www.example.org"},
     ["Enter a web address in the correct format, like https://www.example.org"]),
    ("mediation", {"name": ""}, ["Enter the name of the service"]),
    ("complaints", {"phone": "", "email": "", "web_address": ""},
     ["Enter a phone number, email address or web address, so families can reach the service"]),
    ("local_offer", {"web_address": ""}, ["Enter the web address of the Local Offer website"]),
])
def test_contact_checks(client_request, admin, kind, changes, messages):
    page = client_request.post(f"/staff/settings/contacts/{kind}", {**CONTACT, **changes}, expected_status=400)
    assert errors(page) == messages
    assert db.session.scalar(db.select(LocalContact)) is None


def test_unknown_kind_is_not_found(client_request, admin):
    client_request.get("/staff/settings/contacts/helpdesk", expected_status=404)


def test_settings_in_the_menu_for_admins_only(client_request):
    def menu(page) -> list[str]:
        return link_hrefs(page.select_one(".govuk-service-navigation"))

    client_request.sign_in_as("admin")
    assert "/staff/settings" in menu(client_request.get("/staff/log"))
    client_request.sign_out()
    client_request.sign_in_as("coproduction_lead")
    page = client_request.get("/staff/log")
    assert "/staff/settings" not in menu(page) and "/staff/settings" not in link_hrefs(page)
