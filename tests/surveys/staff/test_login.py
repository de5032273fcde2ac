"""Signing in and out of the staff workspace, through the real login form."""

from urllib.parse import urlsplit

from tests.factories import PASSWORD, make_user
from tests.html import error_messages, error_summary_links, main_text, parse_page, text_of, title_text

FAILED = "Enter a correct email address and password"


def sign_in(client_request, email: str, password: str, **expected):
    return client_request.post("/staff/login", {"email": email, "password": password}, **expected)


def test_sign_in_succeeds_and_shows_the_workspace(client_request):
    user = make_user(role="coproduction_lead")
    sign_in(client_request, user.email, PASSWORD, expected_redirect="/staff/")
    page = client_request.get("/staff/")
    assert f"Signed in as {user.email}" in text_of(page.select_one("body"))


def test_email_is_not_case_sensitive(client_request):
    make_user(email="Lead@Example.org".lower())
    sign_in(client_request, "LEAD@example.org", PASSWORD, expected_redirect="/staff/")


def test_wrong_password_gives_a_clear_error(client_request):
    user = make_user()
    page = sign_in(client_request, user.email, "wrong password entirely", expected_status=200)
    assert title_text(page).startswith("Error: ")
    assert error_summary_links(page) == [(FAILED, "#email")]  # the error summary links to the field
    client_request.get("/staff/", expected_status=302, expected_redirect="/staff/login")


def test_unknown_email_gives_the_same_error(client_request):
    make_user(email="known@example.org")
    unknown = sign_in(client_request, "nobody@example.org", PASSWORD, expected_status=200)
    wrong = sign_in(client_request, "known@example.org", "not the password", expected_status=200)
    assert error_messages(unknown) == error_messages(wrong) == [FAILED]
    assert "not found" not in main_text(unknown).lower() and "no account" not in main_text(unknown).lower()


def test_inactive_account_cannot_sign_in(client_request):
    user = make_user(active=False)
    assert error_messages(sign_in(client_request, user.email, PASSWORD, expected_status=200)) == [FAILED]


def test_empty_fields_are_reported_per_field(client_request):
    page = sign_in(client_request, "", "", expected_status=200)
    assert error_summary_links(page) == [("Enter your email address", "#email"), ("Enter your password", "#password")]


def test_login_without_csrf_token_is_refused(client_request):
    user = make_user()
    response = client_request.client.post("/staff/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "timed out" in main_text(parse_page(response.get_data(as_text=True)))
    client_request.get("/staff/", expected_status=302)


def test_next_only_goes_to_this_site(client_request):
    user = make_user()
    url = "/staff/login?next=https://evil.example/steal"
    client_request.post(url, {"email": user.email, "password": PASSWORD}, expected_redirect="/staff/")
    assert urlsplit(client_request.response.headers["Location"]).netloc in ("", "localhost")  # not evil.example


def test_sign_out_needs_a_post_with_csrf(client_request):
    client_request.sign_in_as("admin")
    assert client_request.client.get("/staff/logout").status_code == 405
    client_request.post("/staff/logout", form_url="/staff/")
    client_request.get("/staff/", expected_status=302, expected_redirect="/staff/login")


def test_workspace_needs_sign_in(client_request):
    client_request.get("/staff/cases", expected_status=302, expected_redirect="/staff/login")
