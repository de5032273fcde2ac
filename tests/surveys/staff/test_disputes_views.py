"""The disputes page: roles, partner slice, charts each followed by their table, the date filter."""

import pytest

from tests.html import check_page
from tests.surveys.services.report.test_disputes import known  # noqa: F401 - the fixture
from tests.surveys.staff.test_dashboard_views import ALLOWED, REFUSED
from tests.surveys.staff.test_results_views import parsed, sign_in

HALF_YEAR = "from=2026-01-01&to=2026-06-30"


@pytest.mark.parametrize("role", ALLOWED + REFUSED)
def test_role_matrix(client, login, app_context, role):
    sign_in(login, role)
    assert client.get("/staff/disputes").status_code == (200 if role in ALLOWED else 403)


def test_every_chart_is_followed_by_its_table(client, login, known):  # noqa: F811
    sign_in(login, "complaints_officer")
    html = client.get(f"/staff/disputes?{HALF_YEAR}").get_data(as_text=True)
    check_page(html)
    charts = parsed(html).findall(".//div[@class='app-chart']")
    assert len(charts) == 4
    for chart in charts:
        svg, scroller = list(chart)[:2]
        assert svg.tag == "svg" and svg.get("role") == "img" and svg.find("title").text
        assert scroller.get("class") == "app-table-scroll" and scroller.find(".//table") is not None
    captions = [caption.text.strip() for caption in parsed(html).iter("caption")]
    assert captions == ["Disputes received by kind", "Disputes in the largest themes by kind",
                        "Disputes in the largest themes by outcome",
                        "Disputes in the largest themes by quarter received"]


def _rows(html: str, caption: str) -> dict[str, list[str]]:
    table = next(t for t in parsed(html).iter("table") if t.find("caption").text.strip() == caption)
    rows = table.findall("tbody/tr")
    return {row[0].text.strip(): ["".join(cell.itertext()).strip() for cell in row[1:]] for row in rows}


def test_counts_on_the_page_are_suppressed(client, login, known):  # noqa: F811
    sign_in(login, "analyst")
    html = client.get(f"/staff/disputes?{HALF_YEAR}").get_data(as_text=True)
    assert _rows(html, "Disputes in the largest themes by kind")["Transport"] == [
        "fewer than 5", "fewer than 5", "0 (0%)", "0 (0%)", "6 (67%)", "9"]
    assert _rows(html, "Disputes in the largest themes by quarter received") == {
        "Transport": ["9 (100%)", "0 (0%)", "9"], "Waiting": ["0 (0%)", "7 (100%)", "7"]}


def test_partner_lead_sees_their_slice(client, login, known):  # noqa: F811
    sign_in(login, "partner_lead", known["ours"])
    html = client.get(f"/staff/disputes?{HALF_YEAR}").get_data(as_text=True)
    assert "Transport" in html and "Waiting" not in html and "for Ours" in html


def test_period_outside_the_data_shows_no_themes(client, login, known):  # noqa: F811
    sign_in(login, "analyst")
    html = client.get("/staff/disputes?from=2025-01-01&to=2025-03-31").get_data(as_text=True)
    assert "No disputes received in this period have been placed in themes." in html


def test_bad_dates_get_a_clear_message(client, login, app_context):
    sign_in(login, "analyst")
    response = client.get("/staff/disputes?from=2026-03-01&to=2026-01-01")
    assert response.status_code == 400
    check_page(response.get_data(as_text=True))
    summary = parsed(response.get_data(as_text=True)).find(".//div[@class='govuk-error-summary']")
    assert "The end date must be the same as or after the start date" in "".join(summary.itertext())


def test_dashboard_links_to_disputes(client, login, app_context):
    sign_in(login, "viewer")
    html = client.get("/staff/dashboard").get_data(as_text=True)
    assert parsed(html).find(".//a[@href='/staff/disputes']") is not None
