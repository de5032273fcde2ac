"""The annual "you said, we did" report for the Local Offer, built from one year's publications.

Only what was published is in it: every publication made live that year (now live or superseded) is read through
its snapshot (the publication snapshot contract: themes, their actions, changes). The year's last publication gives the
final state of each theme and its actions; every publication's "changes" are counted for what changed across the
year. Counts of people are the snapshot's suppression texts, never recounted.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from surveys.models import Publication, db
from surveys.services.platform.errors import Invalid
from surveys.services.report.filters import Period

PUBLISHED = ("live", "superseded")
CHANGE_KINDS = {
    "new_theme": "New themes",
    "new_action": "New actions",
    "status_changed": "Changes of an action's status",
    "updated": "Progress updates",
}
FIRST_YEAR, LAST_YEAR = 2000, 2999


@dataclass(frozen=True)
class AnnualReport:
    """One year's publications, the final state of the tracker that year and what changed across it."""

    year: int
    publications: list[Publication]
    themes: list[dict[str, Any]] = field(default_factory=list)
    changes: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def period(self) -> Period:
        """The calendar year."""
        return Period(date(self.year, 1, 1), date(self.year, 12, 31))

    @property
    def latest(self) -> Publication | None:
        """The year's last publication: the final state."""
        return self.publications[-1] if self.publications else None

    @property
    def action_count(self) -> int:
        """How many actions the final state has."""
        return sum(len(theme.get("actions", [])) for theme in self.themes)


def parse_year(value: str | None, default: int) -> int:
    """The year asked for by ``?year=``, or ``default``; Invalid for anything that is not a year."""
    if not value:
        return default
    value = value.strip()
    if not (value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR):
        raise Invalid("Enter a year as four digits, like 2026.")
    return int(value)


def year_publications(year: int) -> list[Publication]:
    """The publications made live in ``year`` (in England's time), oldest first."""
    first, after = Period(date(year, 1, 1), date(year, 12, 31)).bounds()
    query = (select(Publication).where(Publication.status.in_(PUBLISHED), Publication.published_at >= first,
                                       Publication.published_at < after)
             .order_by(Publication.published_at, Publication.version))
    return list(db.session.scalars(query))


def annual_report(year: int) -> AnnualReport:
    """The annual report for ``year``; with no publications that year, an empty one."""
    publications = year_publications(year)
    if not publications:
        return AnnualReport(year, [])
    themes = [_with_dates(theme) for theme in publications[-1].snapshot.get("themes", [])]
    return AnnualReport(year, publications, themes, count_changes(publications), count_statuses(themes))


def _with_dates(theme: dict[str, Any]) -> dict[str, Any]:
    """A snapshot theme whose actions' update dates (ISO text in the snapshot) are dates, for ``local_date``."""
    return {**theme, "actions": [_update_dated(action) for action in theme.get("actions", [])]}


def _update_dated(action: dict[str, Any]) -> dict[str, Any]:
    update = action.get("latest_update")
    if not update or not update.get("date"):
        return action
    return {**action, "latest_update": {**update, "date": date.fromisoformat(update["date"][:10])}}


def count_changes(publications: list[Publication]) -> dict[str, int]:
    """How many of each kind of change the year's publications made, in CHANGE_KINDS order, by its label."""
    found = Counter(change.get("kind") for publication in publications
                    for change in publication.snapshot.get("changes", []))
    return {label: found.get(kind, 0) for kind, label in CHANGE_KINDS.items()}


def count_statuses(themes: list[dict[str, Any]]) -> dict[str, int]:
    """How many actions end the year in each status (by its label), the most common first."""
    found = Counter(action.get("status_label") or action.get("status", "")
                    for theme in themes for action in theme.get("actions", []))
    return dict(found.most_common())
