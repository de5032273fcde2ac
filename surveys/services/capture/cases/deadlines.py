"""Case deadlines: working days to respond at each stage, due dates, and whether a case is due soon or overdue.

Deadlines count working days in England (see ``surveys.services.platform.calendar``). The limits per stage
are ``RESPONSE_WORKING_DAYS``; an area sets its own with the app setting CASE_RESPONSE_WORKING_DAYS,
a dict merged over these defaults, read each time a deadline is worked out.

``today`` is the one place the case modules ask for the date (they call ``deadlines.today()``), so a test
that fixes the date patches ``surveys.services.capture.cases.deadlines.today`` once.
"""

from datetime import date, timedelta

from flask import current_app, has_app_context

from surveys.models import Case
from surveys.services.platform.calendar import add_working_days
from surveys.services.platform.calendar import today as _today

# Working days allowed to respond, by stage (councils commonly use these; override with CASE_RESPONSE_WORKING_DAYS).
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
CASE_STATUSES = {"open": "Open", "overdue": "Overdue", "due_soon": "Due soon", "responded": "Responded"}


def today() -> date:
    """Today in England (one place to ask, so tests and views agree)."""
    return _today()


def response_working_days() -> dict[str, int]:
    """Working days to respond at each stage: the defaults, with the app's CASE_RESPONSE_WORKING_DAYS over them."""
    limits = dict(RESPONSE_WORKING_DAYS)
    if has_app_context():
        limits.update(current_app.config.get("CASE_RESPONSE_WORKING_DAYS") or {})
    return limits


def working_days_for(stage: str) -> int:
    """Working days allowed to respond at ``stage`` (stage 1's limit for a stage we do not know)."""
    limits = response_working_days()
    return limits.get(stage, limits["stage_1"])


def due_date(received_on: date, stage: str) -> date:
    """The date a response is due for a case received on ``received_on`` at ``stage``."""
    return add_working_days(received_on, working_days_for(stage))


def default_stage(kind: str) -> str:
    """Complaints start at stage 1; compliments and comments are informal."""
    return "stage_1" if kind == "complaint" else "informal"


def due_soon_until(on: date) -> date:
    """The last day counted as "due soon" (the workspace says "in the next 5 days")."""
    return on + timedelta(days=DUE_SOON_DAYS)


def case_status(case: Case, on: date) -> str:
    """One of ``CASE_STATUSES``: responded, overdue, due soon or open."""
    if not case.is_open:
        return "responded"
    if case.is_overdue(on):
        return "overdue"
    if case.due_on is not None and case.due_on <= due_soon_until(on):
        return "due_soon"
    return "open"
