"""Dates and times as people in England read them, in GOV.UK style.

Times are stored in UTC; people live in Europe/London. Everything shown or exported goes through
here, so a comment made at 11:30pm on a summer night is not dated the next morning's day before.
Plain dates (a due date, a date received) are calendar days already and are never shifted.
"""

from datetime import date, datetime

from surveys.services.platform.calendar import LONDON


def in_london(moment: datetime) -> datetime:
    """The same moment on a London clock; a time without a zone is refused, as the database refuses it."""
    if moment.tzinfo is None:
        raise ValueError("a time to show needs its zone (stored times are aware UTC)")
    return moment.astimezone(LONDON)


def local_date(value: date | datetime | None, short: bool = False) -> str:
    """A day like "14 July 2026" (or "14 Jul 2026" where space is short); a time becomes its London day."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = in_london(value).date()
    return f"{value.day} {value:%b %Y}" if short else f"{value.day} {value:%B %Y}"


def local_time(moment: datetime) -> str:
    """A clock time like "2:15pm", "midnight" or "midday", in London time."""
    local = in_london(moment)
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    return f"{local.hour % 12 or 12}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"


def local_datetime(moment: datetime | None) -> str:
    """A moment like "14 July 2026 at 12:30am", in London time."""
    if moment is None:
        return ""
    return f"{local_date(moment)} at {local_time(moment)}"
