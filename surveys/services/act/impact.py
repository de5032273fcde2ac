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

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, func, literal, select

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


def impact_figures(action: Action, today: date) -> Impact | None:
    """The action's measure before and after it started, or None when no measure is set or it cannot be measured."""
    return impacts([action], today)[action.id]


def impacts(actions: list[Action], today: date) -> dict[int, Impact | None]:
    """Each action's measure before and after it started (None where there is none).

    Actions measured the same way are counted together, in one query per kind of measure:
    the log shows every action's impact, and one query per action was most of its time with many rows.
    """
    found: dict[int, Impact | None] = {action.id: None for action in actions}
    for kind, (label_of, figures) in MEASURES.items():
        labels = {action.id: label for action in actions if action.impact_kind == kind and (label := label_of(action))}
        measured = [action for action in actions if action.id in labels]
        if not measured:
            continue
        spans = {action.id: windows(action, today) for action in measured}
        unit, noun = ("score", "comments") if kind == "theme_sentiment" else (
            "percent", "answers" if kind == "question" else "comments")
        for action_id, (old, new) in figures(measured, spans).items():
            found[action_id] = Impact(kind, labels[action_id], unit, old, new, change_text(old, new, unit, noun))
    return found


Spans = dict[int, tuple[Window, Window]]
Counted = dict[tuple, dict[datetime, tuple]]


def _counted(keys: list, values: list, moment, spans: Spans, narrow: Callable = lambda query: query) -> Counted:
    """``values`` for each of ``keys`` between each two consecutive period edges of all the ``spans``.

    One query for every action: rows fall into slices cut at every period's first and last moment, so each period
    is a run of whole slices. The slice is found by a binary search written as nested CASEs (a few comparisons
    per row, where grouping by day made SQLite sort tens of thousands of groups).
    """
    edges = sorted({edge for pair in spans.values() for window in pair if window.end >= window.start
                    for edge in window.bounds()})
    if len(edges) < 2:
        return {}
    slice_start = _slice(moment, edges, 0, len(edges) - 1).label("slice")
    query = narrow(select(*keys, slice_start, *values)).where(moment >= edges[0], moment < edges[-1])
    found: Counted = defaultdict(dict)
    for row in db.session.execute(query.group_by(*keys, slice_start)):
        found[tuple(row[:len(keys)])][edges[row[len(keys)]]] = tuple(row[len(keys) + 1:])
    return found


def _slice(moment, edges: list[datetime], low: int, high: int):
    """The index of the slice, between ``edges[low]`` and ``edges[high]``, that holds ``moment``."""
    if high - low == 1:
        return literal(low)
    middle = (low + high) // 2
    return case((moment < edges[middle], _slice(moment, edges, low, middle)),
                else_=_slice(moment, edges, middle, high))


def _sum(slices: dict[datetime, tuple], window: Window, column: int = 0) -> float:
    """A value added up over the slices inside ``window`` (nothing for a period that has not begun)."""
    if window.end < window.start:
        return 0
    first, after = window.bounds()
    return sum(numbers[column] or 0 for start, numbers in slices.items() if first <= start < after)


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


def question_periods(actions: list[Action], spans: Spans) -> dict[int, tuple[Period, Period]]:
    """Positive answers as a share of all answers given in each period, for each action.

    Actions measured by the same question share one query, which reads the question's answers once.
    """
    asked = {action.id: measured_questions(action) for action in actions}
    by_question: dict[tuple[int, ...], list[Action]] = defaultdict(list)
    for action in actions:
        by_question[tuple(sorted(question.id for question in asked[action.id]))].append(action)
    found = {}
    for ids, sharing in by_question.items():
        counts = _answer_counts(list(ids), [spans[action.id] for action in sharing])
        for action in sharing:
            questions = asked[action.id]
            offered = {q.id: {str(option.get("value")) for option in q.options or []} for q in questions}
            positive = {q.id: positive_values(q) for q in questions}
            sides = []
            for window in spans[action.id]:
                liked = disliked = 0
                for (question_id, value), numbers in counts.items():
                    if value in offered[question_id]:
                        number = numbers.get(window, 0)
                        liked, disliked = (liked + number, disliked) if value in positive[question_id] else (
                            liked, disliked + number)
                sides.append(_share(window, liked, disliked, ("positive", "answered"), "answers"))
            found[action.id] = (sides[0], sides[1])
    return found


def _answer_counts(question_ids: list[int], spans: list[tuple[Window, Window]]) -> dict[tuple, dict]:
    """{(question, value): {window: submitted answers}} for the questions, in each period that has begun.

    Grouped by answer alone, with each period counted by a conditional sum, so the answers are read once however
    many actions they measure.
    """
    windows = [window for pair in spans for window in pair if window.end >= window.start]
    if not windows:
        return {}
    bounds = [window.bounds() for window in windows]
    sums = [func.sum(case(((Response.submitted_at >= low) & (Response.submitted_at < high), 1), else_=0))
            for low, high in bounds]
    query = (select(Answer.question_id, Answer.value_text, *sums)
             .join(Response, Response.id == Answer.response_id)
             .where(Answer.question_id.in_(question_ids), Response.status == "submitted",
                    Response.submitted_at >= min(low for low, _ in bounds),
                    Response.submitted_at < max(high for _, high in bounds))
             .group_by(Answer.question_id, Answer.value_text))
    return {(question_id, value): dict(zip(windows, (int(n or 0) for n in numbers), strict=True))
            for question_id, value, *numbers in db.session.execute(query)}


# --- A theme's share of comments, and its mean sentiment ----------------------------------------------------


def theme_label(action: Action, words: str) -> str | None:
    theme = db.session.get(Theme, action.impact_theme_id) if action.impact_theme_id else None
    return f"{words} “{theme.label}”" if theme else None


def _in_themes(actions: list[Action], values: list, spans: Spans) -> Counted:
    """``values`` over the analysed comments of each action's theme, by theme and slice of time."""
    themes = sorted({action.impact_theme_id for action in actions})
    return _counted([CommentTheme.theme_id], values, Comment.received_at, spans, lambda query: query.select_from(
        CommentTheme).join(Comment, Comment.id == CommentTheme.comment_id).where(
        CommentTheme.theme_id.in_(themes), Comment.analysed_at.is_not(None)))


def theme_share_periods(actions: list[Action], spans: Spans) -> dict[int, tuple[Period, Period]]:
    """The theme's comments as a share of all analysed comments received in each period, for each action.

    Two queries, not one outer join: the total reads only the index on (received_at, analysed_at), and the themes'
    counts start from the themes' own links, so neither walks every comment of the period through a join.
    """
    totals = _counted([], [func.count()], Comment.received_at, spans,
                    lambda query: query.where(Comment.analysed_at.is_not(None))).get((), {})
    in_theme = _in_themes(actions, [func.count()], spans)
    found = {}
    for action in actions:
        rows = in_theme.get((action.impact_theme_id,), {})
        sides = [_share(window, int(_sum(rows, window)), int(_sum(totals, window) - _sum(rows, window)),
                        ("in_theme", "comments"), "comments") for window in spans[action.id]]
        found[action.id] = (sides[0], sides[1])
    return found


def theme_sentiment_periods(actions: list[Action], spans: Spans) -> dict[int, tuple[Period, Period]]:
    """The mean sentiment score of the theme's comments received in each period, for each action."""
    scored = _in_themes(actions, [func.count(Comment.sentiment_score), func.sum(Comment.sentiment_score)], spans)
    found = {}
    for action in actions:
        rows = scored.get((action.impact_theme_id,), {})
        sides = []
        for window in spans[action.id]:
            number, total = int(_sum(rows, window, 0)), _sum(rows, window, 1)
            sides.append(_sentiment(window, number, total / number if number else None))
        found[action.id] = (sides[0], sides[1])
    return found


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


Figures = Callable[[list[Action], Spans], dict[int, tuple[Period, Period]]]
MEASURES: dict[str, tuple[Callable[[Action], str | None], Figures]] = {
    "question": (question_label, question_periods),
    "theme_share": (lambda action: theme_label(action, "Share of comments in the theme"), theme_share_periods),
    "theme_sentiment": (lambda action: theme_label(action, "Mean sentiment of comments in the theme"),
                        theme_sentiment_periods),
}
