"""RAG status and slippage on a fixed clock: each rule, and the days either side of each boundary."""

from datetime import UTC, date, datetime, timedelta

import pytest

from surveys.models import Action, ActionUpdate, BoardMeeting, Milestone, db
from surveys.services.act.rag import RAG_RULES, board_dates, last_board_before, rag_status

TODAY = date(2026, 6, 15)
BOARD = date(2026, 5, 20)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def action(status="in_progress", target=None, created=date(2026, 1, 5), milestones=(), updates=(), **fields):
    """An action in memory (the rules read only what is on it)."""
    made = Action(title="Shorter waits", status=status, target_date=target, created_at=at(created), **fields)
    made.milestones = [Milestone(title=f"Step {n}", due_on=due, done_on=done) for n, (due, done) in
                       enumerate(milestones)]
    made.updates = [ActionUpdate(kind=kind, body="News", created_at=when) for kind, when in updates]
    return made


def status(made, boards=(BOARD,), today=TODAY):
    return rag_status(made, today, list(boards))


def test_completed_is_complete_whatever_else_is_late():
    rag = status(action("completed", target=date(2026, 1, 1), milestones=[(date(2026, 1, 1), None)]))
    assert rag.colour == "complete" and rag.label == "Complete"
    assert rag.days_past_target == 0 and rag.overdue_milestones == []


@pytest.mark.parametrize("state, words", [("changed", "changed"), ("not_taken_forward", "not taken forward")])
def test_changed_or_not_taken_forward_is_closed_with_the_reason(state, words):
    rag = status(action(state, status_reason="The service was re-commissioned", target=date(2026, 1, 1)))
    assert rag.colour == "closed"
    assert rag.reasons == [f"The action was {words}. Reason: The service was re-commissioned"]


def test_nothing_late_is_green():
    rag = status(action(target=date(2026, 12, 1), milestones=[(date(2026, 7, 1), None)],
                        updates=[("update", at(BOARD))]))
    assert rag.colour == "green"
    assert rag.reasons == ["Nothing is overdue."]
    assert not rag.no_update_since_board and rag.last_board == BOARD


def test_target_passed_by_one_day_is_red():
    rag = status(action(target=TODAY - timedelta(days=1), updates=[("update", at(TODAY))]))
    assert rag.colour == "red"
    assert rag.days_past_target == 1
    assert rag.reasons == ["The target date passed 1 day ago."]


def test_target_today_is_not_past():
    rag = status(action(target=TODAY, updates=[("update", at(TODAY))]))
    assert (rag.colour, rag.days_past_target) == ("green", 0)


def test_milestone_due_today_or_done_is_not_overdue():
    rag = status(action(milestones=[(TODAY, None), (date(2026, 1, 1), date(2026, 3, 1))],
                        updates=[("update", at(TODAY))]))
    assert rag.overdue_milestones == []


def test_milestone_overdue_28_days_is_amber():
    rag = status(action(milestones=[(TODAY - timedelta(days=28), None)], updates=[("update", at(TODAY))]))
    assert rag.colour == "amber"
    assert [m.title for m in rag.overdue_milestones] == ["Step 0"]
    assert rag.reasons == ["1 milestone is overdue."]


def test_milestone_overdue_29_days_is_red():
    rag = status(action(milestones=[(TODAY - timedelta(days=29), None), (TODAY - timedelta(days=1), None)],
                        updates=[("update", at(TODAY))]))
    assert rag.colour == "red"
    assert rag.reasons == ["1 milestone is more than 28 days overdue.", "1 milestone is overdue."]  # each once
    assert [m.title for m in rag.overdue_milestones] == ["Step 0", "Step 1"]


def test_no_update_since_the_board_is_amber():
    rag = status(action(updates=[("update", at(BOARD - timedelta(days=1)))]))
    assert rag.colour == "amber" and rag.no_update_since_board
    assert rag.reasons == ["There has been no update since the last board meeting on 20 May 2026."]


def test_an_update_on_the_day_of_the_board_counts():
    assert not status(action(updates=[("update", at(BOARD, hour=8))])).no_update_since_board


def test_an_update_late_in_the_evening_counts_on_its_day_in_england():
    # 23:30 UTC on 19 May is 00:30 on 20 May in British Summer Time
    assert not status(action(updates=[("update", datetime(2026, 5, 19, 23, 30, tzinfo=UTC))])).no_update_since_board


def test_a_forum_note_is_not_an_update():
    assert status(action(updates=[("forum_note", at(TODAY))])).no_update_since_board


def test_an_action_recorded_after_the_board_has_not_missed_it():
    assert status(action(created=BOARD + timedelta(days=1))).colour == "green"
    assert status(action(created=BOARD)).no_update_since_board


def test_no_board_meetings_means_no_board_slippage():
    assert status(action(), boards=()).colour == "green"


def test_a_board_meeting_today_does_not_count_yet():
    rag = status(action(updates=[("update", at(BOARD))]), boards=(BOARD, TODAY))
    assert rag.last_board == BOARD and rag.colour == "green"


def test_no_update_and_an_overdue_milestone_is_red():
    rag = status(action(milestones=[(TODAY - timedelta(days=3), None)]))
    assert rag.colour == "red"
    assert "There has been no update since the last board meeting and a milestone is overdue." in rag.reasons


@pytest.mark.parametrize("days, colour", [(0, "amber"), (28, "amber"), (29, "green")])
def test_target_near_with_open_milestones(days, colour):
    made = action(target=TODAY + timedelta(days=days), milestones=[(TODAY + timedelta(days=days), None)],
                  updates=[("update", at(TODAY))])
    assert status(made).colour == colour


def test_target_near_with_every_milestone_done_is_green():
    made = action(target=TODAY + timedelta(days=5), milestones=[(TODAY, TODAY)], updates=[("update", at(TODAY))])
    assert status(made).colour == "green"


def test_near_target_reason_says_when():
    made = action(target=TODAY, milestones=[(TODAY, None)], updates=[("update", at(TODAY))])
    assert status(made).reasons == ["The target date is today, with milestones still open."]


def test_rules_are_sentences():
    assert all(rule.endswith(".") for rule in RAG_RULES)
    assert len(RAG_RULES) == 9


def test_board_dates_come_from_the_table(app_context):
    db.session.add_all([BoardMeeting(meets_on=date(2026, 3, 1)), BoardMeeting(meets_on=date(2026, 1, 10)),
                        BoardMeeting(meets_on=TODAY)])
    db.session.commit()
    assert board_dates() == [date(2026, 1, 10), date(2026, 3, 1), TODAY]
    assert last_board_before(TODAY) == date(2026, 3, 1)
    assert last_board_before(date(2026, 1, 10)) is None


def test_a_red_slip_is_not_repeated_as_an_amber_one():
    rag = status(action(milestones=[(TODAY - timedelta(days=40), None)],
                        updates=[("update", at(BOARD - timedelta(days=1)))]))
    assert rag.colour == "red"
    assert rag.reasons == ["1 milestone is more than 28 days overdue.",
                           "There has been no update since the last board meeting and a milestone is overdue."]
