"""Account lockout: 10 failed sign-ins in a row, from any address, lock the account for 15 minutes; an
administrator can unlock it sooner. The published demo password is refused where demo logins are not allowed."""

from datetime import timedelta

import pytest

from surveys.models import AuditEvent, User, db, utcnow
from surveys.services.platform.sign_in import check_password
from tests.factories import PASSWORD, make_user
from tests.html import error_messages

WRONG = "not the password at all"


def attempt(client_request, email, password, address="203.0.113.1"):
    form = {"csrf_token": client_request.csrf_token("/staff/login"), "email": email, "password": password}
    return client_request.client.post("/staff/login", data=form, environ_base={"REMOTE_ADDR": address})


def test_ten_failures_from_many_addresses_lock_the_account(client_request, app):
    assert app.config["LOCKOUT_AFTER_FAILURES"] <= 10 and app.config["LOCKOUT_MINUTES"] >= 15
    user = make_user("viewer")
    for n in range(10):
        assert attempt(client_request, user.email, WRONG, address=f"198.51.100.{n}").status_code == 200
    response = attempt(client_request, user.email, PASSWORD, address="192.0.2.99")  # the right password, too late
    assert response.status_code == 200
    from tests.html import parse_page
    [message] = error_messages(parse_page(response.get_data(as_text=True)))
    assert message == unknown_account_message(client_request)  # a stranger learns nothing about the email
    client_request.get("/staff/", expected_status=302, expected_redirect="/staff/login")
    locked = db.session.get(User, user.id)
    db.session.refresh(locked)
    assert locked.locked_until >= utcnow() + timedelta(minutes=14)
    actions = db.session.scalars(db.select(AuditEvent.action).where(AuditEvent.object_id == str(user.id))).all()
    assert actions.count("sign_in_failed") == 11 and "account_locked" in actions


def unknown_account_message(client_request) -> str:
    from tests.html import parse_page
    response = attempt(client_request, "nobody-here@example.org", WRONG, address="192.0.2.7")
    [message] = error_messages(parse_page(response.get_data(as_text=True)))
    return message


def test_the_sign_in_page_says_how_lockout_works(client_request, app):
    page = client_request.get("/staff/login")
    assert (f"After {app.config['LOCKOUT_AFTER_FAILURES']} wrong attempts in a row an account is locked for "
            f"{app.config['LOCKOUT_MINUTES']} minutes") in " ".join(page.get_text().split())


def test_the_lock_ends_after_its_time(client_request):
    user = make_user("viewer")
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    client_request.sign_in_as(user)
    db.session.refresh(user)
    assert user.locked_until is None and user.failed_sign_ins == 0


def test_a_success_forgets_earlier_failures(client_request):
    user = make_user("viewer")
    for _ in range(9):
        attempt(client_request, user.email, WRONG)
    client_request.sign_in_as(user)
    db.session.refresh(user)
    assert user.failed_sign_ins == 0 and user.locked_until is None


@pytest.mark.parametrize("allowed", [True, False])
def test_the_published_demo_password_is_refused_unless_demo_logins_are_allowed(app_context, app, allowed):
    from surveys.services.demo.people import DEMO_PASSWORD
    from surveys.services.platform.passwords import hash_password

    user = make_user("viewer")
    user.password_hash = hash_password(DEMO_PASSWORD)
    db.session.commit()
    app.config["DEMO_LOGINS_ALLOWED"] = allowed
    try:
        assert check_password(user.email, DEMO_PASSWORD).passed is allowed
    finally:
        app.config["DEMO_LOGINS_ALLOWED"] = True
