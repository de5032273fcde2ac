"""Turns the demo's action specs (actions.py) into Action rows with milestones, updates, forum notes and history.

The history is written as ``ActionChange`` rows of the same shape that ``act.history.record_change`` keeps
(summary and field -> [old, new] as text), dated when each thing happened rather than when the demo was made,
so the action pages tell the story in order. The demo writes no audit log entries: nobody signed in did these.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from surveys.formatters import local_date
from surveys.models import Action, ActionChange, ActionUpdate, Milestone, Partner, Survey, Theme, User
from surveys.services.act import history
from surveys.services.demo.actions import ACTIONS, ActionSpec
from surveys.services.demo.people import COPRODUCTION, FORUM_REP
from surveys.services.demo.themes import day_before, moment_before


@dataclass(frozen=True)
class Change:
    """One step in an action's history, before it becomes a row."""

    when: datetime
    user: User
    summary: str
    changes: dict[str, list[str]]


def make_actions(now: datetime, partners: dict[str, Partner], users: dict[str, User], themes: dict[str, Theme],
                 survey: Survey) -> list[tuple[Action, ActionSpec]]:
    """The action and impact log, each action with its spec (themes and the survey must be flushed)."""
    return [(_action(now, spec, partners, users, themes, survey), spec) for spec in ACTIONS]


def _action(now: datetime, spec: ActionSpec, partners: dict[str, Partner], users: dict[str, User],
            themes: dict[str, Theme], survey: Survey) -> Action:
    created = moment_before(now, spec.created, hour=11)
    updates = [
        ActionUpdate(author=users[author], kind="update", body=body, status=status,
                     created_at=moment_before(now, days, hour=14))
        for days, author, body, status in spec.updates
    ] + [
        ActionUpdate(author=users[FORUM_REP], kind="forum_note", body=body, created_at=moment_before(now, days, 16))
        for days, body in spec.notes
    ]
    action = Action(
        title=spec.title, description=spec.description, partner=partners[spec.partner],
        lead=users[spec.lead] if spec.lead else None, status=spec.status, status_reason=spec.status_reason,
        start_date=day_before(now, spec.start) if spec.start is not None else None,
        target_date=day_before(now, spec.target),
        completed_on=day_before(now, spec.completed) if spec.completed is not None else None,
        what_this_means=spec.what_this_means, for_the_future=spec.for_the_future,
        impact_measure=spec.impact_measure, public=spec.public, created_at=created,
        updated_at=max([created, *(u.created_at for u in updates)]),
        themes=[themes[key] for key in spec.themes],
        milestones=[
            Milestone(title=title, due_on=day_before(now, due), done_on=day_before(now, done) if done is not None
                      else None)
            for title, due, done in spec.milestones
        ],
        updates=sorted(updates, key=lambda update: update.created_at),
    )
    _set_impact(action, spec, themes, survey)
    return action


def _set_impact(action: Action, spec: ActionSpec, themes: dict[str, Theme], survey: Survey) -> None:
    if spec.impact is None:
        return
    kind, key, days = spec.impact
    action.impact_kind, action.impact_window_days = kind, days
    if kind == "question":
        action.impact_survey_id, action.impact_question_key = survey.id, key
    else:
        action.impact_theme_id = themes[key].id


def make_history(now: datetime, made: list[tuple[Action, ActionSpec]], users: dict[str, User]) -> list[ActionChange]:
    """Every action's history, oldest first (the actions must be flushed, so they have ids)."""
    rows = []
    for action, spec in made:
        steps = sorted(_steps(now, action, spec, users), key=lambda step: step.when)
        rows.extend(ActionChange(action_id=action.id, user_id=step.user.id, changed_at=step.when,
                                 summary=step.summary, changes=step.changes) for step in steps)
    return rows


def _steps(now: datetime, action: Action, spec: ActionSpec, users: dict[str, User]) -> list[Change]:
    creator = users[spec.lead or COPRODUCTION]
    created = action.created_at
    first = history.snapshot(action) | {"status": history.status_text("planned"), "status_reason": ""}
    steps = [Change(created, creator, "created", history.differences({}, first))]
    steps += [Change(created + timedelta(minutes=5 + n), creator, "milestone added",
                     {"milestone": ["", m.title], "milestone_due": ["", local_date(m.due_on)]})
              for n, m in enumerate(action.milestones)]
    steps += [Change(moment_before(now, (now.date() - m.done_on).days, hour=16), creator, "milestone done",
                     {"milestone": [m.title, m.title], "milestone_done": ["", local_date(m.done_on)]})
              for m in action.milestones if m.done_on is not None]
    return steps + _update_steps(action, spec, users)


def _update_steps(action: Action, spec: ActionSpec, users: dict[str, User]) -> list[Change]:
    """Updates (some changing the status, which starts as planned) and forum notes, in the order they came."""
    steps, status = [], "planned"
    for update in action.updates:
        author = update.author or users[COPRODUCTION]
        if update.kind == "forum_note":
            steps.append(Change(update.created_at, author, "forum note added", {"forum_note": ["", update.body]}))
            continue
        changes = {"update": ["", update.body]}
        if update.status and update.status != status:
            changes["status"] = [history.status_text(status), history.status_text(update.status)]
            if update.status in ("changed", "not_taken_forward"):
                changes["status_reason"] = ["", spec.status_reason]
            status = update.status
        steps.append(Change(update.created_at, author, "status changed" if "status" in changes else "update posted",
                            changes))
    return steps
