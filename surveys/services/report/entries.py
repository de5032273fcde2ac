"""Tracker entries: the words of a theme or an action exactly as they would be published, and their fingerprint.

The sign-off (``sign_off``), the snapshot (``snapshot``) and the gate (``publication_gate``) all read an entry
through these functions, so what a partnership lead and a forum representative approve is, word for word, what is
published. Counts are not part of an entry's words: they change with every new comment and need no approval.
"""

import hashlib
import json

from sqlalchemy import select

from surveys.formatters import in_london
from surveys.models import ACTION_STATUSES, Action, ActionUpdate, Theme, db

THEME_FIELDS = ("id", "title", "summary", "quotes")
ACTION_FIELDS = ("id", "title", "partner", "status", "latest_update", "what_this_means", "for_the_future")


def theme_content(theme: Theme, quotes: list[str]) -> dict:
    """The words of a theme entry: its title, what families told us, and the quotes that passed the gate."""
    return {"id": theme.id, "title": theme.label, "summary": theme_summary(theme), "quotes": list(quotes)}


def theme_summary(theme: Theme) -> str:
    """What families told us: the theme's description, or what it means for families when it has none."""
    return (theme.description or theme.what_this_means or "").strip()


def action_content(action: Action, latest=...) -> dict:
    """The words of an action entry, its latest public update included (read when not given)."""
    latest = latest_update(action) if latest is ... else latest
    return {
        "id": action.id, "title": action.title, "partner": action.partner.name if action.partner else "",
        "status": action.status, "status_label": ACTION_STATUSES.get(action.status, action.status),
        "latest_update": _update_entry(latest), "what_this_means": (action.what_this_means or "").strip(),
        "for_the_future": (action.for_the_future or "").strip(),
    }


def latest_update(action: Action) -> ActionUpdate | None:
    """The action's latest progress update from its owner (forum notes are for staff, not the tracker)."""
    query = (select(ActionUpdate).where(ActionUpdate.action_id == action.id, ActionUpdate.kind == "update")
             .order_by(ActionUpdate.created_at.desc(), ActionUpdate.id.desc()).limit(1))
    return db.session.scalar(query)


def latest_updates(actions: list[Action]) -> dict[int, ActionUpdate]:
    """The latest progress update of each of these actions, by action id, in one query."""
    if not actions:
        return {}
    query = (select(ActionUpdate).where(ActionUpdate.action_id.in_([a.id for a in actions]),
                                        ActionUpdate.kind == "update")
             .order_by(ActionUpdate.created_at, ActionUpdate.id))
    return {update.action_id: update for update in db.session.scalars(query)}


def _update_entry(update: ActionUpdate | None) -> dict | None:
    if update is None:
        return None
    return {"date": in_london(update.created_at).date().isoformat(), "text": update.body.strip()}


def fingerprint(kind: str, entry: dict) -> str:
    """A hash of the fields of an entry that would be published: the same words give the same fingerprint."""
    fields = THEME_FIELDS if kind == "theme" else ACTION_FIELDS
    words = json.dumps({name: entry.get(name) for name in fields}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{kind}:{words}".encode()).hexdigest()
