"""An action's impact measure before and after it started, with the counts behind each figure.

The two periods are the ``impact_window_days`` before the start (``Action.start_date``, else the day it was
recorded) and the same number of days from the start, cut at today while that period is still running. Days are
days in England, from midnight to midnight.

Three measures, as ``Action.impact_kind`` chooses:

- ``question``: the share of positive answers to a closed survey question (the key, across every version of the
  survey), among submitted responses in the period. Positive means "yes" on a yes or no question, and on a rating
  or symbol scale the options above the middle of the scale: the top two of a five-point scale, the top one of a
  three-point symbol scale (whose middle, "OK", is not a positive answer). Other kinds of question have no
  positive answer, so they are not measured.
- ``theme_share``: the theme's comments as a share of all analysed comments received in the period.
- ``theme_sentiment``: the mean sentiment score (from -1, most negative, to 1, most positive) of the theme's
  comments received in the period.

Every count goes through the one suppression rule; a figure worked out from a suppressed count is not shown.
A difference between two periods is not proof that the action caused it, and the page says so.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, func, select

from surveys.models import Action, Answer, Comment, CommentTheme, Question, Response, SurveyVersion, Theme, db
from surveys.services.act.rag import london_date
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.suppression import Cell, suppress_breakdown, suppress_count

CAUTION = "A change between the two periods does not on its own show that the action caused it."


@dataclass(frozen=True)
class Period:
    """One side of the comparison: its dates, its figure (None when there is nothing to show) and its counts."""

    start: date
    end: date  # the last day counted; before ``start`` when the period has not begun
    value: float | None  # a percentage (0 to 100) or a mean score (-1 to 1), as ``Impact.unit`` says
    counts: dict[str, Cell] = field(default_factory=dict)  # e.g. {"positive": Cell, "answered": Cell}
    text: str = ""  # the counts behind the figure in words: "22 of 40 answers", "mean of 12 comments"

    @property
    def started(self) -> bool:
        """False for an after-period that has not begun yet."""
        return self.end >= self.start


@dataclass(frozen=True)
class Impact:
    """An action's impact measure before and after it started."""

    kind: str
    label: str  # what is measured, in words
    unit: str  # "percent" or "score"
    before: Period
    after: Period
    change_text: str  # the comparison as a plain sentence

    def figure(self, period: Period) -> str:
        """A period's figure as shown: "55%", "+0.30", or "" when there is none to show."""
        if period.value is None:
            return ""
        return f"{period.value:g}%" if self.unit == "percent" else f"{period.value:+.2f}"


@dataclass(frozen=True)
class Window:
    """The first and last day of a period (inclusive)."""

    start: date
    end: date

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as UTC moments: from midnight in England on the first day to midnight after the last."""
        return _utc(self.start), _utc(self.end + timedelta(days=1))


def _utc(day: date) -> datetime:
    return datetime.combine(day, time(), LONDON).astimezone(UTC)


def _sides(column, before: Window, after: Window):
    """Both periods in one query: the where-clause covering them, and a column saying which side a row is on.

    One query per action rather than one per period keeps the log quick with many actions and many rows.
    """
    low, split = before.bounds()
    high = max(split, after.bounds()[1])  # an after-period that has not begun adds nothing
    side = case((column < split, "before"), else_="after")
    return side, (column >= low, column < high)


def impact_figures(action: Action, today: date) -> Impact | None:
    """The action's measure before and after it started, or None when no measure is set or it cannot be measured."""
    measure = MEASURES.get(action.impact_kind or "")
    label = measure and measure[0](action)
    if not label:
        return None
    old, new = measure[1](action, *windows(action, today))
    unit = "score" if action.impact_kind == "theme_sentiment" else "percent"
    noun = "answers" if action.impact_kind == "question" else "comments"
    return Impact(action.impact_kind, label, unit, old, new, change_text(old, new, unit, noun))


def start_of(action: Action) -> date:
    """The day the action started: its start date, else the day it was recorded."""
    return action.start_date or london_date(action.created_at)


def windows(action: Action, today: date) -> tuple[Window, Window]:
    """The periods before and after the start, the second cut at today."""
    start, days = start_of(action), max(1, action.impact_window_days or 1)
    before = Window(start - timedelta(days=days), start - timedelta(days=1))
    return before, Window(start, min(start + timedelta(days=days - 1), today))


# --- A closed survey question -------------------------------------------------------------------------------


def question_label(action: Action) -> str | None:
    """"Positive answers to '<prompt>' (<survey>)", or None when the question cannot be measured."""
    questions = measured_questions(action)
    if not questions or not any(positive_values(q) for q in questions):
        return None
    latest = max(questions, key=lambda question: question.version.number)
    return f"Positive answers to “{latest.prompt}” ({latest.version.survey.title})"


def measured_questions(action: Action) -> list[Question]:
    """The question with the action's key in every version of its survey."""
    if action.impact_survey_id is None or not action.impact_question_key:
        return []
    query = (select(Question).join(SurveyVersion, SurveyVersion.id == Question.version_id)
             .where(SurveyVersion.survey_id == action.impact_survey_id, Question.key == action.impact_question_key))
    return list(db.session.scalars(query))


def positive_values(question: Question) -> set[str]:
    """The answers counted as positive: "yes", or the options above the middle of a rating or symbol scale."""
    values = {str(option.get("value")) for option in question.options or []}
    if question.kind == "yes_no":
        return {"yes"} & values
    if question.kind not in ("rating", "symbol_scale"):
        return set()
    try:
        numbers = {value: float(value) for value in values}
    except ValueError:
        return set()
    middle = (min(numbers.values()) + max(numbers.values())) / 2 if numbers else 0
    return {value for value, number in numbers.items() if number > middle}


def question_periods(action: Action, before: Window, after: Window) -> tuple[Period, Period]:
    """Positive answers as a share of all answers given in each period."""
    questions = measured_questions(action)
    offered = {q.id: {str(option.get("value")) for option in q.options or []} for q in questions}
    positive = {q.id: positive_values(q) for q in questions}
    counts = {side: {"positive": 0, "other": 0} for side in ("before", "after")}
    for side, question_id, value, number in _answer_counts(list(offered), before, after):
        if value in offered[question_id]:
            counts[side]["positive" if value in positive[question_id] else "other"] += number
    old, new = ((_share(window, counts[side]["positive"], counts[side]["other"], ("positive", "answered"), "answers"))
                for side, window in (("before", before), ("after", after)))
    return old, new


def _answer_counts(question_ids: list[int], before: Window, after: Window) -> list[tuple[str, int, str, int]]:
    side, within = _sides(Response.submitted_at, before, after)
    query = (select(side, Answer.question_id, Answer.value_text, func.count())
             .join(Response, Response.id == Answer.response_id)
             .where(Answer.question_id.in_(question_ids), Response.status == "submitted", *within)
             .group_by(side, Answer.question_id, Answer.value_text))
    return [tuple(row) for row in db.session.execute(query)]


# --- A theme's share of comments, and its mean sentiment ----------------------------------------------------


def theme_label(action: Action, words: str) -> str | None:
    theme = db.session.get(Theme, action.impact_theme_id) if action.impact_theme_id else None
    return f"{words} “{theme.label}”" if theme else None


def _by_side(columns, before: Window, after: Window, join) -> dict[str, tuple]:
    """``columns`` over analysed comments received in the periods, joined by ``join``, as {side: values}."""
    side, within = _sides(Comment.received_at, before, after)
    query = join(select(side, *columns).where(Comment.analysed_at.is_not(None), *within)).group_by(side)
    return {name: tuple(values) for name, *values in db.session.execute(query)}


def theme_share_periods(action: Action, before: Window, after: Window) -> tuple[Period, Period]:
    """The theme's comments as a share of all analysed comments received in each period.

    Two queries, not one outer join: the total reads only the index on (received_at, analysed_at), and the theme's
    count starts from the theme's own links, so neither walks every comment of the period through a join.
    """
    totals = _by_side([func.count()], before, after, lambda query: query)
    in_theme = _by_side([func.count()], before, after, lambda query: query.join(
        CommentTheme, CommentTheme.comment_id == Comment.id).where(CommentTheme.theme_id == action.impact_theme_id))
    periods = []
    for name, window in (("before", before), ("after", after)):
        everything, part = totals.get(name, (0,))[0], in_theme.get(name, (0,))[0]
        periods.append(_share(window, part, everything - part, ("in_theme", "comments"), "comments"))
    return periods[0], periods[1]


def theme_sentiment_periods(action: Action, before: Window, after: Window) -> tuple[Period, Period]:
    """The mean sentiment score of the theme's comments received in each period."""
    found = _by_side([func.count(Comment.sentiment_score), func.avg(Comment.sentiment_score)], before, after,
                     lambda query: query.join(CommentTheme, CommentTheme.comment_id == Comment.id).where(
                         CommentTheme.theme_id == action.impact_theme_id))
    return _sentiment(before, *found.get("before", (0, None))), _sentiment(after, *found.get("after", (0, None)))


def _sentiment(window: Window, number: int, mean: float | None) -> Period:
    scored = suppress_count(number or 0)
    if not window.end >= window.start:
        return Period(window.start, window.end, None, {"comments": scored}, "Not started yet")
    if scored.suppressed or not number:
        return Period(window.start, window.end, None, {"comments": scored}, f"{_count(scored, 'comments')}")
    value = round(float(mean), 2)
    return Period(window.start, window.end, value, {"comments": scored}, f"mean of {_count(scored, 'comments')}")


def _share(window: Window, part: int, rest: int, names: tuple[str, str], noun: str) -> Period:
    """A share after suppression: hidden when either count is (``rest`` is suppressed too, or it gives part away)."""
    if window.end < window.start:
        return Period(window.start, window.end, None, {}, "Not started yet")
    table = suppress_breakdown({names[0]: part, "rest": rest})
    shown, total = table.rows[0][1], table.total
    hidden = shown.suppressed or total.suppressed or table.rows[1][1].suppressed or total.count == 0
    counts = {names[0]: shown, names[1]: total}
    if hidden:
        return Period(window.start, window.end, None, counts, _count(total, noun))
    value = round(100 * part / total.count, 1)
    return Period(window.start, window.end, value, counts, f"{shown.text} of {_count(total, noun)}")


def _count(cell: Cell, noun: str) -> str:
    if cell.count == 0:
        return f"no {noun}"
    return f"{cell.text} {noun[:-1] if cell.count == 1 and not cell.suppressed else noun}"


# --- Comparing ---------------------------------------------------------------------------------------------


def change_text(before: Period, after: Period, unit: str, noun: str = "answers") -> str:
    """The change from before to after in one plain sentence."""
    if not after.started:
        return "The action has not started yet, so there is nothing to compare."
    if before.value is None or after.value is None:
        side = "before or after" if before.value is None and after.value is None else (
            "before" if before.value is None else "after")
        return f"There is not enough to compare: too few {noun} {side}."
    shown = (lambda v: f"{v:g}%") if unit == "percent" else (lambda v: f"{v:+.2f}")
    step = round(after.value - before.value, 1 if unit == "percent" else 2)
    if step == 0:
        return f"No change: {shown(before.value)} before and after."
    way = "Up" if step > 0 else "Down"
    size = f"{abs(step):g} percentage points" if unit == "percent" else f"{abs(step):.2f}"
    return f"{way} {size}, from {shown(before.value)} to {shown(after.value)}."


Figures = Callable[[Action, Window, Window], tuple[Period, Period]]
MEASURES: dict[str, tuple[Callable[[Action], str | None], Figures]] = {
    "question": (question_label, question_periods),
    "theme_share": (lambda action: theme_label(action, "Share of comments in the theme"), theme_share_periods),
    "theme_sentiment": (lambda action: theme_label(action, "Mean sentiment of comments in the theme"),
                        theme_sentiment_periods),
}
