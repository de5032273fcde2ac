"""Survey results: every closed question's answers counted in SQL, broken down, compared, and suppressed.

A survey's questions are matched across its versions by key (answers point at the version they answered), and
shown with the newest version's wording and options. Everything counted goes through the one suppression rule.
The Survey model has no series or year, so "year on year" compares calendar years of submission of the same
survey. Services here only read; they never commit.
"""

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import String, case, cast, extract, func, select
from sqlalchemy.orm import aliased

from surveys.models import Answer, Comment, CommentTheme, Invitation, Question, Response, Survey, SurveyVersion, db
from surveys.services.capture.questions import option_label, options_for
from surveys.services.platform.errors import NotFound
from surveys.services.platform.scoping import scoped
from surveys.services.platform.suppression import Breakdown, Cell, suppress_breakdown, suppress_count, threshold
from surveys.services.report.dimensions import dimension_column, dimension_label, with_dimension
from surveys.services.report.filters import Period, ReportFilters
from surveys.services.report.tables import CrossTab, crosstab

CLOSED_KINDS = ("rating", "symbol_scale", "single_choice", "multiple_choice", "yes_no", "equality")
SCORED_KINDS = ("rating", "symbol_scale")


@dataclass(frozen=True)
class QuestionResult:
    """One closed question: its answers overall, and (when asked for) by group, against the last period, by year."""

    key: str
    prompt: str
    kind: str
    breakdown: Breakdown
    mean: float | None
    by_group: CrossTab | None = None
    against_previous: CrossTab | None = None
    by_year: CrossTab | None = None


@dataclass(frozen=True)
class ThemeLink:
    """A theme of the comments written in answer to a free-text question."""

    theme_id: int
    label: str
    comments: Cell
    mean_sentiment: float | None


@dataclass(frozen=True)
class TextResult:
    """A free-text question and the themes of what people wrote."""

    key: str
    prompt: str
    themes: list[ThemeLink]


@dataclass(frozen=True)
class ResponseRate:
    """Invitations sent, responses submitted from them, and the rate ("" when a count is suppressed)."""

    sent: Cell
    responded: Cell

    @property
    def rate(self) -> str:
        """The responses as a share of invitations sent."""
        return self.responded.percent_of(self.sent)


@dataclass(frozen=True)
class SurveyResults:
    """Everything the results page shows."""

    survey: Survey
    respondents: Cell
    questions: list[QuestionResult]
    free_text: list[TextResult]
    response_rate: ResponseRate
    period: Period | None
    previous: Period | None
    by: str | None


def survey_results(survey_id: int, user, filters: ReportFilters) -> SurveyResults:
    """The results of one survey for what ``user`` may see, within the filters' period."""
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        raise NotFound()
    latest = questions_by_key(survey)
    scope = Scope(survey, user, filters.period)
    previous = filters.period.previous() if filters.period else None
    asked = [(question, ids) for question, ids in latest.values() if question.kind in CLOSED_KINDS]
    grids = answer_grids(scope, asked, filters.by, previous)
    closed = [_question_result(question, grids[question.key], filters.by, previous is not None)
              for question, _ in asked]
    texts = [TextResult(q.key, q.prompt, theme_links(scope, ids)) for q, ids in latest.values()
             if q.kind == "free_text"]
    return SurveyResults(survey, suppress_count(scope.respondents()), closed, texts, response_rate(scope),
                         filters.period, previous, filters.by)


def questions_by_key(survey: Survey) -> dict[str, tuple[Question, list[int]]]:
    """Each question key: its newest wording, and the ids it has had in every version, in the newest order."""
    query = (select(Question).join(SurveyVersion).where(SurveyVersion.survey_id == survey.id)
             .order_by(SurveyVersion.number, Question.position))
    found: dict[str, tuple[Question, list[int]]] = {}
    for question in db.session.scalars(query):
        ids = found[question.key][1] if question.key in found else []
        found.pop(question.key, None)  # re-inserted so the newest version's order wins
        found[question.key] = (question, [*ids, question.id])
    latest = max((q.version.number for q, _ in found.values()), default=0)
    return dict(sorted(found.items(), key=lambda item: (item[1][0].version.number < latest, item[1][0].position)))


class Scope:
    """The submitted responses of one survey that a user may see, in a period: the where-clause of every count."""

    def __init__(self, survey: Survey, user, period: Period | None) -> None:
        self.survey, self.user, self.period = survey, user, period
        self.version_ids = [version.id for version in survey.versions]

    def narrow(self, query, period: Period | None = None, *, dated: bool = True):
        """Limit a query that joins Response to this scope (and ``period``, default the scope's own)."""
        query = query.where(Response.version_id.in_(self.version_ids), Response.status == "submitted")
        period = period or self.period
        if dated and period is not None:
            first, after = period.bounds()
            query = query.where(Response.submitted_at >= first, Response.submitted_at < after)
        return scoped(query, Response, self.user)

    def respondents(self) -> int:
        """How many submitted responses are in scope."""
        return db.session.scalar(self.narrow(select(func.count(Response.id)))) or 0


# Which period an answer falls in: the scope's (every answer, when it has none), the one before it, or neither.
OTHER, CURRENT, PREVIOUS = 0, 1, 2
# A grid counts one question's answers by (value, calendar year, group or None, period as above).
Grid = dict[tuple[str, int | None, object, int], int]
# At most this many answer combinations per query: questions are read together until their options multiply past it.
COMBINATIONS_PER_QUERY = 5_000
QUESTIONS_PER_QUERY = 8


def _question_result(question: Question, grid: Grid, by: str | None, compared: bool) -> QuestionResult:
    labels = [option["value"] for option in options_for(question)]
    yearly = _added(grid, lambda value, year, group, when: (value, year) if year is not None else None)
    counts = _added(grid, lambda value, year, group, when: value if when == CURRENT else None)
    values = [*labels, *sorted(v for v in counts if v not in labels)]
    named = {option_label(question, value): counts.get(value, 0) for value in values}
    return QuestionResult(
        key=question.key, prompt=question.prompt, kind=question.kind, breakdown=suppress_breakdown(named),
        mean=_mean(counts) if question.kind in SCORED_KINDS else None,
        by_group=_by_group(question, grid, values, by) if by else None,
        against_previous=_against(question, grid, values) if compared else None,
        by_year=_by_year(question, yearly, values),
    )


def answer_grids(scope: Scope, questions: list[tuple[Question, list[int]]], by: str | None,
                 previous: Period | None) -> dict[str, Grid]:
    """Every closed question's answers counted, keyed by question key: by value, year of submission, group (when
    ``by`` is given) and period, over all time.

    Reading the answers question by question was most of the results page's time with many responses, so they
    are read together, in the shape each database does fastest: PostgreSQL groups every question's answers in
    one query (a hash aggregate); SQLite, which groups by sorting, reads the responses once for a batch of
    questions and finds each question's answer through the unique (response, question) index.
    """
    cells = GridCells(dimension_column(by) if by else None, _period_column(scope.period, previous))
    answered = _answered(questions)
    asked = [(question, ids) for question, ids in questions if question.key in answered]
    grids: dict[str, Grid] = {question.key: {} for question, _ in questions}
    if asked and db.session.get_bind().dialect.name == "postgresql":
        grids.update(_grouped_grids(scope, asked, cells))
        return grids
    for batch in _batches(asked):
        grids.update(_batch_grids(scope, batch, cells))
    return grids


class GridCells:
    """What a grid's counts are split by besides the answer: the year of submission, the group (or None) and the
    period (or None: every answer is then CURRENT); the columns to select and group by, and a row's key."""

    def __init__(self, group, when) -> None:
        self.group, self.when = group, when
        self.columns = [column for column in (extract("year", Response.submitted_at), group, when)
                        if column is not None]

    def joined(self, query):
        """The query with what the group column needs joined (the partner table for a partner's name)."""
        return with_dimension(query, self.group)

    def key(self, values) -> tuple:
        """(year, group or None, period) from a row's values of ``columns``."""
        found = iter(values)
        year = next(found)
        return (None if year is None else int(year), next(found) if self.group is not None else None,
                int(next(found)) if self.when is not None else CURRENT)


def _answered(questions: list[tuple[Question, list[int]]]) -> set[str]:
    """The keys of the questions anyone has answered in any version: the rest need no reading at all."""
    ids = {question_id: question.key for question, question_ids in questions for question_id in question_ids}
    if not ids:
        return set()
    found = select(Question.id).where(Question.id.in_(list(ids)),
                                      select(Answer.id).where(Answer.question_id == Question.id).exists())
    return {ids[question_id] for question_id in db.session.scalars(found)}


def _period_column(period: Period | None, previous: Period | None):
    """CURRENT, PREVIOUS or OTHER for each response's submission time; None when there is no period."""
    if period is None:
        return None
    spans = [(period, CURRENT), *([(previous, PREVIOUS)] if previous else [])]
    whens = []
    for span, number in spans:
        first, after = span.bounds()
        whens.append(((Response.submitted_at >= first) & (Response.submitted_at < after), number))
    return case(*whens, else_=OTHER)


def _batches(questions: list[tuple[Question, list[int]]]):
    """Consecutive questions grouped so that each group's answer combinations stay few."""
    batch: list[tuple[Question, list[int]]] = []
    combinations = 1
    for question, ids in questions:
        width = len(options_for(question)) + 1  # and "not answered"
        width = 2 ** min(width, 16) if question.kind == "multiple_choice" else width
        if batch and (combinations * width > COMBINATIONS_PER_QUERY or len(batch) == QUESTIONS_PER_QUERY):
            yield batch
            batch, combinations = [], 1
        batch.append((question, ids))
        combinations *= width
    if batch:
        yield batch


def _batch_grids(scope: Scope, batch, cells: GridCells) -> dict[str, Grid]:
    """One query over the scope's responses, all time, counting each combination of the batch's answers."""
    extras = cells.columns
    query = cells.joined(select(*extras).select_from(Response))
    answers = []
    for question, ids in batch:
        answer = aliased(Answer)
        query = query.outerjoin(answer, (answer.response_id == Response.id) & answer.question_id.in_(ids))
        answers.append(cast(answer.value_choices, String) if question.kind == "multiple_choice"
                       else answer.value_text)
    columns = [*extras, *answers]
    query = scope.narrow(query.add_columns(*answers, func.count(Response.id)).group_by(*columns), dated=False)
    grids: dict[str, Grid] = {question.key: defaultdict(int) for question, _ in batch}
    for row in db.session.execute(query):
        key = cells.key(row[: len(extras)])
        for (question, _), value in zip(batch, row[len(extras):-1], strict=True):
            for chosen in _chosen(question, value):
                grids[question.key][(chosen, *key)] += row[-1]
    return {name: dict(grid) for name, grid in grids.items()}


def _grouped_grids(scope: Scope, questions, cells: GridCells) -> dict[str, Grid]:
    """Every question's answers counted by question, value and the extras (PostgreSQL): one query for the
    questions with one value, one for multiple-choice questions (apart, so the planner still expects few groups
    and aggregates with a hash table)."""
    grids: dict[str, Grid] = {question.key: defaultdict(int) for question, _ in questions}
    for multiple in (False, True):
        asked = {question_id: question for question, ids in questions for question_id in ids
                 if (question.kind == "multiple_choice") == multiple}
        if not asked:
            continue
        value = cast(Answer.value_choices, String) if multiple else Answer.value_text
        columns = [Answer.question_id, value, *cells.columns]
        query = cells.joined(select(*columns, func.count(Answer.id)).select_from(Answer)
                             .join(Response, Response.id == Answer.response_id))
        query = scope.narrow(query.where(Answer.question_id.in_(list(asked))).group_by(*columns), dated=False)
        for question_id, answer, *rest, count in db.session.execute(query):
            question = asked[question_id]
            key = cells.key(rest)
            for chosen in _chosen(question, answer):
                grids[question.key][(chosen, *key)] += count
    return {name: dict(grid) for name, grid in grids.items()}


def _chosen(question: Question, value) -> list[str]:
    """The values one answer gave: its text, each choice of a multiple-choice answer, or none."""
    if value is None:
        return []
    if question.kind != "multiple_choice":
        return [value]
    try:
        choices = json.loads(value)
    except ValueError:
        return []
    return [str(choice) for choice in choices] if isinstance(choices, list) else []


def _added(grid: Grid, key_of) -> dict:
    """The grid's counts added up under ``key_of(value, year, group, when)``, leaving out rows it maps to None."""
    added: dict = defaultdict(int)
    for key, count in grid.items():
        new_key = key_of(*key)
        if new_key is not None:
            added[new_key] += count
    return dict(added)


def _mean(counts: dict[str, int]) -> float | None:
    """The mean score from counts of numeric answers; None when too few answered to show it."""
    scored = {int(value): n for value, n in counts.items() if value.isdigit()}
    answered = sum(scored.values())
    if answered < threshold():
        return None
    return round(sum(value * n for value, n in scored.items()) / answered, 2)


def _by_group(question: Question, grid: Grid, values: list[str], by: str) -> CrossTab:
    counts = _added(grid, lambda value, year, group, when: (
        dimension_label(by, group), option_label(question, value)) if when == CURRENT else None)
    groups = sorted({group for group, _ in counts})
    return crosstab(counts, groups, [option_label(question, value) for value in values])


def _against(question: Question, grid: Grid, values: list[str]) -> CrossTab:
    """Rows are the two periods, columns the answers: the shares read across each period."""
    rows = {CURRENT: "This period", PREVIOUS: "Previous period"}
    counts = _added(grid, lambda value, year, group, when: (
        rows[when], option_label(question, value)) if when in rows else None)
    return crosstab(counts, list(rows.values()), [option_label(question, value) for value in values])


def _by_year(question: Question, yearly: dict[tuple[str, int], int], values: list[str]) -> CrossTab | None:
    """Answers by calendar year of submission (all time); None when they all fall in one year."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for (value, group), count in yearly.items():
        counts[(str(group), option_label(question, value))] += count
    years = sorted({year for year, _ in counts})
    if len(years) < 2:
        return None
    return crosstab(counts, years, [option_label(question, value) for value in values])


def theme_links(scope: Scope, question_ids: list[int]) -> list[ThemeLink]:
    """The themes of comments written in answer to these questions, most comments first, with mean sentiment."""
    from surveys.models import Theme

    # Grouped by theme id without joining the theme table, so the database starts from the question's answers
    # (SQLite otherwise walks every comment of every theme); the few themes are looked up afterwards.
    # A comment answers one question and is linked to a theme once (a unique pair), so plain counts are exact.
    query = (select(CommentTheme.theme_id, func.count(Comment.id), func.avg(Comment.sentiment_score))
             .select_from(Answer).join(Comment, Comment.answer_id == Answer.id)
             .join(CommentTheme, CommentTheme.comment_id == Comment.id)
             .join(Response, Response.id == Answer.response_id).where(Answer.question_id.in_(question_ids)))
    found = {theme_id: (count, sentiment) for theme_id, count, sentiment in
             db.session.execute(scope.narrow(query).group_by(CommentTheme.theme_id))}
    themes = db.session.execute(select(Theme.id, Theme.label).where(
        Theme.id.in_(list(found)), Theme.status.in_(("proposed", "reviewed"))))
    links = []
    for theme_id, label in sorted(themes, key=lambda row: (-found[row[0]][0], row[1])):
        count, sentiment = found[theme_id]
        cell = suppress_count(count)
        links.append(ThemeLink(theme_id, label, cell, None if cell.suppressed or sentiment is None
                               else round(float(sentiment), 2)))
    return links


def response_rate(scope: Scope) -> ResponseRate:
    """Invitations sent for this survey (in the period, by when they were sent) and the responses from them."""
    sent = scoped(select(func.count(Invitation.id)), Invitation, scope.user).where(
        Invitation.survey_id == scope.survey.id, Invitation.sent_at.is_not(None))
    answered = sent.join(Response, Response.invitation_id == Invitation.id).where(Response.status == "submitted")
    if scope.period is not None:
        first, after = scope.period.bounds()
        sent = sent.where(Invitation.sent_at >= first, Invitation.sent_at < after)
        answered = answered.where(Invitation.sent_at >= first, Invitation.sent_at < after)
    return ResponseRate(suppress_count(db.session.scalar(sent) or 0), suppress_count(db.session.scalar(answered) or 0))
