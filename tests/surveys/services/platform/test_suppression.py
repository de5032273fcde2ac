"""The one small-number rule: counts 1 to 4 hidden, their percentages hidden, and a second cell where needed."""

import pytest

from surveys.config import ConfigError, load_config
from surveys.services.platform.suppression import suppress_breakdown, suppress_count, suppress_grid


def texts(grid):
    return [[cell.text for cell in row] for row in grid.cells]


def test_counts_from_one_to_four_read_fewer_than_five():
    assert [suppress_count(n, 5).text for n in (0, 1, 4, 5, 1234)] == [
        "0", "fewer than 5", "fewer than 5", "5", "1,234"]
    assert suppress_count(3, 5).shown is None and suppress_count(5, 5).shown == 5


def test_a_breakdown_hides_the_small_count_its_percentage_and_a_second_cell():
    breakdown = suppress_breakdown({"North": 40, "South": 3, "East": 12, "West": 25}, 5)
    shown = {label: (cell.text, share) for label, cell, share in breakdown.rows}
    # South is small; with the total shown, South = 80 - 40 - 12 - 25, so the next smallest (East) goes too.
    assert shown == {"North": ("40", "50%"), "South": ("fewer than 5", ""), "East": ("not shown", ""),
                     "West": ("25", "31%")}
    assert breakdown.total.text == "80"


def test_no_secondary_suppression_when_nothing_is_small():
    breakdown = suppress_breakdown({"Yes": 10, "No": 30}, 5)
    assert [(cell.text, share) for _, cell, share in breakdown.rows] == [("10", "25%"), ("30", "75%")]


def test_two_small_cells_protect_each_other():
    breakdown = suppress_breakdown({"a": 2, "b": 3, "c": 50}, 5)
    assert [cell.suppressed for _, cell, _ in breakdown.rows] == [True, True, False]


def test_zeros_are_shown_and_never_chosen_as_the_second_cell():
    breakdown = suppress_breakdown({"a": 0, "b": 2, "c": 9, "d": 30}, 5)
    assert [cell.text for _, cell, _ in breakdown.rows] == ["0", "fewer than 5", "not shown", "30"]


def test_a_total_that_would_equal_the_one_hidden_count_is_hidden():
    breakdown = suppress_breakdown({"a": 0, "b": 3}, 5)
    assert breakdown.total.suppressed


def test_grid_secondary_suppression_holds_in_rows_and_columns():
    grid = suppress_grid([[20, 2, 30], [15, 40, 25], [10, 12, 9]], 5)
    hidden = [[cell.suppressed for cell in row] for row in grid.cells]
    for row in hidden:  # no row with exactly one hidden cell
        assert sum(row) != 1
    for column in zip(*hidden, strict=True):  # no column with exactly one hidden cell
        assert sum(column) != 1
    assert hidden[0][1]  # the small one
    assert [t.text for t in grid.row_totals] == ["52", "80", "31"]


def test_the_threshold_is_configurable_but_never_below_three(tmp_path):
    assert suppress_count(5, 10).text == "fewer than 10"
    settings = load_config("testing", str(tmp_path), environ={"SUPPRESSION_THRESHOLD": "10"})
    assert settings["SUPPRESSION_THRESHOLD"] == 10
    with pytest.raises(ConfigError, match="3 or more"):
        load_config("testing", str(tmp_path), environ={"SUPPRESSION_THRESHOLD": "2"})
