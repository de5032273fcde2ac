"""Actions ("we did"): who may see and change them, the list with its filters, and creating and editing one.

Who may do what:
- the co-production lead and admins see and change every action;
- a partner lead sees, creates and changes only their own partner's actions (another partner's id is not found);
- the parent carer forum representative reads every action and adds forum notes (``updates.add_forum_note``);
- analysts, viewers, complaints officers and safeguarding leads read every action.

Every change goes through ``history.record_change``, so each one keeps its history and its audit log entry.
"""

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from surveys.models import Action, Theme, User, action_theme, db
from surveys.services.act import history
from surveys.services.act.rag import Rag, board_dates, rag_status
from surveys.services.act.rules import ActionData, action_problems, refuse_if
from surveys.services.platform import calendar
from surveys.services.platform.accounts import PARTNER_SCOPED_ROLES
from surveys.services.platform.errors import Forbidden
from surveys.services.platform.scoping import get_scoped, scoped

EDIT_ROLES = ("coproduction_lead", "partner_lead")
NOTE_ROLES = ("pcf_rep",)
READ_ROLES = (*EDIT_ROLES, *NOTE_ROLES, "analyst", "viewer", "complaints_officer", "safeguarding_lead")
EVERY_PARTNER_ROLES = ("admin", "coproduction_lead")
PLAIN_FIELDS = ("title", "description", "status", "status_reason", "start_date", "target_date", "what_this_means",
                "for_the_future", "public", "impact_survey_id", "impact_theme_id", "impact_window_days")


@dataclass(frozen=True)
class ActionFilters:
    """What the list of actions is narrowed to; None means any."""

    partner_id: int | None = None
    status: str | None = None
    theme_id: int | None = None
    rag: str | None = None  # a colour from ``rag.COLOURS``


def may_create(user: User) -> bool:
    """Whether the person may start an action (a partner lead needs a partner to own it)."""
    if user.role in EVERY_PARTNER_ROLES:
        return True
    return user.role == "partner_lead" and user.partner_id is not None


def may_edit(user: User, action: Action) -> bool:
    """Whether the person may change this action, its milestones and its updates."""
    if user.role in EVERY_PARTNER_ROLES:
        return True
    return user.role == "partner_lead" and user.partner_id is not None and action.partner_id == user.partner_id


def may_add_forum_note(user: User) -> bool:
    """Whether the person speaks for the parent carer forum (admins may too)."""
    return user.role == "admin" or user.role in NOTE_ROLES


def require_edit(user: User, action: Action) -> None:
    """Refuse (``Forbidden``) anyone who may not change this action."""
    if not may_edit(user, action):
        raise Forbidden("You can read this action but not change it.")


def visible_actions(user: User, filters: ActionFilters | None = None) -> list[Action]:
    """The actions this person may see, narrowed by ``filters``, the nearest target date first."""
    filters = filters or ActionFilters()
    query = scoped(select(Action), Action, user).options(
        selectinload(Action.themes), selectinload(Action.partner), selectinload(Action.lead)
    )
    if filters.partner_id is not None:
        query = query.where(Action.partner_id == filters.partner_id)
    if filters.status is not None:
        query = query.where(Action.status == filters.status)
    if filters.theme_id is not None:
        query = query.where(Action.id.in_(select(action_theme.c.action_id)
                                          .where(action_theme.c.theme_id == filters.theme_id)))
    query = query.order_by(Action.target_date.is_(None), Action.target_date, Action.id)
    return list(db.session.scalars(query))


def actions_with_rag(user: User, filters: ActionFilters, today: date) -> list[tuple[Action, Rag]]:
    """The visible actions with their RAG status on ``today``, narrowed to one colour when the filters say so."""
    meetings = board_dates()
    listed = [(action, rag_status(action, today, meetings)) for action in visible_actions(user, filters)]
    return [(action, rag) for action, rag in listed if filters.rag is None or rag.colour == filters.rag]


def get_action(user: User, action_id: int) -> Action:
    """The action with this id if the person may see it; otherwise ``NotFound``."""
    return get_scoped(Action, action_id, user)


def data_of(action: Action) -> ActionData:
    """An action's current values, for a form to start from."""
    values = {name.name: getattr(action, name.name) for name in fields(ActionData)
              if name.name not in ("theme_ids", "impact_kind", "impact_question_key")}
    return ActionData(**values, theme_ids=[theme.id for theme in action.themes],
                      impact_kind=action.impact_kind or "", impact_question_key=action.impact_question_key or "")


def _as_data(data) -> ActionData:
    return data if isinstance(data, ActionData) else ActionData(**data)


def _owned(user: User, data: ActionData) -> ActionData:
    """A partner lead's actions always belong to their own partner, whatever was sent."""
    if user.role in PARTNER_SCOPED_ROLES:
        data.partner_id = user.partner_id
    return data


def _apply(action: Action, data: ActionData) -> None:
    """Set the action's fields from ``data`` (checked already); an impact measure keeps only what it needs."""
    for name in PLAIN_FIELDS:
        setattr(action, name, getattr(data, name))
    action.title = data.title.strip()
    action.partner_id, action.lead_id = data.partner_id, data.lead_id
    action.themes = list(db.session.scalars(select(Theme).where(Theme.id.in_(data.theme_ids)).order_by(Theme.label)))
    kind = data.impact_kind or None
    action.impact_kind = kind
    action.impact_survey_id = data.impact_survey_id if kind == "question" else None
    action.impact_question_key = data.impact_question_key if kind == "question" else None
    action.impact_theme_id = data.impact_theme_id if kind in ("theme_share", "theme_sentiment") else None
    action.impact_window_days = data.impact_window_days or 180
    if action.status not in ("changed", "not_taken_forward"):
        action.status_reason = ""


def set_completed_on(action: Action, old_status: str | None) -> None:
    """Note the day an action was completed; forget it if the action is opened again."""
    if action.status == "completed" and old_status != "completed":
        action.completed_on = calendar.today()
    elif action.status != "completed":
        action.completed_on = None


def _refresh(action: Action) -> None:
    """Load the partner and lead just set by id, so the history reads their names."""
    db.session.flush()
    db.session.refresh(action, ["partner", "lead"])


def create_action(user: User, data) -> Action:
    """Start an action from checked ``data`` (an ``ActionData`` or a dict of its fields); history says "created"."""
    if not may_create(user):
        raise Forbidden("You cannot start actions.")
    data = _owned(user, _as_data(data))
    refuse_if(action_problems(data))
    action = Action()
    db.session.add(action)
    _apply(action, data)
    set_completed_on(action, None)
    _refresh(action)
    history.record_change(user, action, "created", history.differences({}, history.snapshot(action)))
    return action


def update_action(user: User, action: Action, data) -> dict[str, list[str]]:
    """Change an action's fields; history keeps each changed field's old and new value. Returns those changes."""
    require_edit(user, action)
    data = _owned(user, _as_data(data))
    refuse_if(action_problems(data, kept_theme_ids={theme.id for theme in action.themes}))
    before, old_status = history.snapshot(action), action.status
    _apply(action, data)
    set_completed_on(action, old_status)
    _refresh(action)
    changes = history.differences(before, history.snapshot(action))
    if changes:
        history.record_change(user, action, "edited", changes)
    return changes
