"""The dashboard's figures on known data: grouped in SQL, suppressed, scoped to a partner lead's partner."""

from datetime import UTC, date, datetime

import pytest

from surveys.models import Action, db
from surveys.services.report import dashboard as board
from surveys.services.report.filters import Period
from tests.factories import make_case, make_comment, make_partner, make_survey, make_theme, make_user
from tests.surveys.services.report.helpers import MARCH, add_responses

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))
FEBRUARY = datetime(2026, 2, 10, 12, tzinfo=UTC)


@pytest.fixture
def survey(app_context):
    return make_survey()


def table(tab):
    return {label: [cell.text for cell, _ in cells] for label, cells, _ in tab.rows()}


def test_default_period_is_the_last_twelve_months():
    assert board.default_period(date(2026, 3, 15)) == Period(date(2025, 4, 1), date(2026, 3, 15))
    assert len(board.months(board.default_period(date(2026, 12, 31)))) == 12


def test_responses_by_month_and_audience(survey):
    young = make_survey(audience="young_person")
    add_responses(survey, 7, {"overall": "5"}, submitted_at=MARCH)
    add_responses(survey, 6, {"overall": "5"}, submitted_at=FEBRUARY)
    add_responses(young, 3, {"overall": "5"}, submitted_at=MARCH)
    tab = board.responses_by_month(make_user(), Q1)
    assert tab.column_labels == ["Parents and carers", "Young people"]
    assert table(tab) == {"Jan 2026": ["0", "0"], "Feb 2026": ["6", "0"],
                          "Mar 2026": ["not shown", "fewer than 5"]}  # 7 hidden too, or the total gives 3 away


def test_responses_by_partner_for_a_partner_lead(survey):
    ours, theirs = make_partner("Ours"), make_partner("Theirs")
    add_responses(survey, 6, {"overall": "5"}, partner_id=ours.id)
    add_responses(survey, 8, {"overall": "5"}, partner_id=theirs.id)
    lead = make_user(role="partner_lead", partner=ours)
    assert [(label, cell.text) for label, cell, _ in board.responses_by(lead, Q1, "partner").rows] == [("Ours", "6")]
    everyone = board.responses_by(make_user(), Q1, "partner")
    assert [(label, cell.text) for label, cell, _ in everyone.rows] == [("Ours", "6"), ("Theirs", "8")]


def test_satisfaction_trend_hides_small_months(survey):
    add_responses(survey, 5, {"overall": "4"}, submitted_at=MARCH)
    add_responses(survey, 5, {"overall": "2"}, submitted_at=MARCH)
    add_responses(survey, 2, {"overall": "5"}, submitted_at=FEBRUARY)
    value = f"{survey.id}:overall"
    assert board.chosen_questions([value, "nonsense"]) == ([value], "Select questions from the list")
    trend = board.satisfaction_trend(make_user(), Q1, [value])
    assert list(trend.values()) == [[None, None, 3.0]]


def test_theme_volumes_and_feelings(app_context):
    comments = [make_comment(received_at=MARCH, sentiment_score=-0.4, emotions={"anger": 0.5, "sadness": 0.1})
                for _ in range(6)]
    small = [make_comment(received_at=MARCH, sentiment_score=0.9) for _ in range(2)]
    waiting = make_theme("Waiting", comments=comments)
    make_theme("Small", comments=small)
    user = make_user()
    themes = board.top_themes(user, Q1)
    assert themes[0] == (waiting.id, "Waiting")
    assert table(board.theme_volumes(user, Q1, themes))["Mar 2026"] == ["not shown", "fewer than 5"]  # the total
    feelings = {f.label: f for f in board.feelings_by_theme(user, Q1, themes)}
    assert feelings["Waiting"].sentiment == -0.4 and feelings["Waiting"].emotions["anger"] == 0.5
    assert feelings["Small"].comments.text == "fewer than 5" and feelings["Small"].sentiment is None


def test_complaint_timeliness(app_context):
    for _ in range(6):
        make_case(received_on=date(2026, 3, 2), due_on=date(2026, 3, 30), responded_on=date(2026, 3, 20))
    for _ in range(5):
        make_case(received_on=date(2026, 3, 2), due_on=date(2026, 3, 10), responded_on=date(2026, 3, 20))
    for _ in range(2):
        make_case(received_on=date(2026, 3, 2), due_on=date(2026, 3, 10))
    make_case(kind="compliment", received_on=date(2026, 3, 2), due_on=date(2026, 3, 10))
    figures = board.complaint_timeliness(make_user(), Q1, on=date(2026, 4, 1))
    assert (figures.answered.text, figures.on_time.text, figures.share_on_time) == ("11", "6", "55%")
    assert figures.overdue.text == "fewer than 5"


def test_actions_by_status_scoped(app_context):
    ours, theirs = make_partner(), make_partner()
    db.session.add_all([Action(title=f"A{n}", partner_id=ours.id, status="planned") for n in range(5)]
                       + [Action(title=f"B{n}", partner_id=theirs.id, status="completed") for n in range(6)])
    db.session.commit()
    lead = make_user(role="partner_lead", partner=ours)
    mine = {label: cell.text for label, cell, _ in board.actions_by_status(lead).rows}
    assert mine["Planned"] == "5" and mine["Completed"] == "0"
