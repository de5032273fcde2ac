"""Staff views for reports: a survey's results. Views read GET filters, call surveys.services.report, render."""

from flask import current_app, render_template, request
from flask_login import current_user

from surveys.services.platform.suppression import threshold
from surveys.services.report import results as results_service
from surveys.services.report.charts import bar_chart
from surveys.services.report.filters import DIMENSIONS, parse_filters
from surveys.staff import bp
from surveys.staff.access import may_use, roles_required

REPORT_ROLES = ("coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep")


def may_open(endpoint: str) -> bool:
    """True when the signed-in member of staff may open the page at ``endpoint`` (to link to it or not)."""
    allowed = getattr(current_app.view_functions.get(endpoint), "allowed_roles", None)
    return allowed is None or may_use(current_user.role, allowed)


def status_for(filters) -> int:
    """400 when a filter could not be used (the page still shows, with the message), else 200."""
    return 400 if filters.errors else 200


@bp.route("/surveys/<int:survey_id>/results")
@roles_required(*REPORT_ROLES)
def survey_results(survey_id: int):
    """Every closed question's answers as a chart and a table, with breakdowns and comparisons."""
    filters = parse_filters(request.args)
    found = results_service.survey_results(survey_id, current_user, filters)
    charts = {result.key: bar_chart(result.prompt, _describe(result), result.breakdown)
              for result in found.questions}
    page = render_template("staff/survey_results.html", results=found, filters=filters, charts=charts,
                           dimensions=DIMENSIONS, may_open_themes=may_open("staff.theme_detail"),
                           may_open_survey=may_open("staff.survey_detail"))
    return page, status_for(filters)


def _describe(result) -> str:
    """What a screen reader hears for the chart: what it shows, and that the table follows."""
    return (f"Bar chart of how many people gave each answer to: {result.prompt}. "
            f"Groups of fewer than {threshold()} have no bar. The numbers are in the table after the chart.")
