"""Staff views: sign in and out, the workspace home."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, logout_user

from surveys.extensions import account_key, limit_setting, limiter, sign_in_limits_working
from surveys.formatters import local_datetime
from surveys.services.capture.cases import queries as case_queries
from surveys.services.platform.sign_in import DEMO_REFUSED, check_password, signed_out
from surveys.services.report.dashboard import headlines
from surveys.staff import bp
from surveys.staff.access import may_open, public, signed_in
from surveys.staff.forms import LoginForm
from surveys.staff.sign_in_steps import after_password, end_idle_session

SIGN_IN_FAILED = "Enter a correct email address and password"
PUBLISHED_MESSAGE = ("That password is published in yousaid's instructions, so it cannot be used here. "
                         "Ask an administrator to send you a link to set a new password")

bp.before_request(end_idle_session)


def locked_message(until) -> str:
    """What a person whose account is locked is told: why, until when, and who can help sooner."""
    return (f"This account is locked after too many failed attempts to sign in. Try again after "
            f"{local_datetime(until)}, or ask an administrator to unlock it")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(limit_setting("RATELIMIT_SIGN_IN_ADDRESS"), methods=["POST"])
@limiter.limit(limit_setting("RATELIMIT_SIGN_IN_ACCOUNT"), methods=["POST"], key_func=account_key)
@sign_in_limits_working
def login():
    """Sign in with email and password (then a two-factor code, when the account uses one)."""
    if current_user.is_authenticated:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        attempt = check_password(form.email.data, form.password.data)
        if attempt.passed:
            return after_password(attempt.user, request.args.get("next"))
        form.email.errors.append(_failure_message(attempt))
        return render_template("staff/login.html", form=form), 200  # 200 keeps the audit
    return render_template("staff/login.html", form=form)


def _failure_message(attempt) -> str:
    # A locked account reads like a wrong password here, so the page never tells a stranger that an email has an
    # account; the page says how lockout works, and the two-factor step (after the right password) names the time.
    if attempt.outcome == DEMO_REFUSED:
        return PUBLISHED_MESSAGE
    return SIGN_IN_FAILED


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    """Sign out (a POST, so a link on another site cannot sign anyone out), ending every copy of the session."""
    signed_out(current_user)
    logout_user()
    flash("You have signed out", "success")
    return redirect(url_for("public.home"))


@bp.route("/")
@signed_in
def dashboard():
    """The workspace home: what needs attention, and a few headline figures from the dashboard."""
    summary = case_queries.workload(current_user) if may_open("staff.cases") else None
    figures = headlines(current_user) if may_open("staff.performance_dashboard") else None
    return render_template("staff/dashboard.html", summary=summary, headlines=figures)
