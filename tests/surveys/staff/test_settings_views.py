"""Local details at /staff/settings: board meetings and contacts, for administrators only."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from surveys.models import ROLES, BoardMeeting, LocalContact, db
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD, make_partner, make_user
from tests.html import check_page


@pytest.fixture
def admin(client, login, app_context):
    user = make_user(role="admin")
    login(user.email, PASSWORD)
    return user


def post(client, url: str, data: dict, page: str = "/staff/settings"):
    token = csrf_token_from(client.get(page).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})


def errors(response) -> list[str]:
    html = response.get_data(as_text=True)
    check_page(html)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.get_text().startswith("Error: ")
    return [a.get_text(strip=True) for a in soup.select(".govuk-error-summary__list a")]


@pytest.mark.parametrize("role", sorted(ROLES))
def test_only_admins_may_change_local_details(client, login, app_context, role):
    user = make_user(role=role, partner=make_partner() if role == "partner_lead" else None)
    login(user.email, PASSWORD)
    expected = 200 if role == "admin" else 403
    assert client.get("/staff/settings").status_code == expected
    assert client.get("/staff/settings/contacts/sendiass").status_code == expected
    token = csrf_token_from(client.get("/staff/").get_data(as_text=True))
    added = client.post("/staff/settings/board-meetings", data={"csrf_token": token, "meets_on": ["1", "9", "2026"]})
    assert added.status_code == (302 if role == "admin" else 403)


def test_the_page(client, admin):
    db.session.add(BoardMeeting(meets_on=date(2026, 5, 20), note="Summer board"))
    db.session.commit()
    html = client.get("/staff/settings").get_data(as_text=True)
    check_page(html)
    soup = BeautifulSoup(html, "html.parser")
    assert "20 May 2026" in soup.select_one("table").get_text()
    assert [h.get_text() for h in soup.select("h3")][0].startswith("SEND information")
    assert soup.select_one("a[href='/staff/settings/contacts/local_offer']") is not None


def test_add_a_board_meeting(client, admin):
    response = post(client, "/staff/settings/board-meetings", {"meets_on": ["14", "9", "2026"], "note": "Autumn"})
    assert response.status_code == 302
    meeting = db.session.scalar(db.select(BoardMeeting))
    assert (meeting.meets_on, meeting.note) == (date(2026, 9, 14), "Autumn")


@pytest.mark.parametrize("day, message", [
    (["", "", ""], "Enter the date of the board meeting"),
    (["31", "2", "2026"], "Date of the board meeting must be a real date"),
    (["14", "", "2026"], "Date of the board meeting must include a month"),
])
def test_a_bad_date_says_what_is_wrong(client, admin, day, message):
    response = post(client, "/staff/settings/board-meetings", {"meets_on": day})
    assert response.status_code == 400
    assert errors(response) == [message]
    assert db.session.scalar(db.select(BoardMeeting)) is None


def test_one_meeting_a_day(client, admin):
    db.session.add(BoardMeeting(meets_on=date(2026, 9, 14)))
    db.session.commit()
    response = post(client, "/staff/settings/board-meetings", {"meets_on": ["14", "9", "2026"]})
    assert response.status_code == 400
    assert errors(response) == ["There is already a board meeting on that date"]


def test_remove_a_board_meeting(client, admin):
    meeting = BoardMeeting(meets_on=date(2026, 9, 14))
    db.session.add(meeting)
    db.session.commit()
    assert post(client, f"/staff/settings/board-meetings/{meeting.id}/remove", {}).status_code == 302
    assert db.session.scalar(db.select(BoardMeeting)) is None
    assert post(client, f"/staff/settings/board-meetings/{meeting.id}/remove", {}).status_code == 404


CONTACT = {"name": "Northshire SENDIASS", "phone": "01632 960 001", "email": "advice@example.org",
           "web_address": "https://www.example.org/sendiass"}


def test_save_change_and_remove_a_contact(client, admin):
    url = "/staff/settings/contacts/sendiass"
    assert post(client, url, CONTACT, url).status_code == 302
    contact = db.session.scalar(db.select(LocalContact))
    assert (contact.kind, contact.name, contact.phone) == ("sendiass", "Northshire SENDIASS", "01632 960 001")
    form = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    assert form.select_one("input[name=email]")["value"] == "advice@example.org"
    assert post(client, url, {**CONTACT, "phone": ""}, url).status_code == 302
    assert db.session.scalar(db.select(LocalContact)).phone == ""
    assert post(client, url, dict.fromkeys(CONTACT, ""), url).status_code == 302
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
def test_contact_checks(client, admin, kind, changes, messages):
    url = f"/staff/settings/contacts/{kind}"
    response = post(client, url, {**CONTACT, **changes}, url)
    assert response.status_code == 400
    assert errors(response) == messages
    assert db.session.scalar(db.select(LocalContact)) is None


def test_unknown_kind_is_not_found(client, admin):
    assert client.get("/staff/settings/contacts/helpdesk").status_code == 404


def test_settings_in_the_menu_for_admins_only(client, login, app_context):
    login(make_user(role="admin").email, PASSWORD)
    assert 'href="/staff/settings"' in client.get("/staff/log").get_data(as_text=True)
    client.post("/staff/logout", data={"csrf_token": csrf_token_from(client.get("/staff/log").get_data(as_text=True))})
    login(make_user(role="coproduction_lead").email, PASSWORD)
    assert 'href="/staff/settings"' not in client.get("/staff/log").get_data(as_text=True)
