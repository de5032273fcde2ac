"""Your own account: change your password (other sessions end), set up two-factor sign-in by choice."""

import pyotp

from surveys.models import AuditEvent, db
from tests.factories import PASSWORD
from tests.html import banner_text, error_messages, summary_list

NEW_PASSWORD = "another long password for work"


def test_changing_your_password_signs_you_out_elsewhere_only(client_request):
    user = client_request.sign_in_as("viewer")
    other_device = client_request.another_browser()
    other_device.sign_in_as(user)
    page = client_request.post("/staff/account/password",
                               {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, follow=True)
    assert "signed out everywhere else" in banner_text(page)
    client_request.get("/staff/")
    other_device.get("/staff/", expected_status=302, expected_redirect="/staff/login")
    other_device.post("/staff/login", {"email": user.email, "password": NEW_PASSWORD}, expected_redirect="/staff/")
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "password_set")) is not None


def test_a_wrong_current_password_changes_nothing(client_request):
    user = client_request.sign_in_as("viewer")
    page = client_request.post("/staff/account/password",
                               {"current": "not my password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                               expected_status=200)
    assert error_messages(page) == ["Enter your current password correctly"]
    client_request.sign_out()
    client_request.post("/staff/login", {"email": user.email, "password": PASSWORD}, expected_redirect="/staff/")


def test_setting_up_two_factor_by_choice(client_request):
    user = client_request.sign_in_as("viewer")
    assert summary_list(client_request.get("/staff/account"))["Two-factor sign-in"].startswith("Off")
    page = client_request.get("/staff/account/two-factor")
    secret = page.select_one("code.app-secret").get_text().replace(" ", "")
    page = client_request.post("/staff/account/two-factor", {"code": "111111"}, expected_status=200)
    assert error_messages(page) == ["Enter the code your authenticator app shows now"]
    client_request.post("/staff/account/two-factor", {"code": pyotp.TOTP(secret).now()},
                        expected_redirect="/staff/account")
    assert summary_list(client_request.get("/staff/account"))["Two-factor sign-in"].startswith("On")
    client_request.get("/staff/account/two-factor", expected_status=302, expected_redirect="/staff/account")
    client_request.sign_out()
    client_request.post("/staff/login", {"email": user.email, "password": PASSWORD},
                        expected_redirect="/staff/login/code")


def test_an_empty_password_change_lists_its_errors_in_the_order_of_the_page(client_request):
    client_request.sign_in_as("viewer")
    page = client_request.post("/staff/account/password", {}, expected_status=200)
    assert page.title.get_text().startswith("Error: ")
    assert error_messages(page) == ["Enter your current password", "Enter a new password",
                                    "Type the new password again"]
    links = [a["href"] for a in page.select(".govuk-error-summary a")]
    assert links == ["#current", "#password", "#confirm"]


def test_a_refused_new_password_is_shown_on_the_new_password(client_request):
    client_request.sign_in_as("viewer")
    page = client_request.post("/staff/account/password",
                               {"current": PASSWORD, "password": "short", "confirm": "short"}, expected_status=200)
    assert [a["href"] for a in page.select(".govuk-error-summary a")] == ["#password"]
