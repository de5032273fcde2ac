"""Erasure on request at /staff/erasure (administrators only): find what is held about one person, see what would
be deleted, delete it. Searching by someone's email goes in a POST, never in a URL."""

from flask import render_template
from flask_login import current_user

from surveys.services.platform import erasure
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.erasure_forms import ErasureConfirmForm, ErasureSearchForm


def _search(form: ErasureSearchForm) -> erasure.Search:
    return erasure.Search(link=form.link.data or "", email=form.email.data or "", phone=form.phone.data or "")


@bp.route("/erasure", methods=["GET", "POST"])
@roles_required()
def erasure_search():
    """Find a person's data and preview what would be deleted."""
    form = ErasureSearchForm()
    if not form.validate_on_submit():
        return render_template("staff/erasure.html", form=form), 400 if form.errors else 200
    found = erasure.find_person(_search(form))
    confirm = ErasureConfirmForm(formdata=None, link=form.link.data, email=form.email.data, phone=form.phone.data)
    return render_template("staff/erasure_preview.html", form=confirm, counts=found.counts(), found=found)


@bp.route("/erasure/delete", methods=["POST"])
@roles_required()
def erasure_delete():
    """Delete everything found, once confirmed; the audit log keeps counts only."""
    form = ErasureConfirmForm()
    if not form.validate_on_submit():
        if set(form.errors) - {"confirm"}:  # the search itself is wrong: start again
            return render_template("staff/erasure.html", form=form), 400
        found = erasure.find_person(_search(form))
        return render_template("staff/erasure_preview.html", form=form, counts=found.counts(), found=found), 400
    counts = erasure.erase(current_user, _search(form))
    return render_template("staff/erasure_done.html", counts=counts)
