"""TOTP two-factor sign-in (RFC 6238, with pyotp): enrolment, checking a code once, and who must use it.

Required (when the ``TWO_FACTOR_REQUIRED`` setting is on, as in production) for administrators and every role that
can read raw text or safeguarding flags: ``ROLES_NEEDING_TWO_FACTOR`` (a test keeps it in step with the roles the
case, safeguarding and audio pages let read raw words). Anyone who enrolled uses it whatever the setting.
A code is accepted once: the time step it belongs to is kept, and that step or an earlier one is refused after.
Lost devices: an administrator resets the account's two-factor, and the person enrols again at their next sign-in.
The QR code is drawn on the server (segno) as an SVG data URI, so the page needs no script and no other site.
The secret is stored sealed (``sealing``): the database holds only its encrypted form.
"""

import hmac
import time

import pyotp
import segno
from flask import current_app

from surveys.formatters import local_datetime
from surveys.models import User, db, utcnow
from surveys.services.platform import audit
from surveys.services.platform.notify.queued import queue_email
from surveys.services.platform.sealing import is_sealed, seal, unseal

ROLES_NEEDING_TWO_FACTOR = frozenset({
    "admin",  # can do everything
    "complaints_officer", "partner_lead", "safeguarding_lead",  # read cases' raw words (RAW_TEXT_ROLES)
    "coproduction_lead", "analyst",  # read every comment (redacted) and export them: two factors all the same
})
ISSUER = "yousaid"
STEP_SECONDS = 30


def required_for(user: User) -> bool:
    """True when this user must sign in with a code: enrolled already, or required by the setting for the role."""
    return user.two_factor_enabled or (
        bool(current_app.config.get("TWO_FACTOR_REQUIRED")) and user.role in ROLES_NEEDING_TWO_FACTOR)


def secret_for_enrolment(user: User) -> str:
    """The secret the user is enrolling with: a new one unless an unconfirmed one is waiting. Flushes."""
    secret = unseal(user.totp_secret)
    if secret is None or user.two_factor_enabled:
        secret = pyotp.random_base32()
        user.totp_secret = seal(secret)
        user.totp_confirmed_at = None
        db.session.flush()
    return secret


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=current_app.config.get("SERVICE_NAME")
                                               or ISSUER)


def qr_code_data_uri(uri: str) -> str:
    """The QR code of ``uri`` as an SVG data URI for an <img> (allowed by the page's CSP: img-src data:)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, dark="#0b0c0c", light="#ffffff")


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def verify(user: User, code: str, now: float | None = None) -> bool:
    """True when ``code`` is the user's current code (or the one either side, for clock drift) and was not used.

    Keeps the step used, so the same code cannot sign in twice. Flushes.
    """
    code = "".join((code or "").split())
    secret = unseal(user.totp_secret)
    if not secret or not code.isdigit() or len(code) != 6:
        return False
    totp = pyotp.TOTP(secret)
    step_now = int((now if now is not None else time.time()) // STEP_SECONDS)
    for step in (step_now - 1, step_now, step_now + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False
            user.totp_last_step = step
            if not is_sealed(user.totp_secret):
                user.totp_secret = seal(secret)  # stored before sealing existed
            db.session.flush()
            return True
    return False


ENROLLED_KIND = "two_factor_set_up"


def confirm_enrolment(user: User, code: str) -> bool:
    """Turn two-factor on when ``code`` matches the waiting secret, and email the person that it was set up (the
    first set-up needs only the password, so someone else doing it is noticed). Flushes."""
    if not verify(user, code):
        return False
    user.totp_confirmed_at = utcnow()
    audit.record(user, "two_factor_enrolled", user)
    _queue_enrolment_notice(user)
    db.session.flush()
    return True


def _queue_enrolment_notice(user: User) -> None:
    service = current_app.config.get("SERVICE_NAME") or ISSUER
    body = (f"Two-factor sign-in was set up on your {service} staff account ({user.email}) on "
            f"{local_datetime(user.totp_confirmed_at)}, with an authenticator app.\n\n"
            "If this was you, there is nothing to do.\n\n"
            "If it was not you, tell an administrator at once: they can reset your two-factor and your password, "
            "and the audit log shows when it happened.")
    queue_email(ENROLLED_KIND, user.email[:254], f"Two-factor sign-in was set up on your {service} account", body)


def reset(by: User, user: User) -> None:
    """Remove the user's two-factor (a lost phone); they enrol again at their next sign-in. Ends their sessions."""
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    user.end_sessions()
    audit.record(by, "two_factor_reset", user)
    db.session.flush()
