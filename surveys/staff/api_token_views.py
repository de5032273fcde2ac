"""API tokens at /staff/api-tokens: every member of staff makes, names and revokes their own tokens for the
partners' API (administrators see and revoke everyone's). A new token is shown once, on the page that answers
the form, and never again: only its hash is kept. The forms carry CSRF tokens like every staff form.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from surveys.models import utcnow
from surveys.services.platform import api_tokens
from surveys.staff import bp
from surveys.staff.access import signed_in
from surveys.staff.api_token_forms import ApiTokenForm, RevokeTokenForm


def tokens_page(form: ApiTokenForm, status: int = 200, new_token: str | None = None):
    """The list of tokens and the form to make one (with its errors, or the token just made)."""
    page = render_template("staff/api_tokens.html", form=form, new_token=new_token,
                           tokens=api_tokens.tokens_for(current_user), now=utcnow())
    return page, status


@bp.route("/api-tokens", endpoint="api_tokens")
@signed_in  # everyone: a token can do only what its own account can
def api_tokens_list():
    """Your tokens, and a form to make one."""
    return tokens_page(ApiTokenForm(formdata=None))


@bp.route("/api-tokens", methods=["POST"])
@signed_in
def api_token_create():
    """Make a token and show it, once."""
    form = ApiTokenForm()
    if not form.validate_on_submit():
        return tokens_page(form, 400)
    _, plain = api_tokens.create_token(current_user, form.name.data, days=form.days.data)
    return tokens_page(ApiTokenForm(formdata=None), new_token=plain)


@bp.route("/api-tokens/<int:token_id>/revoke", methods=["POST"])
@signed_in
def api_token_revoke(token_id: int):
    """Stop a token working at once."""
    token = api_tokens.get_token(current_user, token_id)
    if RevokeTokenForm().validate_on_submit():
        api_tokens.revoke_token(current_user, token)
        flash(f"Token revoked: {token.name}", "success")
    return redirect(url_for("staff.api_tokens"))
