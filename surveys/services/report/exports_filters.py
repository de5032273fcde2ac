"""Reading an export's filters from its query arguments: the same names as the page it comes from, read strictly.

A page shows what it can beside a message about a bad filter; a download cannot, so a bad value refuses the
whole export (``Invalid``, a 400 with the message) rather than quietly giving more rows than were asked for.
An empty value means "all", as the pages' "All" choices send.
"""

from collections.abc import Mapping

from surveys.services.platform.errors import Invalid
from surveys.services.report.filters import DIMENSIONS, Period, ReportFilters, parse_filters

NO_PARTNER = 0  # "none": feedback not routed to any partner


def _value(args: Mapping[str, str], name: str) -> str:
    return (args.get(name) or "").strip()


def whole_number(args: Mapping[str, str], name: str, words: str) -> int | None:
    """A positive whole number (an id), or None when not given."""
    value = _value(args, name)
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        raise Invalid(f"The {words} must be a number from the list, like {name}=3")
    return int(value)


def partner(args: Mapping[str, str], allow_none: bool = True) -> int | None:
    """The ``partner`` argument: an id, ``none`` (0: routed to no partner) where that can be, or None for all."""
    if allow_none and _value(args, "partner") == "none":
        return NO_PARTNER
    return whole_number(args, "partner", "partner")


def choice(args: Mapping[str, str], name: str, choices: Mapping[str, str] | tuple[str, ...], words: str) -> str | None:
    """One of ``choices`` (their stored values), or None when not given."""
    value = _value(args, name)
    if not value:
        return None
    if value not in choices:
        raise Invalid(f"The {words} must be one of: {', '.join(choices)}")
    return value


def text(args: Mapping[str, str], name: str) -> str | None:
    """Free text (a locality), or None when not given."""
    return _value(args, name) or None


def report_filters(args: Mapping[str, str], dimensions: Mapping[str, str] = DIMENSIONS) -> ReportFilters:
    """The report pages' ``from``, ``to`` and ``by``; any message from them refuses the export."""
    filters = parse_filters(args, dimensions)
    if filters.errors:
        raise Invalid(" ".join(f"{message}." for message in filters.errors.values()))
    return filters


def period(args: Mapping[str, str]) -> Period | None:
    """The date range ``from`` and ``to`` (``to`` alone is refused; ``from`` alone runs to today)."""
    return report_filters(args, {}).period


def given(args: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """The arguments an export reads that were given, for the audit log."""
    return {name: _value(args, name) for name in names if _value(args, name)}
