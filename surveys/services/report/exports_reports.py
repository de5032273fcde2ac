"""Exports of what the report and act pages show: themes with their sizes, actions, the action and impact log,
and a survey's results. Each reads the same service as its page, with the page's filters, so a download holds
what was on the screen; every count in them has been through the one suppression rule (``Cell``).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select

from surveys.models import ACTION_STATUSES, IMPACT_KINDS, Comment, CommentTheme, Theme, User, db
from surveys.models.themes import THEME_STATUSES
from surveys.services.act.actions import ActionFilters, visible_actions
from surveys.services.act.log import LOG_COLUMNS, LogFilters, log_rows
from surveys.services.act.rag import COLOURS
from surveys.services.platform.calendar import today
from surveys.services.platform.errors import Invalid
from surveys.services.platform.scoping import scoped
from surveys.services.platform.suppression import Cell, suppress_count
from surveys.services.report import exports_filters as read
from surveys.services.report.exports_columns import Export
from surveys.services.report.filters import DIMENSIONS
from surveys.services.report.results import SurveyResults, survey_results
from surveys.services.report.tables import CrossTab
from surveys.services.understand.theme_queries import OPEN_STATUSES

# --- Themes -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeRow:
    """A theme and its comments that may be shown (never flagged ones), counted and suppressed."""

    theme: Theme
    comments: Cell
    mean_sentiment: float | None


def themes_export(user: User, args: Mapping[str, str]) -> Export:
    """Proposed and reviewed themes (every theme with ``show=all``), the largest first, as the themes page lists."""
    show_all = read.choice(args, "show", ("all",), "show") == "all"
    rows = theme_rows(user, THEME_STATUSES if show_all else OPEN_STATUSES)
    return Export("themes", "Themes", THEME_COLUMNS, lambda: rows, len(rows), read.given(args, ("show",)))


def theme_rows(user: User, statuses) -> list[ThemeRow]:
    """Themes with these statuses, with their unflagged comments' count and mean sentiment."""
    members = scoped(select(CommentTheme.theme_id, func.count(Comment.id).label("size"),
                            func.avg(Comment.sentiment_score).label("mood"))
                     .join(Comment, Comment.id == CommentTheme.comment_id)
                     .where(Comment.safeguarding_flag.is_(False)), Comment, user)
    sizes = members.group_by(CommentTheme.theme_id).subquery()
    size = func.coalesce(sizes.c.size, 0)
    query = (select(Theme, size, sizes.c.mood).outerjoin(sizes, sizes.c.theme_id == Theme.id)
             .where(Theme.status.in_(statuses)).order_by(size.desc(), Theme.label, Theme.id))
    rows = []
    for theme, count, mood in db.session.execute(query):
        cell = suppress_count(count)
        rows.append(ThemeRow(theme, cell, None if cell.suppressed or mood is None else round(float(mood), 2)))
    return rows


THEME_COLUMNS = (
    ("Theme", lambda row: row.theme.label),
    ("Status", lambda row: row.theme.status.capitalize()),
    ("Description", lambda row: row.theme.description),
    ("Key terms", lambda row: "; ".join(row.theme.key_terms or [])),
    ("Comments", lambda row: row.comments),
    ("Mean sentiment (-1 to 1)", lambda row: row.mean_sentiment),
    ("Reviewed", lambda row: row.theme.reviewed_at),
    ("Public", lambda row: row.theme.public),
)


# --- Actions ------------------------------------------------------------------------------------------------------

ACTION_ARGS = ("partner", "status", "theme")


def actions_export(user: User, args: Mapping[str, str]) -> Export:
    """The actions the user may see, filtered by partner, status and theme as the actions page filters them."""
    filters = ActionFilters(read.partner(args, allow_none=False),
                            read.choice(args, "status", ACTION_STATUSES, "status"),
                            read.whole_number(args, "theme", "theme"))
    actions = visible_actions(user, filters)
    return Export("actions", "Actions", ACTION_COLUMNS, lambda: actions, len(actions), read.given(args, ACTION_ARGS))


def _milestones(action) -> str:
    done = sum(1 for milestone in action.milestones if milestone.done_on is not None)
    return f"{done} of {len(action.milestones)} done" if action.milestones else ""


ACTION_COLUMNS = (
    ("Action", lambda action: action.title),
    ("Owner", lambda action: action.partner.name),
    ("Lead", lambda action: (action.lead.name or action.lead.email) if action.lead else ""),
    ("Status", lambda action: ACTION_STATUSES.get(action.status, action.status)),
    ("Reason for the status", lambda action: action.status_reason),
    ("Themes", lambda action: "; ".join(theme.label for theme in action.themes)),
    ("Start date", lambda action: action.start_date),
    ("Target date", lambda action: action.target_date),
    ("Completed on", lambda action: action.completed_on),
    ("Milestones", _milestones),
    ("Description", lambda action: action.description),
    ("What this means for families", lambda action: action.what_this_means),
    ("For the future", lambda action: action.for_the_future),
    ("Impact measure", lambda action: IMPACT_KINDS.get(action.impact_kind or "", "")),
    ("Public", lambda action: action.public),
)


# --- The action and impact log ------------------------------------------------------------------------------------

LOG_ARGS = ("partner", "status", "rag")


def log_export(user: User, args: Mapping[str, str]) -> Export:
    """The log's rows with the log page's filters: RAG status, slippage, latest update, impact (suppressed)."""
    filters = LogFilters(read.partner(args, allow_none=False), read.choice(args, "status", ACTION_STATUSES, "status"),
                         read.choice(args, "rag", COLOURS, "RAG status"))
    rows = log_rows(user, filters, today())
    return Export("log", "Action and impact log", LOG_COLUMNS, lambda: rows, len(rows), read.given(args, LOG_ARGS))


# --- Survey results ----------------------------------------------------------------------------------------------

RESULT_ARGS = ("survey", "from", "to", "by")


@dataclass(frozen=True)
class ResultRow:
    """One count of a survey's results: which table it is in, its row and answer, the count and its share."""

    table: str
    question: str
    prompt: str
    group: str
    answer: str
    count: Cell | float | None
    share: str = ""


def results_export(user: User, args: Mapping[str, str]) -> Export:
    """A survey's results, as the results page shows them for the same ``from``, ``to`` and ``by``."""
    survey_id = read.whole_number(args, "survey", "survey")
    if survey_id is None:
        raise Invalid("Say which survey's results to download, like survey=3")
    found = survey_results(survey_id, user, read.report_filters(args))
    rows = result_rows(found)
    return Export("results", found.survey.title, RESULT_COLUMNS, lambda: rows, len(rows),
                  read.given(args, RESULT_ARGS))


def result_rows(found: SurveyResults) -> list[ResultRow]:
    """Every table of the results page as rows: the summary, each question's answers and comparisons, the themes."""
    rate = found.response_rate
    rows = [ResultRow("Summary", "", "", "", "Responses", found.respondents),
            ResultRow("Summary", "", "", "", "Invitations sent", rate.sent),
            ResultRow("Summary", "", "", "", "Responses to invitations", rate.responded, rate.rate)]
    for result in found.questions:
        rows += [ResultRow("All responses", result.key, result.prompt, "", label, cell, share)
                 for label, cell, share in result.breakdown.rows]
        if result.mean is not None:
            rows.append(ResultRow("All responses", result.key, result.prompt, "", "Mean score", result.mean))
        for table, tab in _comparisons(result, found.by):
            rows += _crosstab_rows(table, result, tab)
    for text in found.free_text:
        rows += [ResultRow("Themes of the answers", text.key, text.prompt, link.label, "Comments", link.comments)
                 for link in text.themes]
    return rows


def _comparisons(result, by: str | None) -> list[tuple[str, CrossTab]]:
    tables = [(f"By {DIMENSIONS[by].lower()}" if by else "", result.by_group),
              ("This period against the previous", result.against_previous), ("By year", result.by_year)]
    return [(name, tab) for name, tab in tables if tab is not None]


def _crosstab_rows(table: str, result, tab: CrossTab) -> list[ResultRow]:
    """A cross tabulation's cells row by row, each row followed by its total (suppressed as the page shows it)."""
    rows = []
    for group, cells, total in tab.rows():
        rows += [ResultRow(table, result.key, result.prompt, group, answer, cell, share)
                 for answer, (cell, share) in zip(tab.column_labels, cells, strict=True)]
        rows.append(ResultRow(table, result.key, result.prompt, group, "Total", total))
    return rows


RESULT_COLUMNS = (
    ("Table", lambda row: row.table),
    ("Question", lambda row: row.question),
    ("Question asked", lambda row: row.prompt),
    ("Group", lambda row: row.group),
    ("Answer", lambda row: row.answer),
    ("Count", lambda row: row.count),
    ("Share", lambda row: row.share),
)
