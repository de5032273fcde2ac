"""What drives disputes: the themes of complaints, mediations, tribunal appeals and ombudsman decisions.

A dispute is a complaint at stage 1 or 2, or a case at the ombudsman, in mediation or at the tribunal (imported
decisions included: their summaries are themed, see ``decision_import``). A case counts at the stage it has
reached, in the quarter it was received. Its themes are those of its comments: the words of the case, of its
imported decision, or of the survey answers it was made from. A case is counted once in a theme however many of
its comments are in it. Every count is grouped in SQL, then suppressed; a partner lead sees their partner's cases.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, distinct, extract, func, or_, select

from surveys.models import CASE_OUTCOMES, Case, Comment, CommentTheme, Theme, db
from surveys.services.capture.cases.deadlines import today
from surveys.services.platform.scoping import scoped
from surveys.services.platform.suppression import Breakdown, Cell, suppress_breakdown, suppress_count
from surveys.services.report.filters import Period
from surveys.services.report.tables import CrossTab, crosstab

DISPUTE_KINDS = {  # stage -> how the page names it
    "stage_1": "Complaint, stage 1",
    "stage_2": "Complaint, stage 2",
    "ombudsman": "Ombudsman",
    "mediation": "Mediation",
    "tribunal": "Tribunal",
}
NO_OUTCOME = "No outcome yet"
TOP_THEMES = 6
QUARTERS_SHOWN = 8
IS_DISPUTE = or_(Case.stage.in_(("ombudsman", "mediation", "tribunal")),
                 and_(Case.kind == "complaint", Case.stage.in_(("stage_1", "stage_2"))))
CASE_WORDS = or_(Comment.case_id == Case.id,
                 and_(Case.response_id.is_not(None), Comment.response_id == Case.response_id))


def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter) of a date: calendar quarters, January to March being the first."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    """A quarter as people read it: Jan to Mar 2026."""
    first = date(year, 3 * quarter - 2, 1)
    last = date(year, 3 * quarter, 1)
    return f"{first:%b} to {last:%b %Y}"


def quarters(period: Period) -> list[tuple[int, int]]:
    """Every (year, quarter) the period touches, in order."""
    found, (year, quarter) = [], quarter_of(period.start)
    while (year, quarter) <= quarter_of(period.end):
        found.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


def default_period(on: date | None = None) -> Period:
    """The last eight quarters: from the start of the quarter seven before this one, to today."""
    on = on or today()
    year, quarter = quarter_of(on)
    back = year * 4 + quarter - 1 - (QUARTERS_SHOWN - 1)
    return Period(date(back // 4, 3 * (back % 4) + 1, 1), on)


def _disputes(user, period: Period, *columns):
    query = select(*columns).select_from(Case).where(IS_DISPUTE, Case.received_on.between(period.start, period.end))
    return scoped(query, Case, user)


def _themed(user, period: Period, *columns):
    """Disputes joined to the live themes of their words (proposed or reviewed; not rejected or merged away)."""
    return (_disputes(user, period, *columns).join(Comment, CASE_WORDS)
            .join(CommentTheme, CommentTheme.comment_id == Comment.id).join(Theme, Theme.id == CommentTheme.theme_id)
            .where(Theme.status.in_(("proposed", "reviewed"))))


def disputes_by_kind(user, period: Period) -> Breakdown:
    """How many disputes of each kind were received in the period, themed or not."""
    query = _disputes(user, period, Case.stage, func.count(Case.id)).group_by(Case.stage)
    found = dict(db.session.execute(query).all())
    return suppress_breakdown({label: found.get(stage, 0) for stage, label in DISPUTE_KINDS.items()})


def themed_disputes(user, period: Period) -> Cell:
    """How many of the period's disputes are in at least one theme."""
    return suppress_count(db.session.scalar(_themed(user, period, func.count(distinct(Case.id)))) or 0)


def top_themes(user, period: Period, limit: int = TOP_THEMES) -> list[tuple[int, str]]:
    """The themes with most disputes in the period, as (id, label)."""
    count = func.count(distinct(Case.id))
    query = _themed(user, period, Theme.id, Theme.label).group_by(Theme.id, Theme.label)
    return [(tid, label) for tid, label in db.session.execute(query.order_by(count.desc(), Theme.label).limit(limit))]


def _by_theme(user, period: Period, themes: list[tuple[int, str]], *columns) -> list[tuple]:
    """(theme id, *columns, disputes) for each of ``themes``, grouped in SQL."""
    query = _themed(user, period, Theme.id, *columns, func.count(distinct(Case.id)))
    query = query.where(Theme.id.in_([tid for tid, _ in themes])).group_by(Theme.id, *columns)
    return [tuple(row) for row in db.session.execute(query)]


def themes_by_kind(user, period: Period, themes: list[tuple[int, str]]) -> CrossTab:
    """Disputes in each theme (rows) by kind (columns)."""
    names = dict(themes)
    counts = {(names[tid], DISPUTE_KINDS[stage]): n for tid, stage, n in _by_theme(user, period, themes, Case.stage)}
    return crosstab(counts, list(names.values()), list(DISPUTE_KINDS.values()))


def themes_by_outcome(user, period: Period, themes: list[tuple[int, str]]) -> CrossTab:
    """Disputes in each theme (rows) by outcome (columns), those not decided yet in a column of their own."""
    names = dict(themes)
    counts = {(names[tid], CASE_OUTCOMES.get(outcome or "", NO_OUTCOME)): n
              for tid, outcome, n in _by_theme(user, period, themes, Case.outcome)}
    return crosstab(counts, list(names.values()), [*CASE_OUTCOMES.values(), NO_OUTCOME])


def themes_by_quarter(user, period: Period, themes: list[tuple[int, str]]) -> CrossTab:
    """Disputes in each theme (rows) by the quarter they were received (columns); months are grouped in SQL."""
    names = dict(themes)
    year, month = extract("year", Case.received_on), extract("month", Case.received_on)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for tid, y, m, n in _by_theme(user, period, themes, year, month):
        counts[(names[tid], quarter_label(int(y), (int(m) - 1) // 3 + 1))] += n
    return crosstab(counts, list(names.values()), [quarter_label(y, q) for y, q in quarters(period)])


@dataclass(frozen=True)
class Disputes:
    """Everything the disputes page shows for one period."""

    period: Period
    by_kind: Breakdown
    themed: Cell
    themes: list[tuple[int, str]]
    kinds: CrossTab
    outcomes: CrossTab
    over_time: CrossTab


def disputes(user, filters) -> Disputes:
    """What drives disputes for ``user`` (a partner lead sees their partner's slice) in the filters' period."""
    period = filters.period or default_period()
    themes = top_themes(user, period)
    return Disputes(period=period, by_kind=disputes_by_kind(user, period), themed=themed_disputes(user, period),
                    themes=themes, kinds=themes_by_kind(user, period, themes),
                    outcomes=themes_by_outcome(user, period, themes),
                    over_time=themes_by_quarter(user, period, themes))
