"""Staff views: sign in and out, the workspace home, cases."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from surveys.extensions import account_key, limit_setting, limiter, sign_in_limits_working
from surveys.services.capture.cases import queries as case_queries
from surveys.services.platform.accounts import authenticate
from surveys.services.report.dashboard import headlines
from surveys.staff import bp
from surveys.staff.forms import LoginForm
from surveys.staff.report_views import may_open

SIGN_IN_FAILED = "Enter a correct email address and password"


def safe_next(target: str | None) -> str:
    """Only follow ``next`` to a path on this site, never to another host."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("staff.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(limit_setting("RATELIMIT_SIGN_IN_ADDRESS"), methods=["POST"])
@limiter.limit(limit_setting("RATELIMIT_SIGN_IN_ACCOUNT"), methods=["POST"], key_func=account_key)
@sign_in_limits_working
def login():
    """Sign in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
        form.email.errors.append(SIGN_IN_FAILED)
        return render_template("staff/login.html", form=form), 200
    return render_template("staff/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out (a POST, so a link on another site cannot sign anyone out)."""
    logout_user()
    flash("You have signed out", "success")
    return redirect(url_for("public.home"))


@bp.route("/")
@login_required
def dashboard():
    """The workspace home: what needs attention, and a few headline figures from the dashboard."""
    summary = case_queries.workload(current_user)
    figures = headlines(current_user) if may_open("staff.performance_dashboard") else None
    return render_template("staff/dashboard.html", summary=summary, headlines=figures)
