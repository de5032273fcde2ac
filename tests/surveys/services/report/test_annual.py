"""The annual report from a year's publications: the final state and what changed across the year."""

import pytest

from surveys.services.platform.errors import Invalid
from surveys.services.report.annual import annual_report, parse_year
from tests.surveys.services.report.reports_data import two_publications


def test_built_from_the_years_publications(app_context):
    two_publications()
    report = annual_report(2026)
    assert [publication.version for publication in report.publications] == [2, 3]
    assert [theme["title"] for theme in report.themes] == ["Waiting for CAMHS", "School transport"]
    assert report.action_count == 2
    assert report.changes == {"New themes": 2, "New actions": 2, "Changes of an action's status": 1,
                              "Progress updates": 1}
    assert report.statuses == {"Completed": 1, "In progress": 1}


def test_a_year_without_publications_is_empty(app_context):
    two_publications()
    assert annual_report(2024).publications == []
    assert [p.version for p in annual_report(2025).publications] == [1]


@pytest.mark.parametrize("value", ["twenty", "26", "1999", "2026x", "٢٠٢٦"])
def test_a_year_must_be_four_digits(value):
    with pytest.raises(Invalid):
        parse_year(value, 2026)


def test_no_year_means_the_default():
    assert parse_year(None, 2026) == 2026 and parse_year(" 2025 ", 2026) == 2025
