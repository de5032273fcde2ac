"""Checking the rows of an imported comments file: the text, its segments and its consent, or why a row is bad.

Segments are optional columns: locality, journey stage, need type, audience, partner (by name) and date
received. Consent to be quoted: yes, y, true or 1 means consent; anything else, or no column, means none.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Protocol

from sqlalchemy import select

from surveys.models import AUDIENCES, JOURNEY_STAGES, Partner, db, utcnow
from surveys.services.capture.invitation_upload import parse_journey_stage
from surveys.services.platform.calendar import LONDON
from surveys.services.platform.uploads import Column, Row, RowProblem, as_text, lookup, words

SEGMENTS = ("locality", "journey_stage", "need_type", "audience", "partner", "received_at")
MAX_TEXT = 20_000
TEXT_LIMITS = {"locality": ("Locality", 100), "need_type": ("Need type", 100)}
CONSENT_YES = frozenset({"yes", "y", "true", "1"})
EARLIEST = date(2000, 1, 1)
AUDIENCE_ALIASES = {
    "parent": "parent_carer", "carer": "parent_carer", "parent carer": "parent_carer",
    "parent or carer": "parent_carer", "parents": "parent_carer", "family": "parent_carer",
    "young person": "young_person", "child": "young_person", "child or young person": "young_person",
    "children and young people": "young_person", "cyp": "young_person",
    "practitioner": "practitioner", "professional": "practitioner", "professionals": "practitioner",
}
AUDIENCE_LOOKUP = lookup(AUDIENCES, AUDIENCE_ALIASES)


class Counts(Protocol):
    """Where a checker notes what it saw (the import's report)."""

    blank: int
    undated: int
    problems: list[RowProblem]


def columns_for(text_column: str, segments: dict[str, str], consent_column: str | None) -> list[Column]:
    """The columns to read: the text, each segment and the consent, by the names people gave."""
    columns = [Column("text", labels=(text_column,), required=True, purpose="the text")]
    columns += [Column(name, labels=(label,), required=True, purpose=name.replace("_", " "))
                for name, label in segments.items()]
    if consent_column:
        columns.append(Column("consent", labels=(consent_column,), required=True, purpose="consent"))
    return columns


# -- cells --------------------------------------------------------------------------------------------------


def parse_audience(value: str) -> str | None:
    """The audience key for a key, label or common name (without case), or None if unknown."""
    return AUDIENCE_LOOKUP.get(words(value))


def parse_consent(value: Any) -> bool:
    """Consent to quote: yes, y, true or 1 (or a ticked TRUE cell). Anything else is no consent."""
    if isinstance(value, bool):
        return value
    return as_text(value).lower() in CONSENT_YES


_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
_UK = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_received(value: Any) -> datetime | None:
    """When a comment was received, as an aware UTC-able datetime, or None if the value is not a date.

    2025-03-14, 14/03/2025 (always day first, as in England; also 14-03-2025 and 14.03.2025), either with a
    time, ISO datetimes with an offset, and XLSX date cells. Times without a zone are England's. A date
    without a time (or at exactly midnight, as Excel stores dates) is taken as midday in England, so that it
    stays on the same day in UTC and in local time.
    """
    moment = _moment(value)
    if moment is None or moment.tzinfo is not None:
        return moment
    if moment.time() == time(0):
        moment = moment.replace(hour=12)
    return moment.replace(tzinfo=LONDON)


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0))
    text = as_text(value)
    try:
        if _ISO.match(text):
            return datetime.fromisoformat(text)
        if match := _UK.match(text):
            day, month, year, hour, minute, second = (int(part or 0) for part in match.groups())
            return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return None


# -- rows ---------------------------------------------------------------------------------------------------


@dataclass
class GoodRow:
    """One row ready to become a comment."""

    line: int
    text: str
    values: dict[str, Any]


class RowChecker:
    """Turns a row's cells into comment values, or into the reasons the row cannot be used."""

    def __init__(self, segments: list[str]):
        self.segments = segments
        self.partners = {words(p.name): p.id for p in db.session.scalars(select(Partner))}
        self.today = utcnow().astimezone(LONDON).date()

    def check(self, row: Row, counts: Counts) -> GoodRow | None:
        """A good row, or None (the row's text was blank, or its problem is now in ``counts``)."""
        text = row.text("text")
        if not text:
            counts.blank += 1
            return None
        reasons = []
        if len(text) > MAX_TEXT:
            reasons.append(f"The text must be {MAX_TEXT:,} characters or fewer (it has {len(text):,})")
        values = self._values(row, reasons, counts)
        if reasons:
            counts.problems.append(RowProblem(row.line, ". ".join(reasons)))
            return None
        return GoodRow(row.line, text, values)

    def _values(self, row: Row, reasons: list[str], counts: Counts) -> dict[str, Any]:
        values: dict[str, Any] = {"consent_quote": parse_consent(row.values.get("consent"))}
        for name in self.segments:
            value, reason = self._segment(name, row.values.get(name))
            if reason:
                reasons.append(reason)
            elif name == "received_at" and value is None:
                counts.undated += 1
            values["partner_id" if name == "partner" else name] = value
        return values

    def _segment(self, name: str, raw: Any) -> tuple[Any, str | None]:
        value = as_text(raw)
        if not value:
            return None, None
        shown = value[:100]
        if name == "received_at":
            return self._received(raw, shown)
        if name in ("journey_stage", "audience", "partner"):
            return self._choice(name, value, shown)
        label, limit = TEXT_LIMITS[name]
        return (None, f"{label} must be {limit} characters or fewer") if len(value) > limit else (value, None)

    def _choice(self, name: str, value: str, shown: str) -> tuple[Any, str | None]:
        if name == "partner":
            partner_id = self.partners.get(words(value))
            return partner_id, None if partner_id is not None else f"There is no partner called ‘{shown}’"
        parse, choices, label = ((parse_journey_stage, JOURNEY_STAGES, "Journey stage") if name == "journey_stage"
                                 else (parse_audience, AUDIENCES, "Audience"))
        key = parse(value)
        return key, None if key is not None else f"{label} ‘{shown}’ is not one of: " + ", ".join(choices.values())

    def _received(self, raw: Any, shown: str) -> tuple[datetime | None, str | None]:
        moment = parse_received(raw)
        if moment is None:
            return None, f"Date received ‘{shown}’ is not a date like 2025-03-14 or 14/03/2025"
        day = moment.astimezone(LONDON).date()
        if day > self.today:
            return None, f"Date received ‘{shown}’ is in the future"
        if day < EARLIEST:
            return None, f"Date received ‘{shown}’ is before {EARLIEST.year}: check the column"
        return moment, None
