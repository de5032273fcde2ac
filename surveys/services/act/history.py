"""The history of an action: who changed what, when, from what to what.

Every service that changes an action calls ``record_change``, which adds one ``ActionChange`` row and one audit
log entry in the same transaction, so no route can change an action without leaving a trace. Values are kept as
the words people read ("2 April 2026", "In progress", a partner's name), not ids: the history must still make sense
after a partner is renamed or a theme is merged.
"""

from dataclasses import dataclass
from datetime import datetime

from surveys.formatters import local_date
from surveys.models import ACTION_STATUSES, IMPACT_KINDS, Action, ActionChange, Survey, Theme, User, db
from surveys.services.platform import audit

FIELD_LABELS = {
    "title": "Title",
    "description": "Description",
    "themes": "Themes",
    "partner": "Owner partner",
    "lead": "Lead",
    "status": "Status",
    "status_reason": "Reason for the status",
    "start_date": "Start date",
    "target_date": "Target date",
    "what_this_means": "What this means for families",
    "for_the_future": "For the future",
    "public": "Public",
    "impact_kind": "Impact measure",
    "impact_question": "Survey question measured",
    "impact_theme": "Theme measured",
    "impact_window_days": "Impact window (days)",
    "milestone": "Milestone",
    "milestone_due": "Milestone due",
    "milestone_done": "Milestone done",
    "update": "Update",
    "forum_note": "Forum note",
}


@dataclass(frozen=True)
class FieldChange:
    """One field's change, as shown on the action's page."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    """One saved change to an action, in London time."""

    when: datetime
    who: str
    summary: str
    changes: list[FieldChange]


def user_name(user: User | None) -> str:
    """What to call a member of staff: their name, else their email."""
    if user is None:
        return ""
    return user.name or user.email


def status_text(status: str | None) -> str:
    """A status as people say it."""
    return ACTION_STATUSES.get(status or "", status or "")


def snapshot(action: Action) -> dict[str, str]:
    """Every field the history follows, as text."""
    return {
        "title": action.title or "",
        "description": action.description or "",
        "themes": ", ".join(sorted(theme.label for theme in action.themes)),
        "partner": action.partner.name if action.partner else "",
        "lead": user_name(action.lead),
        "status": status_text(action.status),
        "status_reason": action.status_reason or "",
        "start_date": local_date(action.start_date),
        "target_date": local_date(action.target_date),
        "what_this_means": action.what_this_means or "",
        "for_the_future": action.for_the_future or "",
        "public": "Yes" if action.public else "No",
        "impact_kind": IMPACT_KINDS.get(action.impact_kind or "", "None"),
        "impact_question": impact_question_text(action),
        "impact_theme": impact_theme_text(action),
        "impact_window_days": str(action.impact_window_days) if action.impact_kind else "",
    }


def impact_question_text(action: Action) -> str:
    """The survey and question an impact measure watches, if it watches one."""
    if action.impact_kind != "question" or action.impact_survey_id is None:
        return ""

    survey = db.session.get(Survey, action.impact_survey_id)
    return f"{survey.title if survey else 'Survey ' + str(action.impact_survey_id)}: {action.impact_question_key}"


def impact_theme_text(action: Action) -> str:
    """The theme an impact measure watches, if it watches one."""
    if action.impact_kind not in ("theme_share", "theme_sentiment") or action.impact_theme_id is None:
        return ""

    theme = db.session.get(Theme, action.impact_theme_id)
    return theme.label if theme else f"Theme {action.impact_theme_id}"


def differences(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """The fields whose text changed, each as [old, new]."""
    return {field: [before.get(field, ""), value] for field, value in after.items() if before.get(field, "") != value}


def record_change(user: User | None, action: Action, summary: str, changes: dict[str, list[str]]) -> ActionChange:
    """Keep one change in the action's history and write it to the audit log, in the current transaction."""
    db.session.flush()  # the action needs its id before its history can point at it
    change = ActionChange(action_id=action.id, user_id=user.id if user else None, summary=summary, changes=changes)
    db.session.add(change)
    audit.record(user, f"action_{summary.replace(' ', '_')}", action, fields=sorted(changes))
    db.session.flush()
    return change


def history(action: Action) -> list[HistoryEntry]:
    """The action's changes, newest first, ready to show."""
    rows = db.session.scalars(
        db.select(ActionChange).where(ActionChange.action_id == action.id).order_by(ActionChange.id.desc())
    ).all()
    return [_entry(row) for row in rows]


def _entry(row: ActionChange) -> HistoryEntry:
    changes = [FieldChange(FIELD_LABELS.get(field, field), old or "", new or "")
               for field, (old, new) in (row.changes or {}).items()]
    return HistoryEntry(when=row.changed_at, who=user_name(row.user) or "Unknown",
                        summary=row.summary.capitalize(), changes=changes)
