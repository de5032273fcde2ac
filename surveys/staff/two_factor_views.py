"""Two-factor sign-in pages: the code after the password, and enrolment (a QR code and the secret as text).

Both are reached between the password and the workspace, so they are public routes that check the half-made
sign-in in the session themselves (``sign_in_steps.pending_user``); a wrong code counts towards the lockout.
"""

from flask import flash, redirect, render_template, session, url_for

from surveys.extensions import limiter
from surveys.services.platform import two_factor
from surveys.services.platform.sign_in import LOCKED, count_failure
from surveys.staff import bp
from surveys.staff.access import public
from surveys.staff.forms import TwoFactorCodeForm
from surveys.staff.sign_in_steps import PENDING, finish, pending_user
from surveys.staff.views import locked_message

WRONG_CODE = "Enter the code your authenticator app shows now"
TIMED_OUT = "Sign in again: it took more than 5 minutes to enter the code"


def _start_again():
    """Back to the password. "Took too long" only when a sign-in was waiting (not for a locked account, whose
    waiting sign-in was ended with the lock message, nor for someone who never gave the password)."""
    if session.pop(PENDING, None) is not None:
        flash(TIMED_OUT, "info")
    return redirect(url_for("staff.login"))


def enrolment_context(user) -> dict:
    """What the set-up page shows: the QR code of the secret being enrolled, and the secret to type by hand."""
    secret = two_factor.secret_for_enrolment(user)
    return {"qr_code": two_factor.qr_code_data_uri(two_factor.provisioning_uri(user, secret)),
            "secret": two_factor.grouped(secret)}


def _wrong_code(user, form, template: str, **context):
    """Count the failure; show the page again with why (locked, or a wrong code)."""
    attempt = count_failure(user, "wrong_code")
    if attempt.outcome == LOCKED:
        session.pop(PENDING, None)
        form.code.errors.append(locked_message(attempt.locked_until))
    else:
        form.code.errors.append(WRONG_CODE)
    return render_template(template, form=form, **context), 200  # 200 keeps the failure's count and audit


@bp.route("/login/code", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"])
def two_factor_code():
    """The second step of signing in: the code from the authenticator app."""
    user = pending_user()
    if user is None or not user.two_factor_enabled:
        return _start_again()
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        if two_factor.verify(user, form.code.data):
            return finish(user, session[PENDING].get("next"), with_code=True)
        return _wrong_code(user, form, "staff/two_factor_code.html")
    return render_template("staff/two_factor_code.html", form=form)


@bp.route("/login/set-up-two-factor", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"])
def two_factor_setup():
    """Enrolment, required before the first sign-in of a role that needs two-factor: scan, then type a code."""
    user = pending_user()
    if user is None or user.two_factor_enabled:
        return _start_again()
    context = enrolment_context(user)
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        if two_factor.confirm_enrolment(user, form.code.data):
            return finish(user, session[PENDING].get("next"), with_code=True)
        return _wrong_code(user, form, "staff/two_factor_setup.html", **context)
    return render_template("staff/two_factor_setup.html", form=form, **context)
