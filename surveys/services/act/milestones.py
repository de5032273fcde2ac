"""Milestones: the dated steps of an action. Adding, editing and marking one done each keep their history."""

from datetime import date

from surveys.formatters import local_date
from surveys.models import Milestone, User, db
from surveys.models.actions import Action
from surveys.services.act import history
from surveys.services.act.actions import get_action, require_edit
from surveys.services.act.rules import done_problems, milestone_problems, refuse_if
from surveys.services.platform import calendar
from surveys.services.platform.errors import NotFound


def get_milestone(user: User, action_id: int, milestone_id: int) -> Milestone:
    """A milestone of an action the person may see; otherwise ``NotFound``."""
    action = get_action(user, action_id)
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None or milestone.action_id != action.id:
        raise NotFound()
    return milestone


def add_milestone(user: User, action: Action, title: str, due_on: date | None) -> Milestone:
    """Add a step with its due date; history says "milestone added"."""
    require_edit(user, action)
    refuse_if(milestone_problems(title, due_on))
    milestone = Milestone(action=action, title=title.strip(), due_on=due_on)
    db.session.add(milestone)
    history.record_change(user, action, "milestone added",
                          {"milestone": ["", milestone.title], "milestone_due": ["", local_date(due_on)]})
    return milestone


def _texts(milestone: Milestone) -> dict[str, str]:
    return {"milestone": milestone.title, "milestone_due": local_date(milestone.due_on),
            "milestone_done": local_date(milestone.done_on)}


def edit_milestone(user: User, milestone: Milestone, title: str, due_on: date | None) -> dict[str, list[str]]:
    """Rename a step or move its due date; history says "milestone edited" with the old and new values."""
    require_edit(user, milestone.action)
    refuse_if(milestone_problems(title, due_on))
    before = _texts(milestone)
    milestone.title, milestone.due_on = title.strip(), due_on
    changes = history.differences(before, _texts(milestone))
    if changes:
        changes.setdefault("milestone", [milestone.title, milestone.title])  # say which milestone
        history.record_change(user, milestone.action, "milestone edited", changes)
    return changes


def mark_done(user: User, milestone: Milestone, done_on: date | None) -> None:
    """Record the day a step was done; history says "milestone done"."""
    require_edit(user, milestone.action)
    refuse_if(done_problems(done_on, calendar.today()))
    before = local_date(milestone.done_on)
    milestone.done_on = done_on
    history.record_change(user, milestone.action, "milestone done",
                          {"milestone": [milestone.title, milestone.title],
                           "milestone_done": [before, local_date(done_on)]})
