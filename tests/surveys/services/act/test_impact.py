"""Impact figures before and after an action started, on known data with exact figures."""

from datetime import UTC, date, datetime, timedelta

import pytest

from surveys.models import Action, Answer, Question, Response, SurveyVersion, db
from surveys.services.act.impact import impact_figures, impacts, positive_values, windows
from surveys.services.capture.questions import RATING_OPTIONS, SYMBOL_OPTIONS, YES_NO_OPTIONS
from tests.factories import make_comment, make_partner, make_survey, make_theme

START = date(2026, 3, 1)
TODAY = date(2026, 6, 1)
BEFORE_DAY = datetime(2026, 2, 10, 12, tzinfo=UTC)
AFTER_DAY = datetime(2026, 3, 10, 12, tzinfo=UTC)


def make_action(**fields) -> Action:
    made = Action(title="Quicker plans", partner=make_partner(), start_date=START, impact_window_days=30, **fields)
    db.session.add(made)
    db.session.commit()
    return made


def answer(question: Question, value: str, when: datetime, status: str = "submitted") -> None:
    db.session.add(Response(version=question.version, status=status, submitted_at=when,
                            answers=[Answer(question=question, value_text=value)]))


def answers(question: Question, values: dict[str, int], when: datetime) -> None:
    for value, number in values.items():
        for _ in range(number):
            answer(question, value, when)


@pytest.fixture
def two_versions(app_context):
    """A survey whose "overall" rating question is in two versions."""
    survey = make_survey(title="After your plan")
    second = SurveyVersion(survey=survey, number=2)
    second.questions.append(Question(position=1, key="overall", kind="rating", prompt="How was it overall?",
                                     options=RATING_OPTIONS))
    db.session.add(second)
    db.session.commit()
    return survey


def test_windows_are_the_days_before_and_from_the_start(app_context):
    before, after = windows(make_action(), TODAY)
    assert (before.start, before.end) == (date(2026, 1, 30), date(2026, 2, 28))
    assert (after.start, after.end) == (date(2026, 3, 1), date(2026, 3, 30))
    assert windows(make_action(), date(2026, 3, 5))[1].end == date(2026, 3, 5)  # cut at today


def test_question_share_across_versions(two_versions):
    first, second = (version.questions[0] for version in two_versions.versions)
    answers(first, {"5": 2, "4": 4, "3": 5, "1": 4}, BEFORE_DAY)  # 6 positive of 15
    answers(first, {"5": 5, "2": 3}, AFTER_DAY)
    answers(second, {"4": 7, "3": 5}, AFTER_DAY)  # with the first version: 12 positive of 20
    answer(first, "5", datetime(2026, 1, 29, 23, 59, tzinfo=UTC))  # the day before the before-period
    answer(first, "5", datetime(2026, 3, 31, 0, 0, tzinfo=UTC))  # the day after the after-period (01:00 BST)
    answer(first, "5", AFTER_DAY, status="in_progress")
    answer(first, "not_offered", AFTER_DAY)
    db.session.commit()
    impact = impact_figures(make_action(impact_kind="question", impact_survey_id=two_versions.id,
                                        impact_question_key="overall"), TODAY)
    assert impact.label == "Positive answers to “How was it overall?” (After your plan)"
    assert impact.unit == "percent"
    assert impact.before.value == 40.0 and impact.after.value == 60.0
    assert (impact.before.counts["positive"].count, impact.before.counts["answered"].count) == (6, 15)
    assert (impact.after.counts["positive"].count, impact.after.counts["answered"].count) == (12, 20)
    assert impact.before.text == "6 of 15 answers"
    assert impact.change_text == "Up 20 percentage points, from 40% to 60%."


def test_a_small_count_hides_the_share(two_versions):
    question = two_versions.versions[0].questions[0]
    answers(question, {"5": 3, "1": 7}, BEFORE_DAY)  # 3 positive: suppressed
    answers(question, {"5": 18, "1": 2}, AFTER_DAY)  # 2 others: 18 would give them away
    db.session.commit()
    impact = impact_figures(make_action(impact_kind="question", impact_survey_id=two_versions.id,
                                        impact_question_key="overall"), TODAY)
    assert impact.before.value is None and impact.before.counts["positive"].text == "fewer than 5"
    assert impact.before.text == "10 answers"
    assert impact.after.value is None and impact.after.counts["positive"].suppressed
    assert impact.after.counts["answered"].text == "20"
    assert impact.change_text == "There is not enough to compare: too few answers before or after."


def test_yes_no_counts_yes(app_context):
    survey = make_survey()
    question = Question(version=survey.versions[0], position=3, key="on_time", kind="yes_no", prompt="On time?",
                        options=YES_NO_OPTIONS)
    db.session.add(question)
    answers(question, {"yes": 5, "no": 15}, BEFORE_DAY)
    answers(question, {"yes": 5, "no": 5}, AFTER_DAY)
    db.session.commit()
    impact = impact_figures(make_action(impact_kind="question", impact_survey_id=survey.id,
                                        impact_question_key="on_time"), TODAY)
    assert (impact.before.value, impact.after.value) == (25.0, 50.0)
    assert impact.change_text == "Up 25 percentage points, from 25% to 50%."


@pytest.mark.parametrize("kind, options, positive", [
    ("rating", RATING_OPTIONS, {"4", "5"}),
    ("symbol_scale", SYMBOL_OPTIONS, {"3"}),
    ("yes_no", YES_NO_OPTIONS, {"yes"}),
    ("single_choice", [{"value": "a", "label": "A"}], set()),
    ("rating", [{"value": "x", "label": "X"}], set()),
])
def test_positive_values(kind, options, positive):
    assert positive_values(Question(kind=kind, options=options)) == positive


def test_a_question_with_no_positive_answer_is_not_measured(app_context):
    survey = make_survey()
    assert impact_figures(make_action(impact_kind="question", impact_survey_id=survey.id,
                                      impact_question_key="better"), TODAY) is None
    assert impact_figures(make_action(impact_kind="question", impact_survey_id=survey.id,
                                      impact_question_key="missing"), TODAY) is None
    assert impact_figures(make_action(), TODAY) is None


def comments(number: int, when: datetime, scores=(), **fields):
    scores = list(scores) or [None] * number
    return [make_comment(received_at=when, sentiment_score=score, **fields) for score in scores[:number]]


@pytest.fixture
def theme(app_context):
    """Before: 5 of 20 comments in the theme; after: 10 of 20; with scores, and a comment not yet analysed."""
    members = comments(5, BEFORE_DAY, [-0.5, -0.5, -0.5, -0.5, 0.0]) + comments(10, AFTER_DAY, [0.2] * 5 + [0.4] * 5)
    members += [make_comment(received_at=AFTER_DAY, analysed_at=None)]
    members += comments(1, datetime(2026, 4, 1, tzinfo=UTC), [-1.0])  # after the after-period
    comments(15, BEFORE_DAY)
    comments(10, AFTER_DAY)
    return make_theme("Waiting for plans", comments=members)


def test_theme_share(theme):
    impact = impact_figures(make_action(impact_kind="theme_share", impact_theme_id=theme.id), TODAY)
    assert impact.label == "Share of comments in the theme “Waiting for plans”"
    assert (impact.before.value, impact.after.value) == (25.0, 50.0)
    assert impact.before.counts["in_theme"].count == 5 and impact.before.counts["comments"].count == 20
    assert impact.after.text == "10 of 20 comments"
    assert impact.change_text == "Up 25 percentage points, from 25% to 50%."


def test_theme_sentiment(theme):
    impact = impact_figures(make_action(impact_kind="theme_sentiment", impact_theme_id=theme.id), TODAY)
    assert impact.unit == "score"
    assert (impact.before.value, impact.after.value) == (-0.4, 0.3)
    assert impact.before.counts["comments"].count == 5
    assert impact.after.text == "mean of 10 comments"
    assert impact.figure(impact.after) == "+0.30"
    assert impact.change_text == "Up 0.70, from -0.40 to +0.30."


def test_sentiment_of_fewer_than_five_comments_is_hidden(app_context):
    small = make_theme("Transport", comments=comments(4, BEFORE_DAY, [0.5] * 4) + comments(6, AFTER_DAY, [0.1] * 6))
    impact = impact_figures(make_action(impact_kind="theme_sentiment", impact_theme_id=small.id), TODAY)
    assert impact.before.value is None and impact.before.text == "fewer than 5 comments"
    assert impact.after.value == 0.1
    assert impact.change_text == "There is not enough to compare: too few comments before."


def test_not_started_yet(theme):
    made = make_action(impact_kind="theme_share", impact_theme_id=theme.id)
    impact = impact_figures(made, START - timedelta(days=1))
    assert not impact.after.started and impact.after.value is None
    assert impact.change_text == "The action has not started yet, so there is nothing to compare."


def test_the_start_is_the_day_recorded_without_a_start_date(theme):
    made = make_action(impact_kind="theme_share", impact_theme_id=theme.id)
    made.start_date = None
    made.created_at = datetime(2026, 2, 28, 23, 30, tzinfo=UTC)  # still 28 February in England (GMT)
    assert windows(made, TODAY)[1].start == date(2026, 2, 28)


def test_actions_counted_together_get_their_own_periods(two_versions, theme):
    """The log counts many actions in one query per measure: each must still get exactly its own figures."""
    first = two_versions.versions[0].questions[0]
    answers(first, {"5": 6, "1": 6}, BEFORE_DAY)
    answers(first, {"5": 9, "1": 6}, AFTER_DAY)
    answers(first, {"5": 5, "1": 15}, datetime(2026, 4, 20, 12, tzinfo=UTC))  # only in the later action's after
    db.session.commit()
    kinds = [dict(impact_kind="question", impact_survey_id=two_versions.id, impact_question_key="overall"),
             dict(impact_kind="theme_share", impact_theme_id=theme.id),
             dict(impact_kind="theme_sentiment", impact_theme_id=theme.id)]
    made = [make_action(**fields) for fields in kinds]
    later = [make_action(**fields) for fields in kinds]
    for action in later:
        action.start_date = date(2026, 4, 1)  # before: 2 to 31 March; after: 1 to 30 April
    db.session.commit()
    together = impacts(made + later, TODAY)
    alone = {action.id: impact_figures(action, TODAY) for action in made + later}
    assert together == alone
    assert (together[made[0].id].before.value, together[made[0].id].after.value) == (50.0, 60.0)
    assert (together[later[0].id].before.value, together[later[0].id].after.value) == (60.0, 25.0)
    assert together[later[1].id].before.counts["in_theme"].count == 10  # the after-day comments of the first
