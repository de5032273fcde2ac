"""Read endpoints. Each one: a token whose role may open the staff page the data comes from (the same role lists,
imported, so the two cannot drift apart), a partner lead's token scoped to its partner by the services, an ETag.
"""

from flask import abort

from surveys.services.act.actions import READ_ROLES as ACTION_ROLES
from surveys.services.act.log import LogFilters, log_rows
from surveys.services.act.rag import RAG_RULES
from surveys.services.capture.cases.deadlines import today
from surveys.services.report import partner_data
from surveys.services.report.dashboard import dashboard
from surveys.services.report.filters import ReportFilters
from surveys.staff.access import CASE_ROLES
from surveys.staff.log_views import LOG_ROLES
from surveys.staff.publication_views import READ_ROLES as PUBLICATION_ROLES
from surveys.staff.report_views import DASHBOARD_ROLES, REPORT_ROLES
from surveys.staff.theme_views import VIEW_ROLES as THEME_ROLES

from . import arguments, blp, schemas
from .auth import api_user, token_required
from .paging import decode_cursor, page_of


def _segment(args: dict) -> partner_data.Segment:
    return partner_data.Segment(args.get("start"), args.get("to"), args.get("audience"), args.get("locality"),
                                args.get("partner"))


def _after(args: dict) -> tuple[int | None, int]:
    return decode_cursor(args.get("cursor"), args), args["limit"]


@blp.route("/surveys")
@token_required(*REPORT_ROLES)
@blp.etag
@blp.arguments(arguments.SurveyListArgs, location="query")
@blp.response(200, schemas.SurveyPageSchema)
def list_surveys(args):
    """Surveys and the questions of their current version."""
    after, limit = _after(args)
    return page_of(partner_data.survey_page(after, limit, args.get("audience")), limit, args)


@blp.route("/responses")
@token_required(*REPORT_ROLES)
@blp.etag
@blp.arguments(arguments.ResponseListArgs, location="query")
@blp.response(200, schemas.ResponsePageSchema)
def list_responses(args):
    """Submitted responses.

    Answers to closed questions and redacted free text; never raw text, contact details, equality monitoring or
    audio. A partner lead's token sees its partner's responses only."""
    after, limit = _after(args)
    rows = partner_data.response_page(api_user(), after, limit, _segment(args), args.get("survey"),
                                      args.get("journey_stage"))
    return page_of(rows, limit, args, key=lambda row: row.response.id)


@blp.route("/comments")
@token_required(*THEME_ROLES)
@blp.etag
@blp.arguments(arguments.CommentListArgs, location="query")
@blp.response(200, schemas.CommentPageSchema)
def list_comments(args):
    """Analysed comments.

    Redacted text with themes, sentiment and emotions. Comments flagged for safeguarding only for tokens of
    safeguarding reviewers."""
    after, limit = _after(args)
    rows = partner_data.comment_page(api_user(), after, limit, _segment(args), args.get("theme"))
    return page_of(rows, limit, args, key=lambda row: row["id"])


@blp.route("/themes")
@token_required(*THEME_ROLES)
@blp.etag
@blp.arguments(arguments.ThemeListArgs, location="query")
@blp.response(200, schemas.ThemePageSchema)
def list_themes(args):
    """Themes, with their comments counted by month.

    Proposed and reviewed themes; the last twelve months unless from and to say otherwise; small counts suppressed.
    """
    after, limit = _after(args)
    rows = partner_data.theme_page(api_user(), after, limit, _segment(args))
    return page_of(rows, limit, args, key=lambda row: row.theme.id)


@blp.route("/actions")
@token_required(*ACTION_ROLES)
@blp.etag
@blp.arguments(arguments.ActionListArgs, location="query")
@blp.response(200, schemas.ActionPageSchema)
def list_actions(args):
    """Actions.

    With milestones, updates, RAG status and impact figures. A partner lead's token sees its partner's only."""
    after, limit = _after(args)
    rows = partner_data.action_page(api_user(), after, limit, partner_id=args.get("partner"),
                                    theme_id=args.get("theme"), status=args.get("status"))
    return page_of(rows, limit, args, key=lambda row: row.action.id)


@blp.route("/actions/<int(min=1, max=2147483647):action_id>")
@token_required(*ACTION_ROLES)
@blp.etag
@blp.response(200, schemas.ActionSchema)
def get_action(action_id):
    """One action.

    As in the list. 404 for an action the token may not see."""
    return partner_data.action_row(api_user(), action_id)


@blp.route("/log")
@token_required(*LOG_ROLES)
@blp.etag
@blp.arguments(arguments.LogArgs, location="query")
@blp.response(200, schemas.LogSchema)
def action_log(args):
    """The action and impact log.

    Every action the token may see, most urgent first, with the rules of its RAG status. One list, not pages: it
    is ordered by urgency, which changes from day to day."""
    filters = LogFilters(args.get("partner"), args.get("status"), args.get("rag"))
    return {"rules": list(RAG_RULES), "items": log_rows(api_user(), filters, today())}


@blp.route("/publications")
@token_required(*PUBLICATION_ROLES)
@blp.etag
@blp.arguments(arguments.PageArgs, location="query")
@blp.response(200, schemas.PublicationPageSchema)
def list_publications(args):
    """Published versions of the "you said, we did" tracker, oldest first."""
    after, limit = _after(args)
    return page_of(partner_data.publication_page(after, limit), limit, args)


@blp.route("/publications/<int(min=1, max=2147483647):version>")
@token_required(*PUBLICATION_ROLES)
@blp.etag
@blp.response(200, schemas.PublicationDetailSchema)
def get_publication(version):
    """One published version.

    With its snapshot: what the public tracker showed."""
    found = partner_data.publication(version)
    if found is None:
        abort(404)
    return found


@blp.route("/cases/statistics")
@token_required(*CASE_ROLES)
@blp.etag
@blp.arguments(arguments.CaseStatisticsArgs, location="query")
@blp.response(200, schemas.CaseStatisticsSchema)
def case_statistics(args):
    """Case statistics.

    Compliments, comments and complaints counted, never their text: received in the period by kind, stage and
    outcome, open and overdue now, and complaint timeliness."""
    return partner_data.case_statistics(api_user(), _segment(args))


@blp.route("/dashboard")
@token_required(*DASHBOARD_ROLES)
@blp.etag
@blp.arguments(arguments.DashboardArgs, location="query")
@blp.response(200, schemas.DashboardSchema)
def dashboard_figures(args):
    """The dashboard's figures.

    The last twelve months unless from and to say otherwise, suppressed as on the page: responses by month and by
    a breakdown, the response rate, theme volumes and feelings, complaint timeliness and actions by status."""
    period = _segment(args).period()
    return dashboard(api_user(), ReportFilters(period, args.get("by")), [])
