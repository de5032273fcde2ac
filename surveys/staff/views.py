"""Staff views: sign in and out, the workspace home, cases."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from surveys.extensions import limiter
from surveys.models import Case
from surveys.services import cases as case_service
from surveys.services.accounts import authenticate
from surveys.services.scoping import get_scoped_or_404
from surveys.staff.access import CASE_ROLES, roles_required
from surveys.staff.forms import LoginForm

bp = Blueprint("staff", __name__)

SIGN_IN_FAILED = "Enter a correct email address and password"


def safe_next(target: str | None) -> str:
    """Only follow ``next`` to a path on this site, never to another host."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("staff.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
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
    """The workspace home: what needs attention."""
    summary = case_service.workload(current_user)
    return render_template("staff/dashboard.html", summary=summary)


@bp.route("/cases")
@roles_required(*CASE_ROLES)
def cases():
    """Cases this member of staff may see, newest first."""
    return render_template("staff/cases.html", cases=case_service.list_cases(current_user), today=case_service.today())


@bp.route("/cases/<int:case_id>")
@roles_required(*CASE_ROLES)
def case_detail(case_id: int):
    """One case. A partner lead asking for another partner's case gets 404."""
    case = get_scoped_or_404(Case, case_id, current_user)
    return render_template("staff/case.html", case=case, today=case_service.today())
