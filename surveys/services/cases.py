"""Compliments, comments and complaints: references, deadlines and workload."""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from surveys.models import Case, User, db
from surveys.services.calendar import add_working_days
from surveys.services.calendar import today as _today
from surveys.services.scoping import scoped

# Working days allowed to respond, by stage (councils commonly use these; set per area in future).
RESPONSE_WORKING_DAYS = {
    "informal": 10,
    "stage_1": 20,
    "stage_2": 25,
    "ombudsman": 20,
    "mediation": 15,
    "tribunal": 20,
}
ACKNOWLEDGE_WORKING_DAYS = 3
DUE_SOON_DAYS = 5


def today() -> date:
    """Today in England (one place to ask, so tests and views agree)."""
    return _today()


def due_date(received_on: date, stage: str) -> date:
    """The date a response is due for a case received on ``received_on`` at ``stage``."""
    return add_working_days(received_on, RESPONSE_WORKING_DAYS.get(stage, RESPONSE_WORKING_DAYS["stage_1"]))


def new_reference(prefix: str = "YS") -> str:
    """A short reference people can read out on the phone: no 0/O or 1/I."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return prefix + "-" + "".join(secrets.choice(alphabet) for _ in range(6))


@dataclass(frozen=True)
class Workload:
    """Counts for the workspace home."""

    open_cases: int
    overdue: int
    due_soon: int


def list_cases(user: User) -> list[Case]:
    """Cases the user may see, newest first."""
    query = scoped(select(Case), Case, user).order_by(Case.received_on.desc(), Case.id.desc())
    return list(db.session.scalars(query))


def workload(user: User, on: date | None = None) -> Workload:
    """Open, overdue and due-soon cases the user may see."""
    on = on or today()
    base = scoped(select(func.count(Case.id)), Case, user).where(Case.responded_on.is_(None))
    return Workload(
        open_cases=db.session.scalar(base) or 0,
        overdue=db.session.scalar(base.where(Case.due_on < on)) or 0,
        due_soon=db.session.scalar(
            base.where(Case.due_on >= on, Case.due_on <= on + timedelta(days=DUE_SOON_DAYS))
        ) or 0,
    )
