"""The board report's content: the log with RAG reasons, the figures, new and growing themes, the period."""

from datetime import date

import pytest

from surveys.services.platform.errors import NotFound
from surveys.services.report.board import board_report, meeting_for, report_period
from tests.surveys.services.report.reports_data import MEETING, ON, PREVIOUS, board_data


@pytest.fixture
def data(app_context):
    board_data()


def test_the_period_runs_from_the_previous_meeting_to_the_day_it_is_made(data):
    period = report_period(MEETING, ON)
    assert (period.start, period.end) == (PREVIOUS, ON)
    assert report_period(MEETING, date(2026, 12, 1)).end == MEETING  # never past the meeting


def test_the_next_meeting_is_chosen_unless_one_is_asked_for(data):
    assert meeting_for(None, ON) == MEETING
    assert meeting_for(PREVIOUS, ON) == PREVIOUS
    with pytest.raises(NotFound):
        meeting_for(date(2026, 11, 1), ON)


def test_red_action_with_its_reasons(data):
    report = board_report(MEETING, ON)
    assert [row.action.title for row in report.red_rows] == ["Shorter waits for assessments"]
    assert "The target date passed 10 days ago." in report.red_rows[0].rag.reasons
    assert len(report.rows) == 2


def test_new_and_growing_themes(data):
    trends = {trend.label: trend for trend in board_report(MEETING, ON).themes}
    assert set(trends) == {"School transport", "Waiting for CAMHS"}  # the steady theme is left out
    assert trends["Waiting for CAMHS"].kind_label == "New"
    assert (trends["School transport"].kind, trends["School transport"].now.text,
            trends["School transport"].before.text) == ("growing", "8", "fewer than 5")


def test_no_meetings_is_not_found(app_context):
    with pytest.raises(NotFound):
        meeting_for(None, ON)
