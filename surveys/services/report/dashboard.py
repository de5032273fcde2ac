"""The performance dashboard: every figure counted with GROUP BY in the database, then suppressed.

Nothing here loads rows one by one, so the page stays quick with 100,000 responses and comments. Months are
calendar months of the stored UTC time (a response sent at 00:30 on 1 April in summer time counts in March);
that is close enough for a trend and keeps the grouping in SQL on SQLite and PostgreSQL alike.
A partner lead sees their partner's slice: every query goes through ``scoped``.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Integer, cast, extract, func, select

from surveys.models import (
    AUDIENCES,
    Action,
    Answer,
    Case,
    Comment,
    CommentTheme,
    Invitation,
    Question,
    Response,
    Survey,
    SurveyVersion,
    Theme,
    db,
)
from surveys.models.actions import ACTION_STATUSES
from surveys.services.capture.cases.deadlines import today
from surveys.services.platform.scoping import scoped
from surveys.services.platform.suppression import Breakdown, Cell, suppress_breakdown, suppress_count, threshold
from surveys.services.report.dimensions import dimension_column, dimension_label, with_dimension
from surveys.services.report.filters import Period
from surveys.services.report.results import ResponseRate
from surveys.services.report.tables import CrossTab, crosstab

EMOTIONS = ("sadness", "hopelessness", "anger", "frustration", "fear", "relief", "gratitude")  # analysis.sentiment
TOP_THEMES = 6
SCORED_KINDS = ("rating", "symbol_scale")


def default_period(on: date | None = None) -> Period:
    """The last twelve months, from the first of the month eleven months ago to today."""
    on = on or today()
    month = on.month - 11
    start = date(on.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return Period(start, on)


def months(period: Period) -> list[tuple[int, int]]:
    """Every (year, month) the period touches, in order."""
    found, day = [], period.start.replace(day=1)
    while day <= period.end:
        found.append((day.year, day.month))
        day = (day + timedelta(days=32)).replace(day=1)
    return found


def month_label(year: int, month: int) -> str:
    """A month as a chart label: Mar 2026."""
    return f"{date(year, month, 1):%b %Y}"


def _month_columns(column):
    return extract("year", column), extract("month", column)


def _in_period(query, column, period: Period):
    first, after = period.bounds()
    return query.where(column >= first, column < after)


# --- responses -------------------------------------------------------------------------------------


def _submitted(query, user, period: Period):
    query = query.where(Response.status == "submitted")
    return scoped(_in_period(query, Response.submitted_at, period), Response, user)


def responses_by_month(user, period: Period) -> CrossTab:
    """Submitted responses by month (rows) and the audience of their survey (columns)."""
    year, month = _month_columns(Response.submitted_at)
    query = (select(year, month, Survey.audience, func.count(Response.id)).select_from(Response)
             .join(SurveyVersion, SurveyVersion.id == Response.version_id).join(Survey))
    query = _submitted(query, user, period).group_by(year, month, Survey.audience)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for y, m, audience, count in db.session.execute(query):
        counts[(month_label(int(y), int(m)), AUDIENCES.get(audience, audience))] += count
    audiences = sorted({audience for _, audience in counts})
    return crosstab(counts, [month_label(y, m) for y, m in months(period)], audiences)


def responses_by(user, period: Period, by: str) -> Breakdown:
    """Submitted responses by locality, partner, journey stage or need type."""
    column = dimension_column(by)
    query = with_dimension(select(column, func.count(Response.id)).select_from(Response), column)
    query = _submitted(query, user, period).group_by(column)
    counts: dict[str, int] = defaultdict(int)
    for value, count in db.session.execute(query):
        counts[dimension_label(by, value)] += count
    return suppress_breakdown(dict(sorted(counts.items())))


def response_rate(user, period: Period) -> ResponseRate:
    """Invitations sent in the period, and how many of them have a submitted response."""
    sent = _in_period(scoped(select(func.count(Invitation.id)), Invitation, user), Invitation.sent_at, period)
    answered = sent.join(Response, Response.invitation_id == Invitation.id).where(Response.status == "submitted")
    return ResponseRate(suppress_count(db.session.scalar(sent) or 0), suppress_count(db.session.scalar(answered) or 0))


# --- satisfaction ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoredQuestion:
    """A rating or symbol question that can be followed over time, across a survey's versions."""

    value: str  # "<survey id>:<question key>", as the GET argument carries it
    label: str


def scored_questions() -> list[ScoredQuestion]:
    """Every rating and symbol question, one per survey and key."""
    query = (select(Survey.id, Survey.title, Question.key, func.max(Question.prompt)).select_from(Question)
             .join(SurveyVersion).join(Survey).where(Question.kind.in_(SCORED_KINDS))
             .group_by(Survey.id, Survey.title, Question.key).order_by(Survey.title, Question.key))
    rows = db.session.execute(query)
    return [ScoredQuestion(f"{sid}:{key}", f"{title}: {prompt}") for sid, title, key, prompt in rows]


def satisfaction_trend(user, period: Period, chosen: list[str]) -> dict[str, list[float | None]]:
    """The mean score of each chosen question by month; None for a month with fewer answers than the threshold."""
    labels = {question.value: question.label for question in scored_questions()}
    return {labels[value]: _monthly_mean(user, period, value) for value in chosen if value in labels}


def _monthly_mean(user, period: Period, value: str) -> list[float | None]:
    survey_id, key = value.split(":", 1)
    year, month = _month_columns(Response.submitted_at)
    query = (select(year, month, func.avg(cast(Answer.value_text, Integer)), func.count(Answer.id))
             .select_from(Answer).join(Response, Response.id == Answer.response_id)
             .join(Question, Question.id == Answer.question_id)
             .join(SurveyVersion, SurveyVersion.id == Question.version_id)
             .where(SurveyVersion.survey_id == int(survey_id), Question.key == key, Answer.value_text.is_not(None)))
    found = {(int(y), int(m)): (mean, n) for y, m, mean, n in
             db.session.execute(_submitted(query, user, period).group_by(year, month))}
    return [round(float(found[m][0]), 2) if m in found and found[m][1] >= threshold() else None
            for m in months(period)]


# --- themes ----------------------------------------------------------------------------------------


def _theme_query(user, period: Period, *columns):
    """Comments in the period with their themes' ids. A comment is in a theme at most once (a unique pair), so
    counting comment ids counts distinct comments. The theme table is left out: with it, SQLite walks every
    comment of every theme instead of the period's comments."""
    query = select(*columns).select_from(Comment).join(CommentTheme, CommentTheme.comment_id == Comment.id)
    return scoped(_in_period(query, Comment.received_at, period), Comment, user)


def top_themes(user, period: Period, limit: int = TOP_THEMES) -> list[tuple[int, str]]:
    """The proposed or reviewed themes with most comments in the period, as (id, label)."""
    counts = theme_counts(user, period)
    themes = db.session.execute(select(Theme.id, Theme.label).where(
        Theme.id.in_(list(counts)), Theme.status.in_(("proposed", "reviewed"))))
    ranked = sorted(themes, key=lambda row: (-counts[row[0]], row[1]))
    return [(tid, label) for tid, label in ranked[:limit]]


def theme_counts(user, period: Period) -> dict[int, int]:
    """How many comments each theme has in the period (raw counts: suppress them before showing), by theme id."""
    query = _theme_query(user, period, CommentTheme.theme_id, func.count(Comment.id)).group_by(CommentTheme.theme_id)
    return dict(db.session.execute(query).all())


def theme_volumes(user, period: Period, themes: list[tuple[int, str]]) -> CrossTab:
    """Comments by month (rows) for each of ``themes`` (columns)."""
    year, month = _month_columns(Comment.received_at)
    theme_id = CommentTheme.theme_id
    query = _theme_query(user, period, theme_id, year, month, func.count(Comment.id))
    query = query.where(theme_id.in_([tid for tid, _ in themes])).group_by(theme_id, year, month)
    names = dict(themes)
    counts = {(month_label(int(y), int(m)), names[tid]): n for tid, y, m, n in db.session.execute(query)}
    return crosstab(counts, [month_label(y, m) for y, m in months(period)], list(names.values()))


@dataclass(frozen=True)
class ThemeFeeling:
    """A theme's comments, mean sentiment and mean score of each emotion (hidden when the count is)."""

    theme_id: int
    label: str
    comments: Cell
    sentiment: float | None
    emotions: dict[str, float | None]


def feelings_by_theme(user, period: Period, themes: list[tuple[int, str]]) -> list[ThemeFeeling]:
    """Sentiment and emotions by theme, averaged in SQL from each comment's scores."""
    averages = [func.avg(Comment.emotions[name].as_float()) for name in EMOTIONS]
    query = _theme_query(user, period, CommentTheme.theme_id, func.count(Comment.id),
                         func.avg(Comment.sentiment_score), *averages)
    query = query.where(CommentTheme.theme_id.in_([tid for tid, _ in themes])).group_by(CommentTheme.theme_id)
    rows = {row[0]: row[1:] for row in db.session.execute(query)}
    return [_feeling(tid, label, rows[tid]) for tid, label in themes if tid in rows]


def _feeling(theme_id: int, label: str, row) -> ThemeFeeling:
    cell = suppress_count(row[0])
    shown = not cell.suppressed
    rounded = [round(float(value), 2) if shown and value is not None else None for value in row[1:]]
    return ThemeFeeling(theme_id, label, cell, rounded[0], dict(zip(EMOTIONS, rounded[1:], strict=True)))


# --- complaints and actions -----------------------------------------------------------------------


@dataclass(frozen=True)
class Timeliness:
    """Complaints answered in the period, how many by their due date, and how many open are overdue now."""

    answered: Cell
    on_time: Cell
    overdue: Cell

    @property
    def share_on_time(self) -> str:
        """The share answered within the limit."""
        return self.on_time.percent_of(self.answered)


def complaint_timeliness(user, period: Period, on: date | None = None, partner_id: int | None = None) -> Timeliness:
    """Complaints responded to within the period (and how many by their due date); overdue ones open today.
    ``partner_id`` narrows them to one partner's (within what ``user`` may see)."""
    on = on or today()
    base = scoped(select(func.count(Case.id)), Case, user).where(Case.kind == "complaint")
    if partner_id is not None:
        base = base.where(Case.partner_id == partner_id)
    answered = base.where(Case.responded_on >= period.start, Case.responded_on <= period.end)
    on_time = answered.where(Case.due_on.is_(None) | (Case.responded_on <= Case.due_on))
    overdue = base.where(Case.responded_on.is_(None), Case.due_on < on)
    answered_n, on_time_n = db.session.scalar(answered) or 0, db.session.scalar(on_time) or 0
    counts = suppress_breakdown({"on time": on_time_n, "late": answered_n - on_time_n})
    return Timeliness(counts.total, counts.rows[0][1], suppress_count(db.session.scalar(overdue) or 0))


def actions_by_status(user) -> Breakdown:
    """Actions by status (all of them, whatever their dates)."""
    query = scoped(select(Action.status, func.count(Action.id)), Action, user).group_by(Action.status)
    found = dict(db.session.execute(query).all())
    return suppress_breakdown({name: found.get(status, 0) for status, name in ACTION_STATUSES.items()})


# --- the whole page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard page shows, for one period and one breakdown."""

    period: Period
    by: str
    responses: CrossTab
    responses_by: Breakdown
    response_rate: ResponseRate
    month_labels: list[str]
    questions: list[ScoredQuestion]
    chosen: list[str]
    satisfaction: dict[str, list[float | None]]
    themes: list[tuple[int, str]]
    theme_volumes: CrossTab
    feelings: list[ThemeFeeling]
    timeliness: Timeliness
    actions: Breakdown


def chosen_questions(values: list[str]) -> tuple[list[str], str | None]:
    """The scored questions asked for by the GET argument ``question``, and a message if one is unknown."""
    known = {question.value for question in scored_questions()}
    chosen = [value for value in values if value]
    if any(value not in known for value in chosen):
        return [value for value in chosen if value in known], "Select questions from the list"
    return chosen, None


def dashboard(user, filters, chosen: list[str]) -> Dashboard:
    """The dashboard for ``user`` (a partner lead sees their partner's slice) in the filters' period."""
    period = filters.period or default_period()
    by = filters.by or "locality"
    themes = top_themes(user, period)
    questions = scored_questions()
    chosen = chosen or [question.value for question in questions[:1]]
    return Dashboard(
        period=period, by=by, responses=responses_by_month(user, period), responses_by=responses_by(user, period, by),
        response_rate=response_rate(user, period), month_labels=[month_label(y, m) for y, m in months(period)],
        questions=questions, chosen=chosen, satisfaction=satisfaction_trend(user, period, chosen),
        themes=themes, theme_volumes=theme_volumes(user, period, themes),
        feelings=feelings_by_theme(user, period, themes), timeliness=complaint_timeliness(user, period),
        actions=actions_by_status(user),
    )


@dataclass(frozen=True)
class Headlines:
    """A few figures for the workspace home."""

    period: Period
    responses: Cell
    response_rate: ResponseRate
    timeliness: Timeliness


def headlines(user, on: date | None = None) -> Headlines:
    """Responses, the invitation response rate and complaint timeliness over the last twelve months."""
    period = default_period(on)
    query = _submitted(select(func.count(Response.id)), user, period)
    return Headlines(period, suppress_count(db.session.scalar(query) or 0), response_rate(user, period),
                     complaint_timeliness(user, period, on))
