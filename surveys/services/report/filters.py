"""Report filters from GET arguments: a date range, the period before it, and what to break results down by.

Bad values never raise: each gives a message for the error summary and the filter is left out, so the page
still shows something useful beside the message.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from surveys.services.platform.calendar import LONDON

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
# What results can be broken down by; every one is a column of a response (partner through its name).
DIMENSIONS = {
    "locality": "Locality",
    "journey_stage": "Journey stage",
    "need_type": "Need type",
    "partner": "Partner",
}


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included, in England's time."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length that ends the day before this one starts."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def bounds(self) -> tuple[datetime, datetime]:
        """The first instant of ``start`` and the first instant after ``end``, in UTC, for stored times."""
        first = datetime.combine(self.start, time(), tzinfo=LONDON).astimezone(UTC)
        after = datetime.combine(self.end + timedelta(days=1), time(), tzinfo=LONDON).astimezone(UTC)
        return first, after

    @property
    def label(self) -> str:
        """The period as people write it: 1 March 2026 to 31 March 2026."""
        return f"{_long(self.start)} to {_long(self.end)}"


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class ReportFilters:
    """A date range (or None for all time), a breakdown (or None), and messages about what could not be used."""

    period: Period | None = None
    by: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)  # what was typed, to show back in the form


def parse_date(value: str) -> date | None:
    """A date typed as 2026-03-31 or 31/03/2026, or None."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _dates(args: Mapping[str, str], errors: dict[str, str]) -> Period | None:
    typed = {name: (args.get(name) or "").strip() for name in ("from", "to")}
    dates = {name: parse_date(value) for name, value in typed.items() if value}
    for name, words in (("from", "start"), ("to", "end")):
        if typed[name] and dates[name] is None:
            errors[name] = f"Enter the {words} date as a real date, like 2026-03-31"
    if errors or not dates:
        return None
    if "from" not in dates:
        errors["from"] = "Enter a start date, or clear the end date"
        return None
    end = dates.get("to") or max(dates["from"], datetime.now(LONDON).date())
    if end < dates["from"]:
        errors["to"] = "The end date must be the same as or after the start date"
        return None
    return Period(dates["from"], end)


def parse_filters(args: Mapping[str, str], dimensions: Mapping[str, str] = DIMENSIONS) -> ReportFilters:
    """The filters in a page's GET arguments ``from``, ``to`` and ``by``, with a message for each bad one."""
    errors: dict[str, str] = {}
    period = _dates(args, errors)
    by = (args.get("by") or "").strip() or None
    if by is not None and by not in dimensions:
        errors["by"] = "Select what to break the results down by from the list"
        by = None
    values = {name: (args.get(name) or "").strip() for name in ("from", "to", "by")}
    return ReportFilters(period, by, errors, values)
