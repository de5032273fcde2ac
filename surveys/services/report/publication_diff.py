"""What changed between two snapshots: for staff (two versions side by side) and for the Atom feed ("changes").

Entries are compared by their words (``entries.fingerprint``), so a count that moved is not a change; an action's
status is compared on its own, since that is the news families wait for.
"""

from dataclasses import dataclass, field

from surveys.services.report.easy_read import first_sentence
from surveys.services.report.entries import fingerprint


@dataclass
class Diff:
    """Titles of what was added, removed or changed, themes and actions apart."""

    added_themes: list[str] = field(default_factory=list)
    removed_themes: list[str] = field(default_factory=list)
    changed_themes: list[str] = field(default_factory=list)
    added_actions: list[str] = field(default_factory=list)
    removed_actions: list[str] = field(default_factory=list)
    changed_actions: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the two versions say the same things."""
        return not any(vars(self).values())


def _themes(snapshot: dict | None) -> dict[int, dict]:
    return {theme["id"]: theme for theme in (snapshot or {}).get("themes", [])}


def _actions(snapshot: dict | None) -> dict[int, tuple[int, dict]]:
    """Each action once (an action under two themes is one action), with the first theme it is under."""
    found: dict[int, tuple[int, dict]] = {}
    for theme in (snapshot or {}).get("themes", []):
        for action in theme.get("actions", []):
            found.setdefault(action["id"], (theme["id"], action))
    return found


def diff(old: dict | None, new: dict | None) -> Diff:
    """What ``new`` adds, removes and changes compared with ``old``."""
    result = Diff()
    old_themes, new_themes = _themes(old), _themes(new)
    result.added_themes = [t["title"] for i, t in new_themes.items() if i not in old_themes]
    result.removed_themes = [t["title"] for i, t in old_themes.items() if i not in new_themes]
    result.changed_themes = [t["title"] for i, t in new_themes.items()
                             if i in old_themes and fingerprint("theme", t) != fingerprint("theme", old_themes[i])]
    old_actions, new_actions = _actions(old), _actions(new)
    result.added_actions = [a["title"] for i, (_, a) in new_actions.items() if i not in old_actions]
    result.removed_actions = [a["title"] for i, (_, a) in old_actions.items() if i not in new_actions]
    result.changed_actions = [a["title"] for i, (_, a) in new_actions.items()
                              if i in old_actions and fingerprint("action", a) != fingerprint("action",
                                                                                               old_actions[i][1])]
    return result


def changes(old: dict | None, new: dict) -> list[dict]:
    """The "changes" of a snapshot: what is new or different since ``old`` (the previous live one), for the feed."""
    found = []
    old_themes, old_actions = _themes(old), _actions(old)
    for theme_id, theme in _themes(new).items():
        if theme_id not in old_themes:
            found.append(_change("new_theme", theme_id, None, theme["title"],
                                 f"New on the tracker: what families told us about ‘{theme['title']}’."))
        elif fingerprint("theme", theme) != fingerprint("theme", old_themes[theme_id]):
            found.append(_change("updated", theme_id, None, theme["title"],
                                 f"We updated what families told us about ‘{theme['title']}’."))
    for action_id, (theme_id, action) in _actions(new).items():
        found += _action_changes(theme_id, action, old_actions.get(action_id))
    return found


def _action_changes(theme_id: int, action: dict, before: tuple[int, dict] | None) -> list[dict]:
    title = action["title"]
    if before is None:
        return [_change("new_action", theme_id, action["id"], title,
                        f"New action by {action['partner'] or 'the partnership'}: {title}.")]
    old = before[1]
    if old["status"] != action["status"]:
        return [_change("status_changed", theme_id, action["id"], title,
                        f"‘{title}’ is now {action['status_label'].lower()} "
                        f"(it was {old['status_label'].lower()}).")]
    if fingerprint("action", old) != fingerprint("action", action):
        latest = action.get("latest_update") or {}
        news = latest != (old.get("latest_update") or {}) and latest.get("text")
        text = first_sentence(latest["text"]) if news else f"We updated what ‘{title}’ means for families."
        return [_change("updated", theme_id, action["id"], title, text)]
    return []


def _change(kind: str, theme_id: int, action_id: int | None, title: str, text: str) -> dict:
    return {"kind": kind, "theme_id": theme_id, "action_id": action_id, "title": title, "text": text}
