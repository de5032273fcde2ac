"""TOTP two-factor sign-in: enrolment with a QR code, the code step, no replay, the lockout, and who needs it."""

import time

import pyotp
import pytest

from surveys.models import AuditEvent, db
from surveys.services.platform.raw_text import RAW_TEXT_ROLES
from surveys.services.platform.two_factor import ROLES_NEEDING_TWO_FACTOR
from surveys.services.understand.safeguarding.words import REVIEWER_ROLES
from surveys.staff.audio_views import AUDIO_ROLES
from surveys.staff.sign_in_steps import PENDING
from tests.factories import PASSWORD, make_user
from tests.html import banner_text, error_messages, h1_text, title_text


@pytest.fixture
def required(app):
    app.config["TWO_FACTOR_REQUIRED"] = True
    yield
    app.config["TWO_FACTOR_REQUIRED"] = False


def password_step(client_request, user, expected_redirect):
    client_request.post("/staff/login", {"email": user.email, "password": PASSWORD},
                        expected_redirect=expected_redirect)


def enrol(client_request, user) -> tuple[str, str]:
    """Sign in for the first time with two-factor required: scan (read the key), enter a code. The secret and code."""
    password_step(client_request, user, "/staff/login/set-up-two-factor")
    page = client_request.get("/staff/login/set-up-two-factor")
    assert page.select_one("main img")["src"].startswith("data:image/svg+xml")
    secret = page.select_one("code.app-secret").get_text().replace(" ", "")
    code = pyotp.TOTP(secret).now()
    client_request.post("/staff/login/set-up-two-factor", {"code": code}, expected_redirect="/staff/")
    return secret, code


def test_roles_that_read_raw_words_or_flags_need_two_factor():
    assert {"admin", *RAW_TEXT_ROLES, *REVIEWER_ROLES, *AUDIO_ROLES} <= ROLES_NEEDING_TWO_FACTOR
    assert "viewer" not in ROLES_NEEDING_TWO_FACTOR and "pcf_rep" not in ROLES_NEEDING_TWO_FACTOR


def test_off_in_testing_by_default(app):
    assert app.config["TWO_FACTOR_REQUIRED"] is False


def test_an_admin_enrols_at_first_sign_in_then_gives_a_code_each_time(client_request, required):
    admin = make_user("admin")
    client_request.get("/staff/", expected_status=302, expected_redirect="/staff/login")  # not signed in by halves
    secret, _ = enrol(client_request, admin)
    client_request.get("/staff/")
    client_request.sign_out()

    password_step(client_request, admin, "/staff/login/code")
    client_request.get("/staff/", expected_status=302, expected_redirect="/staff/login")
    page = client_request.post("/staff/login/code", {"code": "000000"}, expected_status=200)
    assert title_text(page).startswith("Error: ")
    assert error_messages(page) == ["Enter the code your authenticator app shows now"]
    code = pyotp.TOTP(secret).at(time.time() + 30)  # the next step's code (clocks drift), not the one used
    client_request.post("/staff/login/code", {"code": code}, expected_redirect="/staff/")
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "sign_in")).all()
    assert [event.detail["two_factor"] for event in events] == [True, True]


def test_a_code_works_once(client_request, required):
    admin = make_user("admin")
    _, used = enrol(client_request, admin)
    client_request.sign_out()
    password_step(client_request, admin, "/staff/login/code")
    page = client_request.post("/staff/login/code", {"code": used}, expected_status=200)
    assert error_messages(page) == ["Enter the code your authenticator app shows now"]


def test_roles_without_raw_words_sign_in_with_a_password(client_request, required):
    for role in ("viewer", "pcf_rep"):
        client_request.sign_in_as(role)
        client_request.sign_out()


def test_someone_enrolled_gives_a_code_even_where_it_is_not_required(client_request, app):
    viewer = make_user("viewer")
    app.config["TWO_FACTOR_REQUIRED"] = True
    try:
        enrol(client_request, make_user("analyst"))
    finally:
        app.config["TWO_FACTOR_REQUIRED"] = False
    client_request.sign_out()
    analyst = db.session.scalar(db.select(type(viewer)).where(type(viewer).role == "analyst"))
    password_step(client_request, analyst, "/staff/login/code")


def test_the_code_pages_need_the_password_first(client_request, required):
    for url in ("/staff/login/code", "/staff/login/set-up-two-factor"):
        client_request.get(url, expected_status=302, expected_redirect="/staff/login")
    assert "5 minutes" not in banner_text(client_request.get("/staff/login"))


def test_the_password_step_expires_after_five_minutes(client_request, required):
    admin = make_user("admin")
    password_step(client_request, admin, "/staff/login/set-up-two-factor")
    with client_request.client.session_transaction() as session:
        session[PENDING] = {**session[PENDING], "at": time.time() - 301}
    client_request.get("/staff/login/set-up-two-factor", expected_status=302, expected_redirect="/staff/login")
    assert "more than 5 minutes" in banner_text(client_request.get("/staff/login"))


def test_wrong_codes_count_towards_the_lockout(client_request, required, app):
    admin = make_user("admin")
    enrol(client_request, admin)
    client_request.sign_out()
    password_step(client_request, admin, "/staff/login/code")
    for _ in range(app.config["LOCKOUT_AFTER_FAILURES"] - 1):
        client_request.post("/staff/login/code", {"code": "123456"}, expected_status=200)
    page = client_request.post("/staff/login/code", {"code": "123456"}, expected_status=200)
    assert error_messages(page)[0].startswith("This account is locked")
    client_request.get("/staff/login/code", expected_status=302, expected_redirect="/staff/login")
    assert "5 minutes" not in banner_text(client_request.get("/staff/login"))  # locked, not late


def test_setup_page_explains_itself(client_request, required):
    password_step(client_request, make_user("safeguarding_lead"), "/staff/login/set-up-two-factor")
    page = client_request.get("/staff/login/set-up-two-factor")
    assert h1_text(page) == "Set up two-factor sign-in"
    assert page.select_one("input[name=code]")["autocomplete"] == "one-time-code"


def test_the_secret_is_stored_sealed_never_in_plain(client_request, required):
    admin = make_user("admin")
    secret, _ = enrol(client_request, admin)
    db.session.refresh(admin)
    assert admin.totp_secret.startswith("sealed:v1:") and secret not in admin.totp_secret


OLD_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # 160 bits, written before sealing existed


def test_a_secret_stored_in_plain_before_sealing_still_works_and_is_sealed_on_use(app_context):
    from surveys.services.platform.two_factor import verify
    user = make_user("admin")
    user.totp_secret = OLD_SECRET
    db.session.commit()
    assert verify(user, pyotp.TOTP(OLD_SECRET).now())
    assert user.totp_secret.startswith("sealed:v1:")
    assert not verify(user, pyotp.TOTP(OLD_SECRET).at(time.time() + 90))  # two steps on: not its code
    assert verify(user, pyotp.TOTP(OLD_SECRET).at(time.time() + 30))  # the next step, after unsealing


def test_a_secret_sealed_with_another_key_opens_to_nothing(app, app_context):
    from surveys.services.platform.sealing import seal, unseal
    from surveys.services.platform.two_factor import verify
    user = make_user("admin")
    user.totp_secret = seal(OLD_SECRET)
    assert unseal(user.totp_secret) == OLD_SECRET
    app.config["DATA_ENCRYPTION_KEY"] = "x" * 43 + "="  # a well-formed key, not the one it was sealed with
    try:
        assert unseal(user.totp_secret) is None
        assert not verify(user, pyotp.TOTP(OLD_SECRET).now())
    finally:
        app.config["DATA_ENCRYPTION_KEY"] = None


def test_the_person_is_emailed_when_two_factor_is_set_up(client_request, required, run_outbox):
    from surveys.models import Notification
    admin = make_user("admin")
    enrol(client_request, admin)
    run_outbox()
    [notice] = db.session.scalars(db.select(Notification).where(Notification.kind == "two_factor_set_up")).all()
    assert notice.recipient == admin.email and notice.status == "sent"
