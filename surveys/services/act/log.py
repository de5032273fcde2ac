"""The action and impact log: one row per action the person may see, with its RAG status, slippage, latest
update and impact measure; and the same rows as plain-text columns for the CSV and XLSX exports.

The page and the exports read the same ``log_rows`` with the same filters, so what is downloaded is what was shown.
Every count in a row comes from ``impact`` (suppressed there); the rest are dates, words and days.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from surveys.models import ACTION_STATUSES, Action, ActionUpdate, Partner, User, db
from surveys.services.act.impact import Impact, Period, impacts
from surveys.services.act.rag import COLOURS, Rag, board_dates, latest_update, london_date, rag_status
from surveys.services.platform.scoping import scoped

RAG_ORDER = ("red", "amber", "green", "complete", "closed")  # the most urgent first


@dataclass(frozen=True)
class LogFilters:
    """What the log is narrowed to; None means every one. Built from GET query arguments."""

    partner_id: int | None = None
    status: str | None = None
    rag: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "LogFilters":
        """Read ``partner``, ``status`` and ``rag``; a value that is not one of the choices is left out."""
        partner = (args.get("partner") or "").strip()
        status, rag = args.get("status") or "", args.get("rag") or ""
        return cls(int(partner) if partner.isascii() and partner.isdigit() else None,
                   status if status in ACTION_STATUSES else None, rag if rag in COLOURS else None)

    def query_args(self) -> dict[str, str]:
        """The filters as query arguments, for links (the exports) that keep them."""
        values = {"partner": self.partner_id, "status": self.status, "rag": self.rag}
        return {name: str(value) for name, value in values.items() if value is not None}


@dataclass(frozen=True)
class LogRow:
    """One action in the log."""

    action: Action
    rag: Rag
    latest_update: ActionUpdate | None
    impact: Impact | None

    @property
    def updated_on(self) -> date | None:
        """The day in England of the latest update."""
        return london_date(self.latest_update.created_at) if self.latest_update else None


def log_rows(user: User, filters: LogFilters, today: date) -> list[LogRow]:
    """The actions ``user`` may see, narrowed by ``filters``, the most urgent first, then by target date."""
    boards = board_dates()
    actions = _actions(user, filters)
    measured = impacts(actions, today)
    rows = [LogRow(action, rag_status(action, today, boards), latest_update(action), measured[action.id])
            for action in actions]
    rows = [row for row in rows if filters.rag in (None, row.rag.colour)]
    return sorted(rows, key=lambda row: (RAG_ORDER.index(row.rag.colour), row.action.target_date or date.max,
                                         row.action.title.lower(), row.action.id))


def _actions(user: User, filters: LogFilters) -> list[Action]:
    query = scoped(select(Action), Action, user).options(
        selectinload(Action.milestones), selectinload(Action.updates), selectinload(Action.partner))
    if filters.partner_id is not None:
        query = query.where(Action.partner_id == filters.partner_id)
    if filters.status is not None:
        query = query.where(Action.status == filters.status)
    return list(db.session.scalars(query))


def partner_choices(user: User) -> list[Partner]:
    """The partners the log can be filtered by: those whose actions the person may see."""
    owners = scoped(select(Action.partner_id), Action, user)
    return list(db.session.scalars(select(Partner).where(Partner.id.in_(owners)).order_by(Partner.name)))


# --- As plain text, for the exports -------------------------------------------------------------------------


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _overdue(row: LogRow) -> str:
    return "; ".join(f"{m.title} (due {_day(m.due_on)})" for m in row.rag.overdue_milestones)


def _period_dates(period: Period | None) -> str:
    if period is None:
        return ""
    return f"{_day(period.start)} to {_day(period.end)}" if period.started else f"from {_day(period.start)}"


def _figure(row: LogRow, name: str) -> str:
    return row.impact.figure(getattr(row.impact, name)) if row.impact else ""


def _counts(period: Period | None) -> str:
    return period.text if period is not None else ""


def _side(row: LogRow, name: str) -> Period | None:
    return getattr(row.impact, name) if row.impact else None


COLUMN = Callable[[LogRow], str]
LOG_COLUMNS: tuple[tuple[str, COLUMN], ...] = (
    ("Action", lambda row: row.action.title),
    ("Owner", lambda row: row.action.partner.name),
    ("Status", lambda row: ACTION_STATUSES.get(row.action.status, row.action.status)),
    ("RAG status", lambda row: row.rag.label),
    ("Why", lambda row: " ".join(row.rag.reasons)),
    ("Start date", lambda row: _day(row.action.start_date)),
    ("Target date", lambda row: _day(row.action.target_date)),
    ("Days past target", lambda row: str(row.rag.days_past_target)),
    ("Overdue milestones", _overdue),
    ("No update since the last board meeting", lambda row: "Yes" if row.rag.no_update_since_board else "No"),
    ("Latest update date", lambda row: _day(row.updated_on)),
    ("Latest update", lambda row: row.latest_update.body if row.latest_update else ""),
    ("Impact measure", lambda row: row.impact.label if row.impact else ""),
    ("Before: dates", lambda row: _period_dates(_side(row, "before"))),
    ("Before", lambda row: _figure(row, "before")),
    ("Before: counts", lambda row: _counts(_side(row, "before"))),
    ("After: dates", lambda row: _period_dates(_side(row, "after"))),
    ("After", lambda row: _figure(row, "after")),
    ("After: counts", lambda row: _counts(_side(row, "after"))),
    ("Change", lambda row: row.impact.change_text if row.impact else ""),
)
