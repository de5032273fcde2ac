"""Who is not being heard: the mix of respondents against the local area's baseline figures.

Co-production leads, forum representatives, analysts and viewers read the comparison; co-production leads (and
admins) type or upload the baseline figures. Views validate, call the services and redirect; the request commits.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from surveys.models.representation import BASELINE_DIMENSIONS, SUPPORT_LEVELS
from surveys.services.platform.calendar import today
from surveys.services.platform.errors import Invalid
from surveys.services.platform.suppression import suppress_count
from surveys.services.report import baseline, who_answered
from surveys.staff import bp
from surveys.staff.access import may_use, roles_required
from surveys.staff.representation_forms import (
    AUDIENCE_NAMES,
    PERIODS,
    ComparisonForm,
    FigureForm,
    RemoveForm,
    UploadForm,
)

EDIT_ROLES = ("coproduction_lead",)
READ_ROLES = (*EDIT_ROLES, "analyst", "viewer", "pcf_rep")


@bp.route("/representation")
@roles_required(*READ_ROLES)
def representation():
    """Who answered against who lives here, with the gaps that are real written as sentences."""
    form = ComparisonForm(request.args)
    audience, support, period_name = form.values()
    when = who_answered.period(period_name, today())
    return render_template(
        "staff/representation.html", form=form, report=who_answered.report(audience, support, when),
        figures=who_answered.all_figures(), audience_names=AUDIENCE_NAMES, periods=PERIODS,
        dimension_names=BASELINE_DIMENSIONS, support_names=SUPPORT_LEVELS, suppress=suppress_count,
        may_edit=may_use(current_user.role, EDIT_ROLES), remove_form=RemoveForm(formdata=None),
        has_figures=bool(who_answered.supports_with_figures()),
    )


@bp.route("/representation/figures/new", methods=["GET", "POST"])
@roles_required(*EDIT_ROLES)
def representation_figure():
    """Type one baseline figure; a group that has a figure already gets the new count."""
    form = FigureForm()
    if form.validate_on_submit():
        figure = baseline.save_figure(current_user, form.dimension.data, form.category.data, form.support.data,
                                      baseline.count_of(form.count.data), form.as_of.data)
        flash(f"Figure saved: {baseline.describe(figure)}", "success")
        return redirect(url_for("staff.representation"))
    return render_template("staff/representation_figure.html", form=form)


@bp.route("/representation/upload", methods=["GET", "POST"])
@roles_required(*EDIT_ROLES)
def representation_upload():
    """Upload baseline figures as a CSV or XLSX file; rows with a problem are listed and the rest saved."""
    form = UploadForm()
    result = None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            result = baseline.import_figures(current_user, upload.read(baseline.MAX_BYTES + 1), upload.filename or "")
        except Invalid as problem:
            form.file.errors.append(problem.message)
        else:
            if not result.problems:
                flash(f"{result.saved:,} figures saved", "success")
                return redirect(url_for("staff.representation"))
    return render_template("staff/representation_upload.html", form=form, result=result,
                           dimension_names=BASELINE_DIMENSIONS, support_names=SUPPORT_LEVELS)


@bp.route("/representation/figures/<int:figure_id>/remove", methods=["POST"])
@roles_required(*EDIT_ROLES)
def representation_figure_remove(figure_id: int):
    """Remove one baseline figure."""
    form = RemoveForm()
    if not form.validate_on_submit():
        flash("The figure was not removed: reload the page and try again", "error")
        return redirect(url_for("staff.representation"))
    figure = baseline.remove_figure(figure_id)
    flash(f"Figure removed: {baseline.describe(figure)}", "success")
    return redirect(url_for("staff.representation"))
