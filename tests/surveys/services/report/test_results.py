"""Survey results on known data: exact counts, suppression, breakdowns, periods, years, rates and themes."""

from datetime import UTC, date, datetime

import pytest

from surveys.models import Question, db
from surveys.services.platform.errors import NotFound
from surveys.services.report.filters import Period, ReportFilters
from surveys.services.report.results import survey_results
from tests.factories import make_comment, make_invitation, make_partner, make_survey, make_theme, make_user
from tests.surveys.services.report.helpers import MARCH, add_responses

FEBRUARY = datetime(2026, 2, 10, 12, tzinfo=UTC)


@pytest.fixture
def survey(app_context):
    return make_survey()


def overall(results, key="overall"):
    return next(result for result in results.questions if result.key == key)


def rows(breakdown):
    return {label: cell.text for label, cell, _ in breakdown.rows}


def test_counts_and_shares_of_each_answer(survey):
    add_responses(survey, 6, {"overall": "5"})
    add_responses(survey, 14, {"overall": "4"})
    result = overall(survey_results(survey.id, make_user(), ReportFilters()))
    assert rows(result.breakdown) == {"1": "0", "2": "0", "3": "0", "4": "14", "5": "6"}
    assert [share for _, _, share in result.breakdown.rows] == ["0%", "0%", "0%", "70%", "30%"]
    assert result.breakdown.total.text == "20"
    assert result.mean == 4.3


def test_a_group_of_three_reads_fewer_than_5_and_a_second_cell_is_hidden(survey):
    add_responses(survey, 3, {"overall": "1"})
    add_responses(survey, 6, {"overall": "4"})
    add_responses(survey, 10, {"overall": "5"})
    result = overall(survey_results(survey.id, make_user(), ReportFilters()))
    assert rows(result.breakdown)["1"] == "fewer than 5"
    assert rows(result.breakdown)["4"] == "not shown"  # secondary: else the total would give it away
    assert rows(result.breakdown)["5"] == "10"
    assert [share for label, _, share in result.breakdown.rows if label == "1"] == [""]


def test_multiple_choice_counts_each_choice(survey):
    survey.current_version.questions.append(Question(
        position=3, key="help", kind="multiple_choice", prompt="Who helped?",
        options=[{"value": "school", "label": "School"}, {"value": "sen_team", "label": "SEN team"},
                 {"value": "senxteam", "label": "Other"}]))
    db.session.commit()
    add_responses(survey, 5, {"help": ["school", "sen_team"]})
    add_responses(survey, 7, {"help": ["school"]})
    result = overall(survey_results(survey.id, make_user(), ReportFilters()), "help")
    assert rows(result.breakdown) == {"School": "12", "SEN team": "5", "Other": "0"}


def test_breakdown_by_locality_suppresses_small_groups(survey):
    add_responses(survey, 8, {"overall": "5"}, locality="North")
    add_responses(survey, 3, {"overall": "5"}, locality="South")
    add_responses(survey, 9, {"overall": "4"}, locality="South")
    result = overall(survey_results(survey.id, make_user(), ReportFilters(by="locality")))
    table = {label: [cell.text for cell, _ in cells] for label, cells, _ in result.by_group.rows()}
    assert table["North"] == ["0", "0", "0", "0", "8"]
    assert table["South"] == ["0", "0", "0", "not shown", "fewer than 5"]  # 9 too, or the total gives 3 away


def test_period_filter_and_the_previous_period(survey):
    add_responses(survey, 7, {"overall": "5"}, submitted_at=MARCH)
    add_responses(survey, 6, {"overall": "2"}, submitted_at=FEBRUARY)
    march = Period(date(2026, 3, 1), date(2026, 3, 28))
    results = survey_results(survey.id, make_user(), ReportFilters(period=march))
    assert results.respondents.text == "7"
    assert results.previous == Period(date(2026, 2, 1), date(2026, 2, 28))
    table = {label: [cell.text for cell, _ in cells] for label, cells, _ in overall(results).against_previous.rows()}
    assert table == {"This period": ["0", "0", "0", "0", "7"], "Previous period": ["0", "6", "0", "0", "0"]}


def test_year_on_year_by_calendar_year(survey):
    add_responses(survey, 5, {"overall": "5"}, submitted_at=datetime(2025, 6, 1, tzinfo=UTC))
    add_responses(survey, 6, {"overall": "5"}, submitted_at=MARCH)
    result = overall(survey_results(survey.id, make_user(), ReportFilters()))
    assert [label for label, _, _ in result.by_year.rows()] == ["2025", "2026"]
    assert [total.text for _, _, total in result.by_year.rows()] == ["5", "6"]


def test_one_year_has_no_year_on_year_table(survey):
    add_responses(survey, 6, {"overall": "5"})
    assert overall(survey_results(survey.id, make_user(), ReportFilters())).by_year is None


def test_partner_lead_counts_only_their_partners_responses(survey):
    ours, theirs = make_partner(), make_partner()
    add_responses(survey, 6, {"overall": "5"}, partner_id=ours.id)
    add_responses(survey, 9, {"overall": "5"}, partner_id=theirs.id)
    lead = make_user(role="partner_lead", partner=ours)
    assert survey_results(survey.id, lead, ReportFilters()).respondents.text == "6"
    assert survey_results(survey.id, make_user(), ReportFilters()).respondents.text == "15"


def test_invitation_response_rate(survey):
    invitations = [make_invitation(survey)[0] for _ in range(10)]
    for invitation in invitations:
        invitation.sent_at = MARCH
    db.session.commit()
    for invitation in invitations[:5]:
        add_responses(survey, 1, {"overall": "4"}, invitation_id=invitation.id)
    rate = survey_results(survey.id, make_user(), ReportFilters()).response_rate
    assert (rate.sent.text, rate.responded.text, rate.rate) == ("10", "5", "50%")


def test_free_text_links_to_its_themes_with_sentiment(survey):
    responses = add_responses(survey, 6, {"better": "Shorter waits please"})
    comments = [make_comment(source="survey", answer_id=r.answers[0].id, response_id=r.id, sentiment_score=-0.5)
                for r in responses]
    theme = make_theme("Waiting times", comments=comments)
    make_theme("Rejected", comments=comments[:5], status="rejected")
    text = survey_results(survey.id, make_user(), ReportFilters()).free_text[0]
    assert [(link.theme_id, link.label, link.comments.text, link.mean_sentiment) for link in text.themes] == [
        (theme.id, "Waiting times", "6", -0.5)]


def test_unknown_survey_is_not_found(app_context):
    with pytest.raises(NotFound):
        survey_results(999, make_user(), ReportFilters())


def add_ratings(survey, count: int) -> list[str]:
    """``count`` more rating questions on the current version; returns their keys."""
    keys = [f"extra_{n}" for n in range(count)]
    for n, key in enumerate(keys):
        survey.current_version.questions.append(Question(
            position=10 + n, key=key, kind="rating", prompt=f"Extra {n}?",
            options=[{"value": str(v), "label": str(v)} for v in range(1, 6)]))
    db.session.commit()
    return keys


def test_many_questions_read_in_batches_keep_their_own_counts(survey):
    # More questions than one query reads together, answered differently, so a mix-up between them shows.
    keys = add_ratings(survey, 11)
    add_responses(survey, 5, {key: str(1 + n % 5) for n, key in enumerate(keys)}, locality="North")
    add_responses(survey, 6, {key: str(1 + (n + 2) % 5) for n, key in enumerate(keys)}, locality="South")
    results = survey_results(survey.id, make_user(), ReportFilters(by="locality"))
    for n, key in enumerate(keys):
        result = overall(results, key)
        expected = {str(v): "0" for v in range(1, 6)}
        expected[str(1 + n % 5)] = "5"
        expected[str(1 + (n + 2) % 5)] = "6"
        assert rows(result.breakdown) == expected, key
        table = {label: [cell.text for cell, _ in cells] for label, cells, _ in result.by_group.rows()}
        assert table["North"][n % 5] == "5" and table["South"][(n + 2) % 5] == "6"


def test_a_question_nobody_answered_counts_nothing(survey):
    add_ratings(survey, 1)
    add_responses(survey, 6, {"overall": "5"})
    result = overall(survey_results(survey.id, make_user(), ReportFilters()), "extra_0")
    assert rows(result.breakdown) == {str(v): "0" for v in range(1, 6)}
    assert result.mean is None


def test_unanswered_questions_in_a_response_do_not_count(survey):
    keys = add_ratings(survey, 2)
    add_responses(survey, 7, {keys[0]: "3"})
    add_responses(survey, 5, {keys[1]: "2", keys[0]: "3"})
    results = survey_results(survey.id, make_user(), ReportFilters())
    assert overall(results, keys[0]).breakdown.total.text == "12"
    assert overall(results, keys[1]).breakdown.total.text == "5"
    assert results.respondents.text == "12"
