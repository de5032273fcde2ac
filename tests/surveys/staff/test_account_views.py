"""The staff accounts page (administrators only): invite with a one-time link, change role and partner,
deactivate, reset password or two-factor, unlock; and setting a password from the link."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from surveys.models import AuditEvent, User, db, utcnow
from surveys.services.demo.people import DEMO_PASSWORD
from tests.factories import PASSWORD, make_partner, make_user
from tests.html import banner_text, error_messages, error_summary_links, summary_list, table_rows, title_text

NEW_PASSWORD = "a new long password for work"


def audited(action: str) -> list[AuditEvent]:
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


def link_path(page) -> str:
    return urlsplit(page.select_one("code.app-set-password-link").get_text()).path


def invite(client_request, **fields) -> str:
    data = {"email": "new.person@example.gov.uk", "name": "New Person", "role": "viewer", "partner": "", **fields}
    page = client_request.post("/staff/accounts", data, expected_status=200)
    assert "only time it is shown" in page.get_text()
    return link_path(page)


@pytest.mark.parametrize("role", ["coproduction_lead", "viewer", "complaints_officer", "analyst"])
def test_only_administrators_open_the_accounts_and_audit_pages(client_request, role):
    client_request.sign_in_as(role)
    client_request.get("/staff/accounts", expected_status=403)
    client_request.get("/staff/audit", expected_status=403)
    [denial, _] = audited("access_denied")
    assert denial.detail == {"endpoint": "staff.accounts", "method": "GET"} and denial.user_id is not None
    assert len(denial.request_id) >= 8


def test_the_list_shows_each_account(client_request):
    partner = make_partner("North ICB")
    make_user("partner_lead", partner=partner, email="lead@example.org")
    client_request.sign_in_as("admin")
    rows = table_rows(client_request.get("/staff/accounts"))
    lead = next(row for row in rows if row[0] == "lead@example.org")
    assert lead[2:6] == ["Partner lead", "North ICB", "Off", "Active"]


def test_an_invited_person_sets_a_password_once_and_signs_in(client_request):
    client_request.sign_in_as("admin")
    path = invite(client_request)
    [event] = audited("account_invited")
    assert event.detail["role"] == "viewer"
    client_request.sign_out()
    page = client_request.get(path)
    assert "new.person@example.gov.uk" in page.get_text()
    client_request.post(path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, expected_redirect="/staff/login")
    client_request.get(path, expected_status=404)  # once only
    client_request.post("/staff/login", {"email": "new.person@example.gov.uk", "password": NEW_PASSWORD},
                        expected_redirect="/staff/")


def test_an_old_link_does_not_work(client_request):
    client_request.sign_in_as("admin")
    path = invite(client_request)
    user = db.session.scalar(db.select(User).where(User.email == "new.person@example.gov.uk"))
    user.set_password_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client_request.get(path, expected_status=404)
    assert "Ask an administrator to send you a new link" in page.get_text()
    client_request.get("/staff/set-password/not-a-real-token", expected_status=404)


def test_the_set_password_form_checks_what_is_typed(client_request, app):
    client_request.sign_in_as("admin")
    path = invite(client_request)
    page = client_request.post(path, {"password": "short", "confirm": "short"}, expected_status=200)
    assert title_text(page).startswith("Error: ") and error_messages(page) == [
        "Password must be 12 characters or more"]
    page = client_request.post(path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}, expected_status=200)
    assert error_summary_links(page) == [("The two passwords are different: type the same password twice",
                                          "#confirm")]
    app.config["DEMO_LOGINS_ALLOWED"] = False  # as in production
    try:
        page = client_request.post(path, {"password": DEMO_PASSWORD, "confirm": DEMO_PASSWORD}, expected_status=200)
    finally:
        app.config["DEMO_LOGINS_ALLOWED"] = True
    assert error_messages(page) == ["That password is published in yousaid's instructions: choose another"]


@pytest.mark.parametrize(("fields", "message", "field"), [
    ({"email": "not an email"}, "Enter an email address in the correct format, like name@example.gov.uk", "email"),
    ({"role": "wizard"}, "Select a role", "role"),
    ({"role": "partner_lead"}, "Select the partner this partner lead belongs to", "partner"),
    ({"partner": "99999"}, "Select a partner from the list", "partner"),
])
def test_invite_errors(client_request, fields, message, field):
    client_request.sign_in_as("admin")
    data = {"email": "x@example.gov.uk", "name": "", "role": "viewer", "partner": "", **fields}
    page = client_request.post("/staff/accounts", data, expected_status=200)
    assert (message, f"#{field}") in error_summary_links(page)
    assert db.session.scalar(db.select(User).where(User.email == "x@example.gov.uk")) is None


def test_an_existing_email_cannot_be_invited_again(client_request):
    make_user("viewer", email="taken@example.org")
    client_request.sign_in_as("admin")
    page = client_request.post("/staff/accounts", {"email": "TAKEN@example.org", "role": "viewer", "partner": ""},
                               expected_status=200)
    assert error_messages(page) == ["There is already an account for taken@example.org."]


def test_changing_a_role_is_audited(client_request):
    partner = make_partner()
    user = make_user("viewer")
    client_request.sign_in_as("admin")
    client_request.post(f"/staff/accounts/{user.id}", {"role": "partner_lead", "partner": str(partner.id)},
                        expected_redirect=f"/staff/accounts/{user.id}")
    page = client_request.get(f"/staff/accounts/{user.id}")
    assert summary_list(page)["Role"] == "Partner lead" and summary_list(page)["Partner"] == partner.name
    [event] = audited("role_changed")
    assert event.detail == {"old": {"role": "viewer", "partner_id": None},
                            "new": {"role": "partner_lead", "partner_id": partner.id}}
    assert event.object_id == str(user.id)


def test_the_last_administrator_stays_one(client_request):
    admin = client_request.sign_in_as("admin")
    page = client_request.post(f"/staff/accounts/{admin.id}", {"role": "viewer", "partner": ""}, expected_status=200)
    assert error_messages(page) == ["This is the only active administrator: make someone else an administrator first."]
    client_request.post(f"/staff/accounts/{admin.id}/deactivate", expected_status=409,
                        form_url=f"/staff/accounts/{admin.id}")
    db.session.refresh(admin)
    assert admin.role == "admin" and admin.active


def test_deactivating_a_leaver_ends_their_session(client_request):
    leaver = make_user("viewer")
    their_browser = client_request.another_browser()
    their_browser.sign_in_as(leaver)
    client_request.sign_in_as("admin")
    client_request.post(f"/staff/accounts/{leaver.id}/deactivate", form_url=f"/staff/accounts/{leaver.id}",
                        expected_redirect=f"/staff/accounts/{leaver.id}")
    their_browser.get("/staff/", expected_status=302, expected_redirect="/staff/login")
    page = their_browser.post("/staff/login", {"email": leaver.email, "password": PASSWORD}, expected_status=200)
    assert error_messages(page) == ["Enter a correct email address and password"]
    assert audited("account_deactivated")
    client_request.post(f"/staff/accounts/{leaver.id}/reactivate", form_url=f"/staff/accounts/{leaver.id}")
    their_browser.sign_in_as(leaver)


def test_a_password_reset_stops_the_old_password_and_gives_a_link(client_request):
    user = make_user("viewer")
    their_browser = client_request.another_browser()
    their_browser.sign_in_as(user)
    client_request.sign_in_as("admin")
    page = client_request.post(f"/staff/accounts/{user.id}/reset-password", form_url=f"/staff/accounts/{user.id}",
                               expected_status=200)
    path = link_path(page)
    their_browser.get("/staff/", expected_status=302, expected_redirect="/staff/login")
    their_browser.post("/staff/login", {"email": user.email, "password": PASSWORD}, expected_status=200)
    their_browser.post(path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, expected_redirect="/staff/login")
    their_browser.post("/staff/login", {"email": user.email, "password": NEW_PASSWORD}, expected_redirect="/staff/")


def test_an_administrator_unlocks_a_locked_account(client_request):
    user = make_user("viewer")
    user.locked_until = utcnow() + timedelta(minutes=15)
    db.session.commit()
    client_request.sign_in_as("admin")
    page = client_request.get(f"/staff/accounts/{user.id}")
    assert summary_list(page)["Status"].startswith("Locked until")
    page = client_request.post(f"/staff/accounts/{user.id}/unlock", form_url=f"/staff/accounts/{user.id}",
                               follow=True)
    assert banner_text(page).endswith(f"{user.email} is unlocked") and summary_list(page)["Status"] == "Active"
    client_request.another_browser().sign_in_as(user)
    assert audited("account_unlocked")


def test_an_administrator_resets_two_factor(client_request, app):
    user = make_user("analyst")
    user.totp_secret, user.totp_confirmed_at = "JBSWY3DPEHPK3PXP", utcnow()
    db.session.commit()
    client_request.sign_in_as("admin")
    client_request.post(f"/staff/accounts/{user.id}/reset-two-factor", form_url=f"/staff/accounts/{user.id}")
    db.session.refresh(user)
    assert user.totp_secret is None and not user.two_factor_enabled
    assert audited("two_factor_reset")[0].object_id == str(user.id)


def test_unknown_account_and_change(client_request):
    client_request.sign_in_as("admin")
    client_request.get("/staff/accounts/99999", expected_status=404)
    client_request.post("/staff/accounts/99999/unlock", form_url="/staff/accounts", expected_status=404)
