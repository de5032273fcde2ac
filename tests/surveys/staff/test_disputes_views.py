"""The disputes page: roles, partner slice, charts each followed by their table, the date filter."""

import pytest

from tests.factories import make_partner
from tests.html import error_messages, link_hrefs, main_text, table_captions, table_rows, text_of, title_text
from tests.surveys.services.report.test_disputes import known  # noqa: F401 - the fixture
from tests.surveys.staff.test_dashboard_views import ALLOWED, REFUSED

URL = "/staff/disputes"
HALF_YEAR = "from=2026-01-01&to=2026-06-30"


@pytest.mark.parametrize("role", ALLOWED + REFUSED)
def test_role_matrix(client_request, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    client_request.get(URL, expected_status=200 if role in ALLOWED else 403)


def test_every_chart_is_followed_by_its_table(client_request, known):  # noqa: F811
    client_request.sign_in_as("complaints_officer")
    page = client_request.get(f"{URL}?{HALF_YEAR}")
    charts = page.select("div.app-chart")
    assert len(charts) == 4
    for chart in charts:
        svg, scroller = chart.find_all(recursive=False)[:2]
        assert svg.name == "svg" and svg.get("role") == "img" and text_of(svg.select_one("title"))
        assert scroller.get("class") == ["app-table-scroll"] and scroller.select_one("table") is not None
    assert table_captions(page) == ["Disputes received by kind", "Disputes in the largest themes by kind",
                                    "Disputes in the largest themes by outcome",
                                    "Disputes in the largest themes by quarter received"]


def _rows(page, caption: str) -> dict[str, list[str]]:
    """The rows of the table with ``caption``, by their first cell."""
    table = next(t for t in page.select("table") if text_of(t.select_one("caption")) == caption)
    return {row[0]: row[1:] for row in table_rows(table)}


def test_counts_on_the_page_are_suppressed(client_request, known):  # noqa: F811
    client_request.sign_in_as("analyst")
    page = client_request.get(f"{URL}?{HALF_YEAR}")
    assert _rows(page, "Disputes in the largest themes by kind")["Transport"] == [
        "fewer than 5", "fewer than 5", "0 (0%)", "0 (0%)", "6 (67%)", "9"]
    assert _rows(page, "Disputes in the largest themes by quarter received") == {
        "Transport": ["9 (100%)", "0 (0%)", "9"], "Waiting": ["0 (0%)", "7 (100%)", "7"]}


def test_partner_lead_sees_their_slice(client_request, known):  # noqa: F811
    client_request.sign_in_as("partner_lead", known["ours"])
    page = client_request.get(f"{URL}?{HALF_YEAR}")
    words = text_of(page)
    assert "Transport" in words and "Waiting" not in str(page) and "for Ours" in main_text(page)


def test_period_outside_the_data_shows_no_themes(client_request, known):  # noqa: F811
    client_request.sign_in_as("analyst")
    page = client_request.get(f"{URL}?from=2025-01-01&to=2025-03-31")
    assert "No disputes received in this period have been placed in themes." in main_text(page)


def test_bad_dates_get_a_clear_message(client_request):
    client_request.sign_in_as("analyst")
    page = client_request.get(f"{URL}?from=2026-03-01&to=2026-01-01", expected_status=400)
    assert error_messages(page) == ["The end date must be the same as or after the start date"]
    assert title_text(page).startswith("Error: ")


def test_dashboard_links_to_disputes(client_request):
    client_request.sign_in_as("viewer")
    assert URL in link_hrefs(client_request.get("/staff/dashboard"))
