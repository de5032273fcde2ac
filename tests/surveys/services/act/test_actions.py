"""Actions: the status and reason rule, the date rule, history with old and new values, scoping, forum notes."""

from datetime import date

import pytest
from sqlalchemy import select

from surveys.models import ActionChange, AuditEvent, db
from surveys.services.act import actions, milestones, updates
from surveys.services.act.history import history
from surveys.services.act.rules import ActionData, ActionInvalid
from surveys.services.platform import calendar
from surveys.services.platform.errors import Forbidden, NotFound
from tests.factories import make_partner, make_survey, make_theme, make_user

TODAY = date(2026, 4, 2)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(calendar, "today", lambda: TODAY)


@pytest.fixture
def world(app_context):
    ours, theirs = make_partner("Council SEND team"), make_partner("North ICB", kind="icb")
    return {
        "ours": ours, "theirs": theirs, "theme": make_theme("Waiting for CAMHS", status="reviewed"),
        "lead": make_user("partner_lead", partner=ours), "other_lead": make_user("partner_lead", partner=theirs),
        "coproduction": make_user("coproduction_lead"), "pcf": make_user("pcf_rep"), "viewer": make_user("viewer"),
    }


def data(world, **changes) -> ActionData:
    values = {"title": "Shorter waits for CAMHS", "theme_ids": [world["theme"].id], "partner_id": world["ours"].id,
              "start_date": date(2026, 4, 1), "target_date": date(2026, 9, 30)}
    return ActionData(**(values | changes))


def create(world, user=None, **changes):
    action = actions.create_action(user or world["coproduction"], data(world, **changes))
    db.session.commit()
    return action


def test_create_keeps_a_created_row_and_an_audit_entry(world):
    action = create(world)
    change = db.session.scalar(select(ActionChange).where(ActionChange.action_id == action.id))
    assert change.summary == "created"
    assert change.changes["title"] == ["", "Shorter waits for CAMHS"]
    assert change.changes["status"] == ["", "Planned"]
    assert change.changes["target_date"] == ["", "30 September 2026"]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "action_created")) is not None


@pytest.mark.parametrize(("status", "message"), [("changed", "Enter why the action changed"),
                                                 ("not_taken_forward", "Enter why the action was not taken forward")])
def test_changed_and_not_taken_forward_need_a_reason(world, status, message):
    with pytest.raises(ActionInvalid) as raised:
        actions.create_action(world["coproduction"], data(world, status=status, status_reason="  "))
    assert raised.value.errors == {"status_reason": message}
    action = create(world, status=status, status_reason="The ICB took it on")
    assert action.status_reason == "The ICB took it on"


def test_a_reason_is_dropped_when_the_status_does_not_need_one(world):
    action = create(world, status="in_progress", status_reason="Not needed")
    assert action.status_reason == ""


def test_target_not_before_start(world):
    with pytest.raises(ActionInvalid) as raised:
        create(world, start_date=date(2026, 5, 1), target_date=date(2026, 4, 30))
    assert raised.value.errors["target_date"].startswith("Target date must be the same as or after the start date")
    assert create(world, start_date=date(2026, 5, 1), target_date=date(2026, 5, 1)).id


def test_only_reviewed_or_proposed_themes(world):
    rejected = make_theme("Not a theme", status="rejected")
    with pytest.raises(ActionInvalid) as raised:
        create(world, theme_ids=[rejected.id])
    assert "themes" in raised.value.errors
    with pytest.raises(ActionInvalid) as raised:
        create(world, theme_ids=[])
    assert raised.value.errors["themes"] == "Select at least one theme"


def test_impact_measure_rules(world):
    survey = make_survey()
    with pytest.raises(ActionInvalid) as raised:
        create(world, impact_kind="question", impact_survey_id=survey.id, impact_question_key="better",
               impact_window_days=20)
    assert set(raised.value.errors) == {"impact_question", "impact_window_days"}  # "better" is free text
    action = create(world, impact_kind="question", impact_survey_id=survey.id, impact_question_key="overall",
                    impact_window_days=90, impact_theme_id=world["theme"].id)
    assert (action.impact_question_key, action.impact_window_days, action.impact_theme_id) == ("overall", 90, None)
    with pytest.raises(ActionInvalid) as raised:
        create(world, impact_kind="theme_share", impact_theme_id=None, start_date=None, target_date=None)
    assert set(raised.value.errors) == {"impact_theme", "start_date"}


def test_lead_must_be_active(world):
    gone = make_user("coproduction_lead", active=False)
    with pytest.raises(ActionInvalid) as raised:
        create(world, lead_id=gone.id)
    assert raised.value.errors == {"lead": "Select a lead from the list of active staff"}


def test_edit_keeps_each_changed_field_old_and_new(world):
    action = create(world)
    changes = actions.update_action(world["coproduction"], action,
                                    data(world, title="Faster CAMHS", status="completed", public=True))
    db.session.commit()
    assert changes == {"title": ["Shorter waits for CAMHS", "Faster CAMHS"], "status": ["Planned", "Completed"],
                       "public": ["No", "Yes"]}
    assert action.completed_on == TODAY
    edits = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "action_edited")).all()
    assert [(event.object_id, event.detail["fields"]) for event in edits] == [
        (str(action.id), ["public", "status", "title"])]
    latest = history(action)[0]
    assert latest.summary == "Edited"
    assert {(c.label, c.old, c.new) for c in latest.changes} >= {("Title", "Shorter waits for CAMHS", "Faster CAMHS")}


def test_edit_with_nothing_changed_adds_no_history(world):
    action = create(world)
    assert actions.update_action(world["coproduction"], action, actions.data_of(action)) == {}
    assert len(history(action)) == 1


def test_bad_edit_changes_nothing(world):
    action = create(world)
    with pytest.raises(ActionInvalid):
        actions.update_action(world["coproduction"], action, data(world, title="New", status="changed"))
    db.session.rollback()
    assert db.session.get(type(action), action.id).title == "Shorter waits for CAMHS"


def test_partner_lead_owns_only_their_partners_actions(world):
    action = create(world, user=world["lead"], partner_id=world["theirs"].id)
    assert action.partner_id == world["ours"].id  # forced to their own partner
    theirs = create(world, partner_id=world["theirs"].id)
    assert actions.visible_actions(world["lead"]) == [action]
    with pytest.raises(NotFound):
        actions.get_action(world["lead"], theirs.id)
    for attempt in (lambda: actions.update_action(world["lead"], theirs, data(world)),
                    lambda: updates.add_update(world["lead"], theirs, "Done"),
                    lambda: milestones.add_milestone(world["lead"], theirs, "Step", TODAY)):
        with pytest.raises(Forbidden):
            attempt()
    assert not actions.may_edit(world["lead"], theirs) and actions.may_edit(world["lead"], action)


def test_read_only_roles_change_nothing(world):
    action = create(world)
    for role in ("viewer", "pcf"):
        assert not actions.may_edit(world[role], action)
        with pytest.raises(Forbidden):
            updates.add_update(world[role], action, "Hello")
    with pytest.raises(Forbidden):
        actions.create_action(world["viewer"], data(world))


def test_update_with_status_change_follows_the_reason_rule(world):
    action = create(world)
    with pytest.raises(ActionInvalid) as raised:
        updates.add_update(world["coproduction"], action, "We stopped", status="not_taken_forward")
    assert raised.value.errors == {"status_reason": "Enter why the action was not taken forward"}
    updates.add_update(world["coproduction"], action, "We stopped", status="not_taken_forward", reason="No money")
    db.session.commit()
    assert (action.status, action.status_reason) == ("not_taken_forward", "No money")
    change = history(action)[0]
    assert change.summary == "Status changed"
    assert ("Status", "Planned", "Not taken forward") in {(c.label, c.old, c.new) for c in change.changes}
    assert action.updates[0].status == "not_taken_forward"


def test_plain_update(world):
    action = create(world)
    updates.add_update(world["coproduction"], action, "Met the team", status=action.status)
    db.session.commit()
    assert action.updates[0].status is None and action.updates[0].author_id == world["coproduction"].id
    assert history(action)[0].summary == "Update posted"
    with pytest.raises(ActionInvalid):
        updates.add_update(world["coproduction"], action, "   ")


def test_forum_note_by_pcf_rep_on_any_action(world):
    action = create(world, partner_id=world["theirs"].id)
    note = updates.add_forum_note(world["pcf"], action, "Families want a date.")
    db.session.commit()
    assert note.kind == "forum_note"
    assert history(action)[0].summary == "Forum note added"
    with pytest.raises(Forbidden):
        updates.add_forum_note(world["lead"], action, "Not the forum")
    with pytest.raises(ActionInvalid):
        updates.add_forum_note(world["pcf"], action, "")


def test_milestones_added_edited_and_done(world):
    action = create(world)
    step = milestones.add_milestone(world["coproduction"], action, "Hire staff", date(2026, 6, 1))
    milestones.edit_milestone(world["coproduction"], step, "Hire two staff", date(2026, 6, 15))
    milestones.mark_done(world["coproduction"], step, date(2026, 4, 1))
    db.session.commit()
    summaries = [entry.summary for entry in history(action)]
    assert summaries[:3] == ["Milestone done", "Milestone edited", "Milestone added"]
    edited = {(c.label, c.old, c.new) for c in history(action)[1].changes}
    assert ("Milestone due", "1 June 2026", "15 June 2026") in edited
    with pytest.raises(ActionInvalid) as raised:
        milestones.mark_done(world["coproduction"], step, date(2026, 4, 3))
    assert raised.value.errors == {"done_on": "Date done must be today or in the past"}
    with pytest.raises(ActionInvalid):
        milestones.add_milestone(world["coproduction"], action, "", None)


def test_filters(world):
    other_theme = make_theme("Transport", status="proposed")
    first = create(world)
    second = create(world, partner_id=world["theirs"].id, status="in_progress", theme_ids=[other_theme.id])
    viewer = world["viewer"]
    assert actions.visible_actions(viewer) == [first, second]
    assert actions.visible_actions(viewer, actions.ActionFilters(partner_id=world["theirs"].id)) == [second]
    assert actions.visible_actions(viewer, actions.ActionFilters(status="planned")) == [first]
    assert actions.visible_actions(viewer, actions.ActionFilters(theme_id=other_theme.id)) == [second]
