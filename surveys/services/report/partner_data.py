"""What the partners' API reads: pages of surveys, responses, comments, themes, actions and publications, and case
statistics, each for one member of staff (through ``scoping``) and narrowed by the API's filters.

Every list is read in id order after a given id (keyset pagination, see ``surveys.api.v1.paging``), ``limit + 1``
rows at a time so the caller knows whether there is another page. Only what staff pages show leaves here:
redacted text (never the raw words), no contact details, no case text; comments flagged for safeguarding only for
those who review them; and every count through the one suppression rule.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, extract, func, select
from sqlalchemy.orm import selectinload

from surveys.models import (
    Action,
    Answer,
    Case,
    Comment,
    CommentTheme,
    Publication,
    Question,
    Response,
    Survey,
    SurveyVersion,
    Theme,
    User,
    action_theme,
    db,
)
from surveys.models.cases import CASE_KINDS, CASE_OUTCOMES, CASE_STAGES
from surveys.services.act.actions import get_action
from surveys.services.act.impact import Impact, impact_figures
from surveys.services.act.rag import Rag, board_dates, rag_status
from surveys.services.capture.cases.deadlines import today
from surveys.services.platform.scoping import scoped
from surveys.services.platform.suppression import Breakdown, Cell, suppress_breakdown, suppress_count, suppress_grid
from surveys.services.report.dashboard import Timeliness, complaint_timeliness, default_period, months
from surveys.services.report.filters import Period
from surveys.services.understand.safeguarding import may_review

# Answers given out one by one. Equality monitoring, consent and audio stay in aggregate reports only.
ANSWER_KINDS = ("rating", "symbol_scale", "single_choice", "multiple_choice", "yes_no", "free_text")
LISTED_THEME_STATUSES = ("proposed", "reviewed")
PUBLISHED_STATUSES = ("live", "superseded")


@dataclass(frozen=True)
class Segment:
    """Filters shared by the lists: days (both included, England's time), audience, locality and partner."""

    start: date | None = None
    end: date | None = None
    audience: str | None = None
    locality: str | None = None
    partner_id: int | None = None

    def period(self) -> Period | None:
        """The days as a report period (None when no day was given)."""
        if self.start is None and self.end is None:
            return None
        return Period(self.start or date(2000, 1, 1), self.end or today())


def _after(query: Select, column, after_id: int | None, limit: int) -> Select:
    query = query.where(column > after_id) if after_id is not None else query
    return query.order_by(column).limit(limit + 1)


def _days(query: Select, column, segment: Segment) -> Select:
    period = segment.period()
    if period is None:
        return query
    first, after = period.bounds()
    return query.where(column >= first, column < after)


def _equal(query: Select, column, value) -> Select:
    return query if value is None else query.where(column == value)


# --- surveys and responses ---------------------------------------------------------------------------------


def survey_page(after_id: int | None, limit: int, audience: str | None = None) -> list[Survey]:
    """Surveys with their versions and questions (survey definitions are not partner data: every reader sees them)."""
    query = select(Survey).options(selectinload(Survey.versions).selectinload(SurveyVersion.questions))
    return list(db.session.scalars(_after(_equal(query, Survey.audience, audience), Survey.id, after_id, limit)))


@dataclass(frozen=True)
class ResponseRow:
    """A submitted response as partners may read it: its context and its answers (free text redacted)."""

    response: Response
    survey_id: int
    version: int
    answers: list[dict]


def response_page(user: User, after_id: int | None, limit: int, segment: Segment, survey_id: int | None = None,
                  journey_stage: str | None = None) -> list[ResponseRow]:
    """Submitted responses ``user`` may see, with answers to the kinds in ``ANSWER_KINDS``."""
    query = (select(Response, SurveyVersion.survey_id, SurveyVersion.number).join(SurveyVersion)
             .join(Survey, Survey.id == SurveyVersion.survey_id).where(Response.status == "submitted"))
    query = _days(scoped(query, Response, user), Response.submitted_at, segment)
    for column, value in ((Survey.audience, segment.audience), (Response.locality, segment.locality),
                          (Response.partner_id, segment.partner_id), (SurveyVersion.survey_id, survey_id),
                          (Response.journey_stage, journey_stage)):
        query = _equal(query, column, value)
    rows = db.session.execute(_after(query, Response.id, after_id, limit)).all()
    answers = _answers([row[0].id for row in rows], user)
    return [ResponseRow(response, sid, number, answers.get(response.id, [])) for response, sid, number in rows]


def _answers(response_ids: list[int], user: User) -> dict[int, list[dict]]:
    query = (select(Answer.response_id, Answer.id, Question.key, Question.kind, Answer.value_text,
                    Answer.value_choices).join(Question, Question.id == Answer.question_id)
             .where(Answer.response_id.in_(response_ids), Question.kind.in_(ANSWER_KINDS))
             .order_by(Answer.response_id, Question.position))
    rows = db.session.execute(query).all()
    texts = _redacted_answers([row.id for row in rows if row.kind == "free_text"], user)
    found: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        text = texts.get(row.id) if row.kind == "free_text" else row.value_text
        found[row.response_id].append({"question": row.key, "kind": row.kind, "value": text,
                                       "choices": None if row.kind == "free_text" else row.value_choices})
    return found


def _redacted_answers(answer_ids: list[int], user: User) -> dict[int, str]:
    """The redacted text of each free-text answer (its comment); flagged ones only for safeguarding reviewers."""
    query = select(Comment.answer_id, Comment.redacted_text).where(Comment.answer_id.in_(answer_ids),
                                                                   Comment.analysed_at.is_not(None))
    if not may_review(user):
        query = query.where(Comment.safeguarding_flag.is_(False))
    return dict(db.session.execute(query).all())


# --- comments and themes -------------------------------------------------------------------------------------


def _comments(query: Select, user: User, segment: Segment) -> Select:
    query = _days(scoped(query, Comment, user), Comment.received_at, segment)
    query = _equal(_equal(_equal(query, Comment.audience, segment.audience), Comment.locality, segment.locality),
                   Comment.partner_id, segment.partner_id)
    return query if may_review(user) else query.where(Comment.safeguarding_flag.is_(False))


COMMENT_COLUMNS = (Comment.id, Comment.source, Comment.received_at, Comment.redacted_text, Comment.audience,
                   Comment.journey_stage, Comment.locality, Comment.need_type, Comment.partner_id, Comment.sentiment,
                   Comment.sentiment_score, Comment.emotions, Comment.safeguarding_flag)


def comment_page(user: User, after_id: int | None, limit: int, segment: Segment,
                 theme_id: int | None = None) -> list[dict]:
    """Analysed comments ``user`` may see, as dicts with their themes.

    Only the columns in ``COMMENT_COLUMNS`` are read (the raw words never leave the database here), as plain rows
    rather than ORM objects, which keeps a page of 500 quick."""
    query = _comments(select(*COMMENT_COLUMNS).where(Comment.analysed_at.is_not(None)), user, segment)
    if theme_id is not None:
        query = query.where(Comment.id.in_(select(CommentTheme.comment_id).where(CommentTheme.theme_id == theme_id)))
    rows = [dict(row._mapping) for row in db.session.execute(_after(query, Comment.id, after_id, limit))]
    themes = _themes_of([row["id"] for row in rows])
    for row in rows:
        row["themes"] = themes.get(row["id"], [])
    return rows


def _themes_of(comment_ids: list[int]) -> dict[int, list[dict]]:
    query = (select(CommentTheme.comment_id, Theme.id, Theme.label).join(Theme, Theme.id == CommentTheme.theme_id)
             .where(CommentTheme.comment_id.in_(comment_ids)).order_by(CommentTheme.comment_id, Theme.id))
    found: dict[int, list[dict]] = defaultdict(list)
    for comment_id, theme_id, label in db.session.execute(query):
        found[comment_id].append({"id": theme_id, "label": label})
    return found


@dataclass(frozen=True)
class ThemeCounts:
    """A theme with how many comments it has in each month of the period, suppressed, and in all."""

    theme: Theme
    months: list[tuple[str, Cell]]  # ("2026-03", count)
    total: Cell


def theme_page(user: User, after_id: int | None, limit: int, segment: Segment) -> list[ThemeCounts]:
    """Proposed and reviewed themes with their comments counted by month over the period (default: 12 months)."""
    query = select(Theme).where(Theme.status.in_(LISTED_THEME_STATUSES))
    themes = list(db.session.scalars(_after(query, Theme.id, after_id, limit)))
    period = segment.period() or default_period()
    counts = _monthly_theme_counts(user, [theme.id for theme in themes], Segment(period.start, period.end,
                                   segment.audience, segment.locality, segment.partner_id))
    keys = [f"{year:04d}-{month:02d}" for year, month in months(period)]
    return [_counted(theme, keys, counts.get(theme.id, {})) for theme in themes]


def _monthly_theme_counts(user: User, theme_ids: list[int], segment: Segment) -> dict[int, dict[str, int]]:
    year, month = extract("year", Comment.received_at), extract("month", Comment.received_at)
    query = (select(CommentTheme.theme_id, year, month, func.count(Comment.id)).select_from(Comment)
             .join(CommentTheme, CommentTheme.comment_id == Comment.id).where(CommentTheme.theme_id.in_(theme_ids)))
    query = _comments(query, user, segment).group_by(CommentTheme.theme_id, year, month)
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for theme_id, y, m, count in db.session.execute(query):
        found[theme_id][f"{int(y):04d}-{int(m):02d}"] = count
    return found


def _counted(theme: Theme, keys: list[str], counts: dict[str, int]) -> ThemeCounts:
    grid = suppress_grid([[counts.get(key, 0) for key in keys]], column_totals=False)
    return ThemeCounts(theme, list(zip(keys, grid.cells[0], strict=True)), grid.row_totals[0])


# --- actions ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    """An action with its RAG status and impact figures on a day."""

    action: Action
    rag: Rag
    impact: Impact | None


def action_page(user: User, after_id: int | None, limit: int, *, partner_id: int | None = None,
                theme_id: int | None = None, status: str | None = None, on: date | None = None) -> list[ActionRow]:
    """Actions ``user`` may see (a partner lead: their partner's), with milestones, updates, RAG and impact."""
    query = scoped(select(Action), Action, user).options(
        selectinload(Action.themes), selectinload(Action.partner), selectinload(Action.milestones),
        selectinload(Action.updates))
    query = _equal(_equal(query, Action.partner_id, partner_id), Action.status, status)
    if theme_id is not None:
        query = query.where(Action.id.in_(select(action_theme.c.action_id).where(action_theme.c.theme_id == theme_id)))
    on, boards = on or today(), board_dates()
    actions = db.session.scalars(_after(query, Action.id, after_id, limit))
    return [ActionRow(action, rag_status(action, on, boards), impact_figures(action, on)) for action in actions]


def action_row(user: User, action_id: int, on: date | None = None) -> ActionRow:
    """One action as in ``action_page``; ``NotFound`` when ``user`` may not see it (as on the staff pages)."""
    action = get_action(user, action_id)
    on = on or today()
    return ActionRow(action, rag_status(action, on, board_dates()), impact_figures(action, on))


# --- publications -------------------------------------------------------------------------------------------


def publication_page(after_id: int | None, limit: int) -> list[Publication]:
    """Published versions of the tracker (live and earlier), oldest first; the tracker is public in any case."""
    query = select(Publication).where(Publication.status.in_(PUBLISHED_STATUSES))
    return list(db.session.scalars(_after(query, Publication.id, after_id, limit)))


def publication(version: int) -> Publication | None:
    """One published version, or None."""
    return db.session.scalar(select(Publication).where(Publication.version == version,
                                                       Publication.status.in_(PUBLISHED_STATUSES)))


# --- cases: counts and timeliness only -------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseStatistics:
    """Cases received in the period by kind, stage and outcome, open and overdue now, and complaint timeliness."""

    period: Period
    by_kind: Breakdown
    by_stage: Breakdown
    by_outcome: Breakdown
    open: Cell
    overdue: Cell
    timeliness: Timeliness


def case_statistics(user: User, segment: Segment, on: date | None = None) -> CaseStatistics:
    """Counts of the cases ``user`` may see (never their text), received in the period (default: 12 months)."""
    on = on or today()
    period = segment.period() or default_period(on)
    base = _equal(scoped(select(func.count(Case.id)), Case, user), Case.partner_id, segment.partner_id)
    received = base.where(Case.received_on >= period.start, Case.received_on <= period.end)
    open_now = base.where(Case.responded_on.is_(None))
    return CaseStatistics(
        period=period,
        by_kind=_breakdown(received, Case.kind, CASE_KINDS),
        by_stage=_breakdown(received, Case.stage, CASE_STAGES),
        by_outcome=_breakdown(received.where(Case.outcome.is_not(None)), Case.outcome, CASE_OUTCOMES),
        open=suppress_count(db.session.scalar(open_now) or 0),
        overdue=suppress_count(db.session.scalar(open_now.where(Case.due_on < on)) or 0),
        timeliness=complaint_timeliness(user, period, on, partner_id=segment.partner_id),
    )


def _breakdown(query: Select, column, names: dict[str, str]) -> Breakdown:
    found = dict(db.session.execute(query.with_only_columns(column, func.count(Case.id)).group_by(column)).all())
    return suppress_breakdown({name: found.get(key, 0) for key, name in names.items()})
