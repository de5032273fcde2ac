"""RAG status and slippage of an action on a given day: red, amber or green, or complete or closed.

The clock is always passed in (``today``), so the rules can be tested on fixed dates and a board report shows what
was true on the day it was made. The rules are deliberately few and written down in ``RAG_RULES``, which the log
page shows word for word: a board member should be able to check any status by hand.

"An update" is a progress update by the owner (``ActionUpdate.kind == "update"``); a forum note is the forum's
voice, not the owner's account of progress, so it does not stop an action slipping. An action created after the
last board meeting cannot have missed it, so it is not "without an update since the last board meeting".
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from surveys.models import Action, ActionUpdate, BoardMeeting, Milestone, db
from surveys.services.platform.calendar import LONDON

NEAR_DAYS = 28  # "within four weeks": one board cycle in most areas, and the same as a month on the page
LONG_OVERDUE_DAYS = 28
CLOSED_STATUSES = ("changed", "not_taken_forward")
COLOURS = {"red": "Red", "amber": "Amber", "green": "Green", "complete": "Complete", "closed": "Closed"}

RAG_RULES = (
    "Complete: the action's status is completed.",
    "Closed: the action was changed or not taken forward, for the reason given.",
    "Red: the target date has passed.",
    f"Red: a milestone is more than {LONG_OVERDUE_DAYS} days overdue.",
    "Red: there has been no update since the last board meeting and a milestone is overdue.",
    "Amber: a milestone is overdue (its due date has passed and it is not done).",
    "Amber: there has been no update since the last board meeting.",
    f"Amber: the target date is within {NEAR_DAYS} days and milestones are still open.",
    "Green: none of the above.",
)


@dataclass(frozen=True)
class Rag:
    """An action's status on a day, with the reasons as plain sentences and the slippage behind them."""

    colour: str  # "red", "amber", "green", "complete" or "closed"
    reasons: list[str] = field(default_factory=list)
    days_past_target: int = 0
    overdue_milestones: list[Milestone] = field(default_factory=list)
    no_update_since_board: bool = False
    last_board: date | None = None

    @property
    def label(self) -> str:
        """The colour as a word on the page: "Red", "Amber", "Green", "Complete" or "Closed"."""
        return COLOURS[self.colour]


def board_dates() -> list[date]:
    """Every board meeting date, oldest first."""
    return list(db.session.scalars(select(BoardMeeting.meets_on).order_by(BoardMeeting.meets_on)))


def last_board_before(today: date, dates: list[date] | None = None) -> date | None:
    """The latest board meeting before ``today`` (from ``dates``, or the table), or None if there was none."""
    earlier = [day for day in (board_dates() if dates is None else dates) if day < today]
    return max(earlier, default=None)


def london_date(moment: datetime) -> date:
    """The date in England of a stored (UTC) moment."""
    return moment.astimezone(LONDON).date()


def last_update_on(action: Action) -> date | None:
    """The date of the owner's latest progress update (forum notes do not count), or None."""
    days = [london_date(update.created_at) for update in action.updates if update.kind == "update"]
    return max(days, default=None)


def latest_update(action: Action) -> ActionUpdate | None:
    """The owner's latest progress update, or None."""
    updates = [update for update in action.updates if update.kind == "update"]
    return max(updates, key=lambda update: (update.created_at, update.id), default=None)


def overdue_milestones(action: Action, today: date) -> list[Milestone]:
    """Milestones due before today and not done, the most overdue first."""
    overdue = [m for m in action.milestones if m.due_on is not None and m.due_on < today and m.done_on is None]
    return sorted(overdue, key=lambda milestone: milestone.due_on)


def days_past_target(action: Action, today: date) -> int:
    """Whole days since the target date, or 0 when it has not passed (or there is none)."""
    return max(0, (today - action.target_date).days) if action.target_date else 0


def missed_board(action: Action, last_board: date | None) -> bool:
    """True when the board has met since the action began and there has been no update on or after that day."""
    if last_board is None or london_date(action.created_at) > last_board:
        return False
    updated = last_update_on(action)
    return updated is None or updated < last_board


def rag_status(action: Action, today: date, board_dates: list[date]) -> Rag:
    """The action's RAG status on ``today``, given the board meeting dates."""
    if action.status == "completed":
        return Rag("complete", ["The action is completed."])
    if action.status in CLOSED_STATUSES:
        reason = f" Reason: {action.status_reason}" if action.status_reason else ""
        return Rag("closed", [f"The action was {_closed_words(action.status)}.{reason}"])
    board = last_board_before(today, board_dates)
    overdue = overdue_milestones(action, today)
    slipping = Rag("green", [], days_past_target(action, today), overdue, missed_board(action, board), board)
    red, amber = _red_reasons(slipping, today), _amber_reasons(action, slipping, today)
    colour = "red" if red else "amber" if amber else "green"
    return Rag(colour, red + amber or ["Nothing is overdue."], slipping.days_past_target, overdue,
               slipping.no_update_since_board, board)


def _closed_words(status: str) -> str:
    return "changed" if status == "changed" else "not taken forward"


def _red_reasons(slip: Rag, today: date) -> list[str]:
    reasons = []
    if slip.days_past_target:
        reasons.append(f"The target date passed {_days(slip.days_past_target)} ago.")
    long_overdue = [m for m in slip.overdue_milestones if (today - m.due_on).days > LONG_OVERDUE_DAYS]
    if long_overdue:
        reasons.append(f"{_milestones(len(long_overdue))} more than {LONG_OVERDUE_DAYS} days overdue.")
    if slip.no_update_since_board and slip.overdue_milestones:
        reasons.append("There has been no update since the last board meeting and a milestone is overdue.")
    return reasons


def _amber_reasons(action: Action, slip: Rag, today: date) -> list[str]:
    """Amber reasons not already given as red ones, so the board reads each slip once."""
    reasons = []
    recent = [m for m in slip.overdue_milestones if (today - m.due_on).days <= LONG_OVERDUE_DAYS]
    if recent:
        reasons.append(f"{_milestones(len(recent))} overdue.")
    if slip.no_update_since_board and not slip.overdue_milestones:
        reasons.append(f"There has been no update since the last board meeting on {_long(slip.last_board)}.")
    if _target_near(action, today) and any(m.done_on is None for m in action.milestones):
        days = (action.target_date - today).days
        reasons.append(f"The target date is {'today' if days == 0 else 'in ' + _days(days)}, "
                       "with milestones still open.")
    return reasons


def _target_near(action: Action, today: date) -> bool:
    return action.target_date is not None and 0 <= (action.target_date - today).days <= NEAR_DAYS


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _milestones(count: int) -> str:
    return "1 milestone is" if count == 1 else f"{count} milestones are"


def _long(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""
