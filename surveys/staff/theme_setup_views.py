"""Setting up theme runs: ask for the themes to be found again with more or fewer of them, and keep the codebook.

Co-production leads (admins always) decide; everyone who may see themes may read the codebook. A re-run is
not done in the request (it can take minutes): it waits for the scheduler's ``run_requested_themes`` job,
and the themes page says so.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from surveys.services.platform.errors import Conflict, Invalid
from surveys.services.understand import codebook, theme_runs
from surveys.staff import bp
from surveys.staff.access import may_use, roles_required
from surveys.staff.theme_setup_forms import ButtonForm, CodebookForm, RerunForm
from surveys.staff.theme_views import VIEW_ROLES, themes_page

SETUP_ROLES = ("coproduction_lead",)


def may_set_up() -> bool:
    """Whether the signed-in person may re-run themes and change the codebook."""
    return may_use(current_user.role, SETUP_ROLES)


@bp.route("/themes/rerun", methods=["POST"])
@roles_required(*SETUP_ROLES)
def themes_rerun():
    """Ask for the themes to be found again with the number of themes given."""
    form = RerunForm()
    if form.validate_on_submit():
        try:
            request = theme_runs.ask(form.theme_count.data, bool(form.use_codebook.data), current_user)
        except (Conflict, Invalid) as error:
            form.theme_count.errors.append(error.message)
        else:
            source = " from the codebook" if request.use_codebook else ""
            flash(f"Themes will be found again with {request.k} themes{source}. This usually takes a few minutes",
                  "success")
            return redirect(url_for("staff.themes"))
    return themes_page(rerun_form=form), 400


def codebook_page(form: CodebookForm | None = None, status: int = 200):
    """The codebook, with the add-a-theme form as given (so its errors show)."""
    form = form or CodebookForm(formdata=None)
    page = render_template("staff/codebook.html", entries=codebook.entries(), form=form, add_form=form,
                           button_form=ButtonForm(formdata=None), may_set_up=may_set_up())
    return page, status


@bp.route("/themes/codebook")
@roles_required(*VIEW_ROLES)
def themes_codebook():
    """The themes the lead expects, with their example phrases."""
    return codebook_page()


def _save(form: CodebookForm, entry=None) -> bool:
    """Add or change a codebook theme from the form; False (errors on the form) when it cannot be used."""
    if not form.validate_on_submit():
        return False
    phrases = codebook.split_phrases(form.phrases.data)
    try:
        if entry is None:
            codebook.add(form.name.data, phrases, current_user)
        else:
            codebook.change(entry, form.name.data, phrases, current_user)
    except (Conflict, Invalid) as error:
        field = form.phrases if "phrase" in error.message else form.name
        field.errors.append(error.message)
        return False
    return True


@bp.route("/themes/codebook", methods=["POST"])
@roles_required(*SETUP_ROLES)
def themes_codebook_add():
    """Add an expected theme."""
    form = CodebookForm()
    if not _save(form):
        return codebook_page(form, 400)
    flash(f"‘{' '.join(form.name.data.split())}’ added to the codebook", "success")
    return redirect(url_for("staff.themes_codebook"))


@bp.route("/themes/codebook/<int:entry_id>", methods=["GET", "POST"])
@roles_required(*SETUP_ROLES)
def themes_codebook_change(entry_id: int):
    """Change an expected theme's name or phrases."""
    entry = codebook.get_entry(entry_id)
    form = CodebookForm(data={"name": entry.name, "phrases": "\n".join(entry.phrases or [])})
    if _save(form, entry):
        flash(f"‘{entry.name}’ saved", "success")
        return redirect(url_for("staff.themes_codebook"))
    status = 400 if form.errors else 200
    return render_template("staff/codebook_entry.html", entry=entry, form=form), status


@bp.route("/themes/codebook/<int:entry_id>/remove", methods=["POST"])
@roles_required(*SETUP_ROLES)
def themes_codebook_remove(entry_id: int):
    """Take a theme out of the codebook."""
    entry = codebook.get_entry(entry_id)
    if ButtonForm().validate_on_submit():
        name = entry.name
        codebook.remove(entry, current_user)
        flash(f"‘{name}’ removed from the codebook", "success")
    return redirect(url_for("staff.themes_codebook"))


@bp.route("/themes/codebook/start", methods=["POST"])
@roles_required(*SETUP_ROLES)
def themes_codebook_start():
    """Fill an empty codebook with the SEND inspection areas."""
    if ButtonForm().validate_on_submit():
        try:
            added = codebook.start_from_send_inspection(current_user)
        except Conflict as error:
            flash(error.message, "error")
        else:
            flash(f"The codebook now has the {added} SEND inspection areas. Change them to suit your area",
                  "success")
    return redirect(url_for("staff.themes_codebook"))
