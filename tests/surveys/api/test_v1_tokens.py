"""API tokens: 401 without a usable one, stored hashed, expiry and revocation, the staff pages and the command."""

from datetime import timedelta

import pytest

from surveys.models import ApiToken, AuditEvent, db, utcnow
from surveys.services.capture.invitations import hash_token
from tests.factories import make_api_token, make_partner, make_user


def test_no_token_is_401_with_a_problem_body(api_as):
    response = api_as(None).get("/api/v1/themes")
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = response.get_json()
    assert body["status"] == 401 and body["title"] == "Unauthorized" and "Bearer" in body["detail"]


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer ys_" + "a" * 43, "Basic dXNlcjpwYXNz", "ys_x",
                                    "Bearer " + "ys_" + "b" * 500])
def test_bad_tokens_are_401(client, app_context, header):
    make_api_token()
    response = client.get("/api/v1/themes", headers={"Authorization": header})
    assert response.status_code == 401


def test_a_signed_in_browser_without_a_token_is_401(client_request):
    client_request.sign_in_as("admin")
    assert client_request.client.get("/api/v1/themes").status_code == 401


def test_only_the_hash_is_stored_and_use_is_noted(api_as):
    token, plain = make_api_token()
    assert token.token_hash == hash_token(plain) and plain not in (token.hint, token.token_hash)
    assert plain.startswith("ys_") and token.hint == plain[:8]
    assert token.last_used_at is None
    assert api_as(plain).get("/api/v1/themes").status_code == 200
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).last_used_at is not None


def test_expired_revoked_and_closed_account_tokens_stop_working(api_as):
    token, plain = make_api_token()
    assert api_as(plain).get("/api/v1/themes").status_code == 200
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert api_as(plain).get("/api/v1/themes").status_code == 401

    token, plain = make_api_token()
    token.revoked_at = utcnow()
    db.session.commit()
    assert api_as(plain).get("/api/v1/themes").status_code == 401

    user = make_user("analyst")
    token, plain = make_api_token(user)
    user.active = False
    db.session.commit()
    assert api_as(plain).get("/api/v1/themes").status_code == 401


def test_staff_create_a_token_shown_once_then_revoke_it(client_request, api_as):
    user = client_request.sign_in_as("analyst")
    page = client_request.post("/staff/api-tokens", {"name": "Power BI", "days": "30"}, expected_status=200)
    plain = page.select_one("#new-token").text.strip()
    assert plain.startswith("ys_")
    assert api_as(plain).get("/api/v1/themes").status_code == 200

    page = client_request.get("/staff/api-tokens")
    assert page.select_one("#new-token") is None
    assert plain not in str(page)
    cells = [cell.text.strip() for cell in page.select("tbody td")]
    assert "Power BI" in cells and f"{plain[:8]}…" in cells

    token = db.session.scalar(db.select(ApiToken).where(ApiToken.user_id == user.id))
    client_request.post(f"/staff/api-tokens/{token.id}/revoke", form_url="/staff/api-tokens",
                        expected_redirect="/staff/api-tokens")
    assert api_as(plain).get("/api/v1/themes").status_code == 401
    actions = set(db.session.scalars(db.select(AuditEvent.action)))
    assert {"api_token.create", "api_token.revoke"} <= actions


def test_the_staff_menu_leads_to_api_tokens(client_request):
    client_request.sign_in_as("complaints_officer")
    page = client_request.get("/staff/api-tokens")
    assert [a["href"] for a in page.select(".govuk-service-navigation__item--active a")] == ["/staff/api-tokens"]


def test_the_token_form_shows_its_errors(client_request):
    client_request.sign_in_as("viewer")
    page = client_request.post("/staff/api-tokens", {"name": "", "days": "9999"}, expected_status=400)
    assert page.select_one("title").text.startswith("Error: ")
    summary = [link.text.strip() for link in page.select(".govuk-error-summary a")]
    assert "Enter a name for this token" in summary
    assert any("from 1 to 366" in text for text in summary)
    assert db.session.scalar(db.select(db.func.count(ApiToken.id))) == 0


def test_staff_token_pages_need_a_csrf_token(client_request):
    client_request.sign_in_as("analyst")
    response = client_request.client.post("/staff/api-tokens", data={"name": "No CSRF", "days": "30"})
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(ApiToken.id))) == 0


def test_people_see_and_revoke_only_their_own_tokens(client_request):
    other, _ = make_api_token(make_user("analyst"), name="Someone else's")
    client_request.sign_in_as("viewer")
    page = client_request.get("/staff/api-tokens")
    assert "Someone else's" not in page.text
    client_request.post(f"/staff/api-tokens/{other.id}/revoke", form_url="/staff/api-tokens", expected_status=404)
    db.session.expire_all()
    assert db.session.get(ApiToken, other.id).revoked_at is None


def test_administrators_see_everyones_tokens(client_request):
    make_api_token(make_user("analyst"), name="Analyst's token")
    client_request.sign_in_as("admin")
    assert "Analyst's token" in client_request.get("/staff/api-tokens").text


def test_the_command_prints_a_working_token(app, api_as):
    make_user("partner_lead", partner=make_partner("North ICB"), email="lead@icb.example")
    result = app.test_cli_runner().invoke(args=["create-api-token", "lead@icb.example", "--name", "ICB dashboard"])
    assert result.exit_code == 0, result.output
    plain = result.stdout.strip().splitlines()[-1]
    assert plain.startswith("ys_")
    assert api_as(plain).get("/api/v1/actions").status_code == 200
    token = db.session.scalar(db.select(ApiToken))
    assert token.name == "ICB dashboard" and token.user.email == "lead@icb.example"


def test_the_command_refuses_an_unknown_account(app, app_context):
    result = app.test_cli_runner().invoke(args=["create-api-token", "nobody@example.org", "--name", "X"])
    assert result.exit_code != 0 and "no account" in result.output
