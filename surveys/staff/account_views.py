"""Administering staff accounts (administrators only), and setting a password from a one-time link (anyone with it).

A new account or a password reset shows its one-time link once, on the page that made it, for the administrator
to pass on; it is never stored or sent from here.
"""

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from surveys.services.act.options import partner_options
from surveys.services.platform import staff_accounts, two_factor
from surveys.services.platform.errors import Conflict, Invalid, NotFound
from surveys.services.platform.sign_in import is_locked
from surveys.staff import bp
from surveys.staff.access import public, roles_required
from surveys.staff.account_forms import InviteForm, RoleForm
from surveys.staff.forms import NewPasswordForm

ADMIN_ONLY = ()  # roles_required() with no roles: administrators only


@bp.route("/accounts", methods=["GET", "POST"])
@roles_required(*ADMIN_ONLY)
def accounts():
    """Every staff account, and the form to invite someone new."""
    form = InviteForm(partners=partner_options())
    if form.validate_on_submit():
        try:
            user, link = staff_accounts.invite(current_user, form.email.data, form.name.data, form.role.data,
                                               form.partner_id)
        except (Conflict, Invalid) as problem:
            form.email.errors.append(problem.message)
        else:
            return render_template("staff/account_link.html", user=user, link=link, invited=True)
    return render_template("staff/accounts.html", form=form, users=staff_accounts.accounts(), is_locked=is_locked)


@bp.route("/accounts/<int:user_id>", methods=["GET", "POST"])
@roles_required(*ADMIN_ONLY)
def account(user_id: int):
    """One account: its role and partner, and the buttons that deactivate, reset or unlock it."""
    user = staff_accounts.account(user_id)
    form = RoleForm(partners=partner_options(), data={"role": user.role, "partner": str(user.partner_id or "")})
    if form.validate_on_submit():
        try:
            staff_accounts.change_role(current_user, user, form.role.data, form.partner_id)
        except (Conflict, Invalid) as problem:
            form.role.errors.append(problem.message)
        else:
            flash(f"{user.email} is now {user.role_name.lower()}", "success")
            return redirect(url_for("staff.account", user_id=user.id))
    return render_template("staff/account.html", user=user, form=form, locked=is_locked(user),
                           needs_two_factor=two_factor.required_for(user))


ACCOUNT_CHANGES = {
    "deactivate": (staff_accounts.deactivate, "{email} can no longer sign in"),
    "reactivate": (staff_accounts.reactivate, "{email} can sign in again"),
    "unlock": (staff_accounts.unlock, "{email} is unlocked"),
    "reset-two-factor": (two_factor.reset, "{email} will set up two-factor sign-in again at their next sign-in"),
}


@bp.route("/accounts/<int:user_id>/<any(deactivate, reactivate, unlock, 'reset-two-factor'):change>",
          methods=["POST"])
@roles_required(*ADMIN_ONLY)
def account_change(user_id: int, change: str):
    """Deactivate, reactivate, unlock or reset the two-factor of an account."""
    user = staff_accounts.account(user_id)
    do, message = ACCOUNT_CHANGES[change]
    do(current_user, user)
    flash(message.format(email=user.email), "success")
    return redirect(url_for("staff.account", user_id=user.id))


@bp.route("/accounts/<int:user_id>/reset-password", methods=["POST"])
@roles_required(*ADMIN_ONLY)
def account_reset_password(user_id: int):
    """Make the password useless and show a one-time link to set a new one."""
    user = staff_accounts.account(user_id)
    link = staff_accounts.reset_password(current_user, user)
    return render_template("staff/account_link.html", user=user, link=link, invited=False)


@bp.route("/set-password/<token>", methods=["GET", "POST"])
@public
def set_password(token: str):
    """Choose a password from a one-time link (an invitation or a reset)."""
    user = staff_accounts.user_for_link(token)
    if user is None:  # never says which: wrong, used or out of date
        raise NotFound("This link to set a password does not work. Each link works once, for "
                       f"{current_app.config['SET_PASSWORD_LINK_HOURS']} hours. Ask an administrator to send you "
                       "a new link.")
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            staff_accounts.set_password(user, form.password.data)
        except Invalid as problem:
            form.password.errors.append(problem.message)
        else:
            flash("Your password is set. Sign in with it now.", "success")
            return redirect(url_for("staff.login"))
    return render_template("staff/set_password.html", form=form, user=user)
