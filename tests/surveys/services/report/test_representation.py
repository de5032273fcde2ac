"""The statistics of who is not being heard, on known figures."""

import pytest

from surveys.services.report.representation import (
    Comparison,
    Wording,
    compare,
    finding,
    findings,
    missing_pairs,
    percent,
    wilson_interval,
)

LOCALITY = Wording("Families in the {category} locality", "children and young people with EHC plans")


@pytest.mark.parametrize(("successes", "total", "low", "high"), [
    # Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (Wilson)
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (29, 29, 0.8830, 1.0),
])
def test_wilson_interval_matches_published_values(successes, total, low, high):
    interval = wilson_interval(successes, total)
    assert round(interval.low, 4) == low and round(interval.high, 4) == high


def test_wilson_interval_at_zero_is_exact_and_empty_total_is_everything():
    assert wilson_interval(0, 20).high == pytest.approx(1.959963984540054 ** 2 / (20 + 1.959963984540054 ** 2))
    interval = wilson_interval(0, 0)
    assert (interval.low, interval.high) == (0.0, 1.0)


def test_a_gap_is_real_only_when_the_local_share_is_outside_the_interval():
    # 8 of 100 responses (interval 4.1% to 15.0%) against 21%, 12% and 3% of the local figures
    assert Comparison("South", 8, 100, 21, 100).verdict == "under"
    assert Comparison("South", 8, 100, 12, 100).verdict == "in_line"
    assert Comparison("South", 8, 100, 3, 100).verdict == "over"
    assert Comparison("South", 0, 0, 3, 100).verdict == "unknown"


def test_compare_uses_only_responses_from_groups_in_the_baseline():
    rows = compare({"North": 30, "South": 8, "Elsewhere": 50}, {"North": 79, "South": 21})
    assert [(r.category, r.responses, r.respondents, r.baseline, r.baseline_total) for r in rows] == \
        [("North", 30, 38, 79, 100), ("South", 8, 38, 21, 100)]
    assert rows[1].interval_text == "11% to 36%"


def test_the_sentences_read_plainly():
    north, south = compare({"North": 92, "South": 8}, {"North": 79, "South": 21})
    assert finding(south, LOCALITY) == ("Families in the South locality are under-represented: 8% of responses "
                                        "against 21% of children and young people with EHC plans.")
    assert finding(north, LOCALITY).startswith("Families in the North locality are over-represented: 92%")


def test_nobody_from_a_group_reads_as_no_one_answered_with_the_period():
    wording = Wording("Families of children whose primary need is {lower}", "children and young people with EHC "
                      "plans", "since 1 January 2027")
    rows = compare({"Autism": 40}, {"Autism": 60, "Social, emotional and mental health": 40})
    assert findings(rows, wording) == [
        "No families of children whose primary need is social, emotional and mental health answered since "
        "1 January 2027, against 40% of children and young people with EHC plans.",
        "Families of children whose primary need is autism are over-represented since 1 January 2027: 100% of "
        "responses against 60% of children and young people with EHC plans.",
    ]


def test_a_small_count_is_never_given_in_a_sentence():
    rows = compare({"North": 96, "South": 3, "East": 0}, {"North": 50, "South": 30, "East": 20})
    south = next(r for r in rows if r.category == "South")
    assert south.count.suppressed and south.interval_text == ""
    assert finding(south, LOCALITY) == ("Families in the South locality are under-represented: fewer than 5 "
                                        "responses against 30% of children and young people with EHC plans.")


def test_a_gap_that_could_be_chance_has_no_sentence():
    assert findings(compare({"North": 6, "South": 4}, {"North": 50, "South": 50}), LOCALITY) == []


def test_percentages_never_round_a_real_share_to_zero():
    assert percent(0.004) == "less than 1%" and percent(0) == "0%" and percent(0.085) == "8%"


def test_missing_pairs_are_those_nobody_answered_from_beyond_chance():
    localities = {"north": 50, "south": 50}
    needs = {"semh": 20, "autism": 80}
    pairs = {("north", "autism"): 40, ("south", "autism"): 40, ("south", "semh"): 20}
    # north and semh: expected share 0.5 * 0.2 = 10%; nobody of 100 by chance: 0.9 ** 100, far below 2.5%
    missing = missing_pairs(pairs, localities, needs, 100)
    assert [(m.first, m.second) for m in missing] == [("north", "semh")]
    assert missing[0].expected_share == pytest.approx(0.1)
    assert missing[0].chance_of_nobody == pytest.approx(0.9 ** 100)


def test_missing_pairs_allow_for_chance_with_few_responses():
    # with 30 responses nobody from a 10% group happens 4.2% of the time: not reported
    pairs = {("north", "autism"): 12, ("south", "autism"): 12, ("south", "semh"): 6}
    assert missing_pairs(pairs, {"north": 50, "south": 50}, {"semh": 20, "autism": 80}, 30) == []
    assert missing_pairs({}, {}, {}, 0) == []
