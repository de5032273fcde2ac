"""Signing in and out of the staff workspace."""

from tests.factories import PASSWORD, make_user
from tests.html import csrf_token_from

FAILED = "Enter a correct email address and password"


def test_sign_in_succeeds_and_shows_the_workspace(client, login, app_context):
    user = make_user(role="coproduction_lead")
    response = login(user.email, PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/staff/")
    page = client.get("/staff/")
    assert page.status_code == 200
    assert user.email in page.get_data(as_text=True)


def test_email_is_not_case_sensitive(client, login, app_context):
    make_user(email="Lead@Example.org".lower())
    assert login("LEAD@example.org", PASSWORD).status_code == 302


def test_wrong_password_gives_a_clear_error(client, login, app_context):
    user = make_user()
    response = login(user.email, "wrong password entirely")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert FAILED in html
    assert "<title>Error: " in html
    assert 'href="#email"' in html  # the error summary links to the field
    assert client.get("/staff/").status_code == 302


def test_unknown_email_gives_the_same_error(client, login, app_context):
    make_user(email="known@example.org")
    unknown = login("nobody@example.org", PASSWORD).get_data(as_text=True)
    wrong = login("known@example.org", "not the password").get_data(as_text=True)
    assert FAILED in unknown and FAILED in wrong
    assert "not found" not in unknown.lower() and "no account" not in unknown.lower()


def test_inactive_account_cannot_sign_in(client, login, app_context):
    user = make_user(active=False)
    assert FAILED in login(user.email, PASSWORD).get_data(as_text=True)


def test_empty_fields_are_reported_per_field(client, login, app_context):
    html = login("", "").get_data(as_text=True)
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_login_without_csrf_token_is_refused(client, app_context):
    user = make_user()
    response = client.post("/staff/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "timed out" in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_next_only_goes_to_this_site(client, app_context):
    user = make_user()
    page = client.get("/staff/login?next=https://evil.example/steal")
    token = csrf_token_from(page.get_data(as_text=True))
    response = client.post(
        "/staff/login?next=https://evil.example/steal",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"].endswith("/staff/")


def test_sign_out_needs_a_post_with_csrf(client, login, app_context):
    user = make_user()
    login(user.email, PASSWORD)
    assert client.get("/staff/logout").status_code == 405
    token = csrf_token_from(client.get("/staff/").get_data(as_text=True))
    response = client.post("/staff/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302


def test_workspace_needs_sign_in(client, app_context):
    response = client.get("/staff/cases")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]
