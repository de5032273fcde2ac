"""The board report for one board meeting: the action and impact log, the dashboard figures, new and growing themes
and complaint timeliness, as they were on the day the report is made.

The board report is the whole partnership's: the board sees every partner's actions and figures, and the kept copy
is the same for everyone who opens it. So it is always read as the whole partnership (``WHOLE_PARTNERSHIP``), and the
staff pages refuse partner leads (who have the log and the dashboard for their own slice).

"Since the previous board meeting" runs from the previous meeting's day to the day the report is made (never later
than the meeting itself). New and growing themes compare that period with the period of the same length before it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from surveys.models import Theme, db
from surveys.services.act.log import LogFilters, LogRow, log_rows
from surveys.services.act.rag import board_dates
from surveys.services.platform.errors import NotFound
from surveys.services.platform.suppression import Breakdown, Cell, suppress_count, threshold
from surveys.services.report.dashboard import (
    Headlines,
    Timeliness,
    actions_by_status,
    complaint_timeliness,
    headlines,
    theme_counts,
)
from surveys.services.report.filters import Period

FIRST_PERIOD_DAYS = 91  # with no earlier meeting, "since the last meeting" is the last quarter
GROWTH = 1.25  # a theme is growing when it has at least a quarter more comments than in the period before


@dataclass(frozen=True)
class Reader:
    """Who the report is read as: only ``role`` and ``partner_id`` matter to partner scoping."""

    role: str
    partner_id: int | None = None


WHOLE_PARTNERSHIP = Reader("admin")


@dataclass(frozen=True)
class ThemeTrend:
    """A theme with more comments since the last board meeting than before it: "new" or "growing"."""

    theme_id: int
    label: str
    now: Cell
    before: Cell
    kind: str

    @property
    def kind_label(self) -> str:
        """"New" or "Growing"."""
        return self.kind.capitalize()


@dataclass(frozen=True)
class BoardReport:
    """Everything the board report shows, for one meeting, as on one day."""

    meeting: date
    previous: date | None
    as_on: date
    period: Period
    rows: list[LogRow]
    headlines: Headlines
    timeliness: Timeliness
    actions: Breakdown
    themes: list[ThemeTrend]

    @property
    def red_rows(self) -> list[LogRow]:
        """The actions that are red, for the summary at the top."""
        return [row for row in self.rows if row.rag.colour == "red"]


def meeting_for(chosen: date | None, on: date) -> date:
    """The board meeting a report is for: ``chosen`` (which must be a meeting), else the next one from ``on``
    (else the latest). NotFound when there is no such meeting or none is set."""
    dates = board_dates()
    if chosen is not None:
        if chosen not in dates:
            raise NotFound("There is no board meeting on that date.")
        return chosen
    if not dates:
        raise NotFound("No board meeting dates are set.")
    return min((day for day in dates if day >= on), default=dates[-1])


def previous_meeting(meeting: date) -> date | None:
    """The board meeting before ``meeting``, if any."""
    return max((day for day in board_dates() if day < meeting), default=None)


def report_period(meeting: date, on: date) -> Period:
    """From the previous meeting (or a quarter back) to ``on``, never past the meeting itself."""
    end = min(on, meeting)
    previous = previous_meeting(meeting)
    start = previous if previous is not None else end - timedelta(days=FIRST_PERIOD_DAYS - 1)
    return Period(min(start, end), end)


def board_report(meeting: date, on: date) -> BoardReport:
    """The board report for ``meeting`` as on ``on`` (the status of each action on that day)."""
    period = report_period(meeting, on)
    reader = WHOLE_PARTNERSHIP
    return BoardReport(
        meeting=meeting, previous=previous_meeting(meeting), as_on=period.end, period=period,
        rows=log_rows(reader, LogFilters(), period.end), headlines=headlines(reader, period.end),
        timeliness=complaint_timeliness(reader, period, period.end), actions=actions_by_status(reader),
        themes=theme_trends(reader, period),
    )


def theme_trends(reader, period: Period) -> list[ThemeTrend]:
    """Proposed or reviewed themes that are new or growing in ``period`` against the period before it, the
    largest rise first. Only themes with at least the suppression threshold of comments now are listed, so each
    one listed has a figure that can be shown."""
    now, before = theme_counts(reader, period), theme_counts(reader, period.previous())
    rising = {tid: count for tid, count in now.items()
              if count >= threshold() and count >= max(1, before.get(tid, 0)) * GROWTH}
    labels = dict(db.session.execute(select(Theme.id, Theme.label).where(
        Theme.id.in_(list(rising)), Theme.status.in_(("proposed", "reviewed")))).all())
    trends = [_trend(tid, labels[tid], rising[tid], before.get(tid, 0)) for tid in rising if tid in labels]
    return sorted(trends, key=lambda trend: (-(rising[trend.theme_id] - before.get(trend.theme_id, 0)), trend.label))


def _trend(theme_id: int, label: str, now: int, before: int) -> ThemeTrend:
    return ThemeTrend(theme_id, label, suppress_count(now), suppress_count(before), "new" if before == 0 else "growing")
