"""The action and impact log at /staff/log: rows, filters, partner scoping and who may open it."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from surveys.models import ROLES, Action, ActionUpdate, BoardMeeting, Milestone, db
from surveys.services.act.rag import RAG_RULES
from surveys.services.platform.calendar import today
from tests.factories import make_comment, make_partner, make_theme
from tests.html import description_list, link_hrefs, text_of

LOG_READERS = {"admin", "coproduction_lead", "pcf_rep", "analyst", "partner_lead", "viewer"}


def make_action(partner, title, **fields) -> Action:
    made = Action(title=title, partner=partner, created_at=datetime(2026, 1, 5, 12, tzinfo=UTC), **fields)
    db.session.add(made)
    db.session.commit()
    return made


def titles(page: BeautifulSoup) -> list[str]:
    """The actions in the log, in order."""
    return [text_of(th.strong) for th in page.select("tbody th[scope=row]")]


def export_links(page: BeautifulSoup) -> list[str]:
    return [href for href in link_hrefs(page) if "exports" in href]


@pytest.fixture
def two_partners(app_context):
    council, icb = make_partner("Council SEND team"), make_partner("North ICB", kind="icb")
    day = today()
    make_action(council, "Shorter waits", status="in_progress", target_date=day - timedelta(days=3))
    done = make_action(icb, "Speech therapy drop-ins", status="completed")
    make_action(icb, "New transport line", status="planned", target_date=day + timedelta(days=100),
                updates=[ActionUpdate(kind="update", body="Contract signed.", created_at=datetime.now(UTC))])
    return council, icb, done


@pytest.mark.parametrize("role", sorted(ROLES))
def test_who_may_read_the_log(client_request, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    client_request.get("/staff/log", expected_status=200 if role in LOG_READERS else 403)


def test_signed_out_people_are_sent_to_sign_in(client_request):
    client_request.get("/staff/log", expected_status=302, expected_redirect="/staff/login")


def test_rows_most_urgent_first_with_reasons_and_slippage(client_request, two_partners):
    client_request.sign_in_as("viewer")
    page = client_request.get("/staff/log")
    assert titles(page) == ["Shorter waits", "New transport line", "Speech therapy drop-ins"]
    first, second, third = page.select("tbody tr")
    cells = first.select("td")
    assert text_of(cells[0].select_one(".govuk-tag")) == "Red"
    assert "The target date passed 3 days ago." in [text_of(li) for li in cells[0].select("li")]
    assert description_list(cells[1])["Days past target"] == "3"
    assert "Council SEND team" in text_of(first.th)
    assert "Contract signed." in text_of(second.select("td")[2])
    assert text_of(third.select_one(".govuk-tag")) == "Complete"


def test_the_rules_are_on_the_page(client_request):
    client_request.sign_in_as("analyst")
    page = client_request.get("/staff/log")
    assert [text_of(li) for li in page.select("ul.govuk-list--bullet li")] == list(RAG_RULES)


def test_partner_lead_sees_only_their_partners_actions(client_request, two_partners):
    council, icb, _ = two_partners
    client_request.sign_in_as("partner_lead", council)
    page = client_request.get("/staff/log")
    assert titles(page) == ["Shorter waits"]
    assert titles(client_request.get(f"/staff/log?partner={icb.id}")) == []
    assert page.select_one("select#partner") is None  # nothing to choose between


@pytest.mark.parametrize("query, expected", [
    ("?status=planned", ["New transport line"]),
    ("?rag=red", ["Shorter waits"]),
    ("?rag=complete", ["Speech therapy drop-ins"]),
    ("?status=planned&rag=red", []),
    ("?status=nonsense&rag=purple&partner=abc", ["Shorter waits", "New transport line", "Speech therapy drop-ins"]),
])
def test_filters(client_request, two_partners, query, expected):
    client_request.sign_in_as("coproduction_lead")
    assert titles(client_request.get(f"/staff/log{query}")) == expected


def test_partner_filter_and_chosen_options_stay_selected(client_request, two_partners):
    _, icb, _ = two_partners
    client_request.sign_in_as("admin")
    page = client_request.get(f"/staff/log?partner={icb.id}&status=completed")
    assert titles(page) == ["Speech therapy drop-ins"]
    assert page.select_one("select#partner option[selected]")["value"] == str(icb.id)
    assert page.select_one("select#status option[selected]")["value"] == "completed"
    assert page.select_one("select#rag").find_parent("form")["method"] == "get"


def test_export_links_keep_the_filters(client_request, two_partners):
    _, icb, _ = two_partners
    client_request.sign_in_as("admin")
    assert export_links(client_request.get(f"/staff/log?partner={icb.id}&rag=red")) == [
        f"/staff/exports/log.csv?partner={icb.id}&rag=red", f"/staff/exports/log.xlsx?partner={icb.id}&rag=red"]
    assert export_links(client_request.get("/staff/log")) == ["/staff/exports/log.csv", "/staff/exports/log.xlsx"]


def test_no_update_since_the_board_and_overdue_milestone(client_request):
    day = today()
    db.session.add(BoardMeeting(meets_on=day - timedelta(days=10)))
    make_action(make_partner(), "Parent workshops",
                milestones=[Milestone(title="Book venues", due_on=day - timedelta(days=5))])
    client_request.sign_in_as("viewer")
    slippage = description_list(client_request.get("/staff/log").select("tbody tr")[0].select("td")[1])
    assert slippage["Overdue milestones"].startswith("Book venues (due ")
    assert slippage["No update since the last board meeting"] == "Yes"


def test_impact_before_and_after_with_its_numbers(client_request):
    day = today()
    start = day - timedelta(days=30)
    before = datetime.combine(start - timedelta(days=10), datetime.min.time(), UTC) + timedelta(hours=12)
    after = datetime.combine(start + timedelta(days=10), datetime.min.time(), UTC) + timedelta(hours=12)
    members = [make_comment(received_at=before) for _ in range(5)] + [make_comment(received_at=after)
                                                                      for _ in range(10)]
    theme = make_theme("Waiting for plans", comments=members)
    for when in [before] * 15 + [after] * 10:
        make_comment(received_at=when)
    make_action(make_partner(), "Shorter waits", start_date=start, impact_window_days=30,
                impact_kind="theme_share", impact_theme_id=theme.id)
    client_request.sign_in_as("viewer")
    impact = client_request.get("/staff/log").select("tbody tr")[0].select("td")[3]
    paragraphs = [text_of(p) for p in impact.select("p")]
    assert paragraphs[0] == "Share of comments in the theme “Waiting for plans”"
    assert "25% (5 of 20 comments)" in paragraphs[1] and paragraphs[1].startswith("Before")
    assert "50% (10 of 20 comments)" in paragraphs[2] and paragraphs[2].startswith("After")
    assert paragraphs[3] == "Up 25 percentage points, from 25% to 50%."


def test_menu_marks_the_log_not_actions(client_request):
    client_request.sign_in_as("viewer")
    page = client_request.get("/staff/log")
    assert [a["href"] for a in page.select(".govuk-service-navigation__item--active a")] == ["/staff/log"]


def test_print_style_sheet_hides_the_menu_and_filters(client_request):
    css = client_request.client.get("/static/css/main.css")
    assert css.status_code == 200, "assets not built (scripts/build-assets)"
    text = css.get_data(as_text=True)
    assert ".app-no-print{display:none !important}" in text.replace(",\n", ",")
    assert ".govuk-service-navigation" in text and "@page" in text
    client_request.sign_in_as("viewer")
    assert client_request.get("/staff/log").select_one(".app-no-print form select#status") is not None
