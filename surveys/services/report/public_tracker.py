"""What the public pages read from a publication's snapshot: which version, which themes, the JSON and CSV rows.

The snapshot (see the contract in ``Publication.snapshot``) is already public and already suppressed: counts are
suppression texts ("fewer than 5"), quotes are consented and redacted. So nothing here counts or reads comments;
a filter only chooses which themes and which of the snapshot's own counts to show, and never adds counts up
(the number of parents in the North is not in the snapshot, so no page shows it).
"""

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from surveys.models import Publication, db
from surveys.services.platform.errors import NotFound
from surveys.services.report.exports_columns import cell_value

AUDIENCE_NAMES = {"parent_carer": "Parents and carers", "young_person": "Young people",
                  "practitioner": "Practitioners"}
SHOWN_VERSIONS = ("live", "superseded")  # versions that were public once; building and failed ones never were
FEED_VERSIONS = 5
QUOTES = 3


def publication(version: int | None = None) -> Publication | None:
    """The live publication, or (with ``version``) one that has been public; NotFound for any other version."""
    if version is None:
        query = select(Publication).where(Publication.status == "live").order_by(Publication.version.desc())
        return db.session.scalar(query)
    found = db.session.scalar(select(Publication).where(Publication.version == version))
    if found is None or found.status not in SHOWN_VERSIONS or found.published_at is None:
        raise NotFound("There is no such version of the tracker.")
    return found


def recent_publications(live: Publication, limit: int = FEED_VERSIONS) -> list[Publication]:
    """The live version and those public before it, newest first (the feed's entries come from these).

    After a rollback, versions later than the live one are left out: the feed follows what the public sees now."""
    query = (select(Publication).where(Publication.status.in_(SHOWN_VERSIONS), Publication.published_at.is_not(None),
                                       Publication.version <= live.version)
             .order_by(Publication.version.desc()).limit(limit))
    return list(db.session.scalars(query))


def next_publication_date() -> date | datetime | None:
    """When the next version is due, only if staff have set a schedule; None when nothing is scheduled.

    The schedule lives in ``surveys.services.report.schedule``; without it (or without a schedule set) the
    pages say nothing about a next date rather than promise one that nothing keeps."""
    try:
        schedule = importlib.import_module("surveys.services.report.schedule")
    except ModuleNotFoundError:
        return None
    return schedule.next_publication_date()


@dataclass(frozen=True)
class Filters:
    """The audience and locality a reader chose; unknown values are ignored rather than refused."""

    audience: str = ""
    locality: str = ""

    @classmethod
    def read(cls, args, snapshot: dict) -> "Filters":
        """The filters in a query string, kept only when the snapshot has such an audience or locality."""
        audience, locality = args.get("audience", ""), args.get("locality", "")
        return cls(audience if audience in audiences(snapshot) else "",
                   locality if locality in localities(snapshot) else "")

    @property
    def active(self) -> bool:
        return bool(self.audience or self.locality)


def audiences(snapshot: dict) -> list[str]:
    """The audiences any theme was raised by, in a fixed order."""
    found = {a for theme in snapshot.get("themes", []) for a in theme.get("audiences", [])}
    return sorted(found, key=lambda a: (list(AUDIENCE_NAMES).index(a) if a in AUDIENCE_NAMES else 99, a))


def localities(snapshot: dict) -> list[str]:
    """The localities any theme was raised in, alphabetically."""
    return sorted({loc for theme in snapshot.get("themes", []) for loc in theme.get("localities", [])})


def chosen_themes(snapshot: dict, filters: Filters) -> list[dict]:
    """The snapshot's themes raised by the chosen audience and in the chosen locality, in the snapshot's order."""
    return [theme for theme in snapshot.get("themes", [])
            if (not filters.audience or filters.audience in theme.get("audiences", []))
            and (not filters.locality or filters.locality in theme.get("localities", []))]


def people_rows(theme: dict, filters: Filters) -> list[tuple[str, str]]:
    """(who, the snapshot's count text) to show for a theme: every audience, or only what the filters chose."""
    people = theme.get("people", {})
    by_audience, by_locality = people.get("by_audience", {}), people.get("by_locality", {})
    rows = [("Everyone", people.get("total", "not shown"))]
    chosen = [filters.audience] if filters.audience else list(by_audience)
    rows += [(AUDIENCE_NAMES.get(a, a), by_audience[a]) for a in chosen if a in by_audience]
    if filters.locality and filters.locality in by_locality:
        rows.append((f"In {filters.locality}", by_locality[filters.locality]))
    return rows


def public_content(item: Publication) -> dict[str, Any]:
    """The JSON document of one version: only the fields the contract names, so nothing else ever leaks out."""
    snapshot = item.snapshot
    return {"version": item.version, "published_at": _iso(item.published_at), "area": snapshot.get("area", ""),
            "themes": [_public_theme(theme) for theme in snapshot.get("themes", [])],
            "changes": [_pick(change, CHANGE_KEYS) for change in snapshot.get("changes", [])]}


THEME_KEYS = ("id", "title", "summary", "audiences", "localities", "quotes", "coproduced")
ACTION_KEYS = ("id", "title", "partner", "status", "status_label", "what_this_means", "for_the_future")
CHANGE_KEYS = ("kind", "theme_id", "action_id", "title", "text")


def _public_theme(theme: dict) -> dict:
    people = theme.get("people", {})
    return {**_pick(theme, THEME_KEYS),
            "easy_read": _pick(theme.get("easy_read") or {}, ("title", "summary", "symbol")),
            "people": {"total": people.get("total", "not shown"), "by_audience": people.get("by_audience", {}),
                       "by_locality": people.get("by_locality", {})},
            "actions": [_public_action(action) for action in theme.get("actions", [])]}


def _public_action(action: dict) -> dict:
    update = action.get("latest_update")
    return {**_pick(action, ACTION_KEYS),
            "latest_update": _pick(update, ("date", "text")) if update else None,
            "easy_read": _pick(action.get("easy_read") or {}, ("title", "what_this_means"))}


def _pick(source: dict, keys: Iterable[str]) -> dict:
    return {key: source.get(key) for key in keys}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


CSV_HEADERS = ["Version", "Theme id", "Theme", "What families told us", "People", "By audience", "By locality",
               "Quote 1", "Quote 2", "Quote 3", "Co-produced with the parent carer forum", "Action id", "Action",
               "Partner", "Status", "Latest update date", "Latest update", "What this means for families",
               "For the future"]


def csv_rows(item: Publication) -> Iterable[list]:
    """One row per theme and action (a theme with no action yet has one row with empty action cells), safe cells."""
    for theme in item.snapshot.get("themes", []):
        for action in theme.get("actions") or [None]:
            yield [cell_value(value) for value in [item.version, *_theme_cells(theme), *_action_cells(action)]]


def _theme_cells(theme: dict) -> list:
    people = theme.get("people", {})
    return [theme.get("id"), theme.get("title"), theme.get("summary"), people.get("total"),
            _pairs(people.get("by_audience", {}), AUDIENCE_NAMES), _pairs(people.get("by_locality", {}), {}),
            *(list(theme.get("quotes", []))[:QUOTES] + [None] * QUOTES)[:QUOTES], bool(theme.get("coproduced"))]


def _action_cells(action: dict | None) -> list:
    if action is None:
        return [None] * 8
    update = action.get("latest_update") or {}
    return [action.get("id"), action.get("title"), action.get("partner"), action.get("status_label"),
            update.get("date"), update.get("text"), action.get("what_this_means"), action.get("for_the_future")]


def _pairs(counts: dict, names: dict) -> str:
    return "; ".join(f"{names.get(key, key)}: {text}" for key, text in counts.items())
