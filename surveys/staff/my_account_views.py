"""Your own account: change your password, and set up two-factor sign-in when your role does not require it."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from surveys.services.platform import staff_accounts, two_factor
from surveys.services.platform.errors import Invalid
from surveys.staff import bp
from surveys.staff.access import signed_in
from surveys.staff.forms import ChangePasswordForm, TwoFactorCodeForm
from surveys.staff.sign_in_steps import renew
from surveys.staff.two_factor_views import WRONG_CODE, enrolment_context


@bp.route("/account")
@signed_in
def my_account():
    """What your account is, and what you can change."""
    return render_template("staff/my_account.html")


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    """A new password; every other session of the account ends, this one carries on."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            staff_accounts.change_own_password(current_user, form.current.data, form.password.data)
        except Invalid as problem:
            field = form.current if problem.message == staff_accounts.NOT_YOUR_CURRENT else form.password
            field.errors.append(problem.message)
        else:
            renew(current_user._get_current_object())
            flash("Your password is changed. You are signed out everywhere else.", "success")
            return redirect(url_for("staff.my_account"))
    return render_template("staff/change_password.html", form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@signed_in
def set_up_two_factor():
    """Turn on two-factor sign-in for your account: scan the QR code and enter a code."""
    if current_user.two_factor_enabled:
        return redirect(url_for("staff.my_account"))
    context = enrolment_context(current_user)
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        if two_factor.confirm_enrolment(current_user, form.code.data):
            flash("Two-factor sign-in is on: you will enter a code each time you sign in.", "success")
            return redirect(url_for("staff.my_account"))
        form.code.errors.append(WRONG_CODE)
    return render_template("staff/two_factor_setup.html", form=form, signed_in_already=True, **context)
