"""Staff views for reports: a survey's results, the performance dashboard and what drives disputes.

Views read the GET filters, call surveys.services.report, and render; nothing here writes.
"""

from dataclasses import replace

from flask import render_template, request
from flask_login import current_user

from surveys.services.platform.suppression import threshold
from surveys.services.report import dashboard as dashboard_service
from surveys.services.report import disputes as disputes_service
from surveys.services.report import results as results_service
from surveys.services.report.charts import bar_chart, line_chart, stacked_bar_chart
from surveys.services.report.filters import DIMENSIONS, parse_filters
from surveys.staff import bp
from surveys.staff.access import may_open, roles_required

REPORT_ROLES = ("coproduction_lead", "analyst", "partner_lead", "viewer", "pcf_rep")


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


DASHBOARD_ROLES = (*REPORT_ROLES, "complaints_officer")


@bp.route("/dashboard")
@roles_required(*DASHBOARD_ROLES)
def performance_dashboard():
    """Responses, satisfaction, themes, feelings, complaint timeliness and actions, for a date range."""
    filters = parse_filters(request.args)
    chosen, question_error = dashboard_service.chosen_questions(request.args.getlist("question"))
    errors = {**filters.errors, **({"question": question_error} if question_error else {})}
    filters = replace(filters, errors=errors)
    board = dashboard_service.dashboard(current_user, filters, chosen)
    return render_template("staff/performance_dashboard.html", board=board, filters=filters,
                           dimensions=DIMENSIONS, charts=dashboard_charts(board), emotions=dashboard_service.EMOTIONS,
                           may_open_themes=may_open("staff.theme_detail")), status_for(filters)


def dashboard_charts(board) -> dict:
    """The dashboard's charts, each described for screen readers; the tables follow them on the page."""
    table = "The numbers are in the table after the chart."
    return {
        "responses": line_chart("Responses by month", f"Line chart of responses each month by audience. {table}",
                                board.responses.row_labels, _series(board.responses)),
        "themes": line_chart("Comments by theme and month", f"Line chart of comments each month in the "
                             f"{len(board.themes)} largest themes. {table}",
                             board.theme_volumes.row_labels, _series(board.theme_volumes)),
        "satisfaction": line_chart("Average score by month", f"Line chart of the average score each month for "
                                   f"the chosen questions. {table}", board.month_labels, board.satisfaction),
        "by": bar_chart(f"Responses by {DIMENSIONS[board.by].lower()}", f"Bar chart of responses by "
                        f"{DIMENSIONS[board.by].lower()}. {table}", board.responses_by),
        "actions": bar_chart("Actions by status", f"Bar chart of actions by status. {table}", board.actions),
    }


@bp.route("/disputes")
@roles_required(*DASHBOARD_ROLES)
def disputes():
    """What drives disputes: the themes of complaints, mediations, tribunals and ombudsman decisions."""
    filters = parse_filters(request.args, {})
    found = disputes_service.disputes(current_user, filters)
    return render_template("staff/disputes.html", found=found, filters=filters, charts=dispute_charts(found),
                           may_open_themes=may_open("staff.theme_detail")), status_for(filters)


def dispute_charts(found) -> dict:
    """The disputes page's charts, each described for screen readers; the tables follow them on the page."""
    table = "The numbers are in the table after the chart."
    themes = found.kinds.row_labels
    return {
        "by_kind": bar_chart("Disputes by kind", f"Bar chart of disputes received by kind. {table}", found.by_kind),
        "kinds": stacked_bar_chart("Themes of disputes by kind", f"Stacked bar chart of disputes in the "
                                   f"{len(themes)} largest themes, split by kind. {table}", themes,
                                   _series(found.kinds)),
        "outcomes": stacked_bar_chart("Themes of disputes by outcome", f"Stacked bar chart of disputes in the "
                                      f"{len(themes)} largest themes, split by outcome. {table}", themes,
                                      _series(found.outcomes)),
        "over_time": line_chart("Themes of disputes by quarter", f"Line chart of disputes received each quarter in "
                                f"the {len(themes)} largest themes. {table}", found.over_time.column_labels,
                                _rows(found.over_time)),
    }


def _series(tab) -> dict[str, list]:
    """A cross tabulation's columns as chart series over its rows."""
    return {label: [cells[index] for cells in tab.grid.cells] for index, label in enumerate(tab.column_labels)}


def _rows(tab) -> dict[str, list]:
    """A cross tabulation's rows as chart series over its columns."""
    return dict(zip(tab.row_labels, tab.grid.cells, strict=True))
