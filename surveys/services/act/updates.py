"""Updates over time and notes from the parent carer forum.

An update is posted by someone who may change the action, and may change its status on the way (the same rule
as editing: "changed" and "not taken forward" need a reason). A forum note is the parent carer forum's view,
added by its representative to any action. Both keep their history and an audit log entry.
"""

from surveys.models import ActionUpdate, User, db
from surveys.models.actions import Action
from surveys.services.act import history
from surveys.services.act.actions import may_add_forum_note, require_edit, set_completed_on
from surveys.services.act.rules import body_problems, refuse_if, status_problems
from surveys.services.platform.errors import Forbidden


def update_problems(action: Action, body: str, status: str | None, reason: str) -> dict[str, str]:
    """What stops an update being posted: no text, or a status change without the reason it needs."""
    problems = body_problems(body, "body", "update")
    if status and status != action.status:
        problems = status_problems(status, reason) | problems
    return problems


def add_update(user: User, action: Action, body: str, status: str | None = None, reason: str = "") -> ActionUpdate:
    """Post an update, changing the status if ``status`` differs; history says "update posted" or "status changed"."""
    require_edit(user, action)
    refuse_if(update_problems(action, body, status, reason))
    new_status = status if status and status != action.status else None
    update = ActionUpdate(action=action, author_id=user.id, kind="update", body=body.strip(), status=new_status)
    db.session.add(update)
    changes = {"update": ["", update.body]}
    if new_status:
        changes |= _change_status(action, new_status, reason)
    history.record_change(user, action, "status changed" if new_status else "update posted", changes)
    return update


def _change_status(action: Action, status: str, reason: str) -> dict[str, list[str]]:
    before, old_status = history.snapshot(action), action.status
    action.status = status
    action.status_reason = reason.strip() if status in ("changed", "not_taken_forward") else ""
    set_completed_on(action, old_status)
    after = history.snapshot(action)
    return {name: pair for name, pair in history.differences(before, after).items()
            if name in ("status", "status_reason")}


def note_problems(body: str) -> dict[str, str]:
    """What stops a forum note being added."""
    return body_problems(body, "body", "forum's note")


def add_forum_note(user: User, action: Action, body: str) -> ActionUpdate:
    """Add the parent carer forum's note to an action; history says "forum note added"."""
    if not may_add_forum_note(user):
        raise Forbidden("Only the parent carer forum representative adds forum notes.")
    refuse_if(note_problems(body))
    note = ActionUpdate(action=action, author_id=user.id, kind="forum_note", body=body.strip())
    db.session.add(note)
    history.record_change(user, action, "forum note added", {"forum_note": ["", note.body]})
    return note
