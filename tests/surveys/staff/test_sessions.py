"""Staff sessions: renewed at sign-in, ended everywhere by sign-out, a new password or deactivation, and after
30 idle minutes."""

import time

from surveys.models import User, db
from surveys.staff.sign_in_steps import SEEN
from tests.factories import make_user
from tests.html import banner_text


def copy_session(client_request):
    """Another browser holding a copy of this browser's session cookie (as a thief would)."""
    other = client_request.another_browser()
    cookie = client_request.client.get_cookie("session")
    other.client.set_cookie("session", cookie.value)
    return other


def test_sign_in_starts_a_new_session(client_request):
    user = make_user("coproduction_lead")
    with client_request.client.session_transaction() as session:
        session["planted"] = "by someone before sign-in"
    client_request.sign_in_as(user)
    with client_request.client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == f"{user.id}:0"


def test_a_copied_cookie_stops_working_after_sign_out(client_request):
    client_request.sign_in_as("viewer")
    thief = copy_session(client_request)
    thief.get("/staff/")  # the copy works while the session lasts
    client_request.sign_out()
    thief.get("/staff/", expected_status=302, expected_redirect="/staff/login")


def test_deactivation_and_a_new_password_end_every_session(client_request):
    user = client_request.sign_in_as("viewer")
    thief = copy_session(client_request)
    db.session.get(User, user.id).end_sessions()  # what deactivation and a new password do
    db.session.commit()
    client_request.get("/staff/", expected_status=302, expected_redirect="/staff/login")
    thief.get("/staff/", expected_status=302, expected_redirect="/staff/login")


def test_a_staff_session_ends_after_30_idle_minutes(client_request, app):
    assert app.config["STAFF_IDLE_MINUTES"] == 30
    client_request.sign_in_as("viewer")
    with client_request.client.session_transaction() as session:
        session[SEEN] = time.time() - 29 * 60
    client_request.get("/staff/")  # still in time, and the clock starts again
    with client_request.client.session_transaction() as session:
        assert session[SEEN] > time.time() - 60
        session[SEEN] = time.time() - 31 * 60
    client_request.get("/staff/cases", expected_status=302, expected_redirect="/staff/login?next=/staff/cases")
    page = client_request.get("/staff/login?next=/staff/cases")
    assert "signed out because you did nothing for 30 minutes" in banner_text(page)
    client_request.get("/staff/", expected_status=302, expected_redirect="/staff/login")
