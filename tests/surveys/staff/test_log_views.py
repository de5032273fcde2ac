"""The action and impact log at /staff/log: rows, filters, partner scoping and who may open it."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from surveys.models import ROLES, Action, ActionUpdate, BoardMeeting, Milestone, db
from surveys.services.act.rag import RAG_RULES
from surveys.services.platform.calendar import today
from tests.factories import PASSWORD, make_comment, make_partner, make_theme, make_user
from tests.html import check_page

LOG_READERS = {"admin", "coproduction_lead", "pcf_rep", "analyst", "partner_lead", "viewer"}


def make_action(partner, title, **fields) -> Action:
    made = Action(title=title, partner=partner, created_at=datetime(2026, 1, 5, 12, tzinfo=UTC), **fields)
    db.session.add(made)
    db.session.commit()
    return made


def page(client, query: str = "") -> BeautifulSoup:
    response = client.get(f"/staff/log{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    return BeautifulSoup(html, "html.parser")


def titles(soup: BeautifulSoup) -> list[str]:
    return [th.strong.get_text() for th in soup.select("tbody th[scope=row]")]


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
def test_who_may_read_the_log(client, login, app_context, role):
    user = make_user(role=role, partner=make_partner() if role == "partner_lead" else None)
    login(user.email, PASSWORD)
    assert client.get("/staff/log").status_code == (200 if role in LOG_READERS else 403)


def test_signed_out_people_are_sent_to_sign_in(client, app_context):
    response = client.get("/staff/log")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_rows_most_urgent_first_with_reasons_and_slippage(client, login, two_partners):
    login(make_user(role="viewer").email, PASSWORD)
    soup = page(client)
    assert titles(soup) == ["Shorter waits", "New transport line", "Speech therapy drop-ins"]
    first = soup.select("tbody tr")[0]
    cells = first.select("td")
    assert cells[0].select_one(".govuk-tag").get_text(strip=True) == "Red"
    assert "The target date passed 3 days ago." in cells[0].get_text()
    assert "Days past target" in cells[1].get_text() and "3" in cells[1].select("dd")[0].get_text()
    assert "Council SEND team" in first.th.get_text()
    second = soup.select("tbody tr")[1].select("td")
    assert "Contract signed." in second[2].get_text()
    assert soup.select("tbody tr")[2].select_one(".govuk-tag").get_text(strip=True) == "Complete"


def test_the_rules_are_on_the_page(client, login, app_context):
    login(make_user(role="analyst").email, PASSWORD)
    listed = [li.get_text(strip=True) for li in page(client).select("ul.govuk-list--bullet li")]
    assert listed == list(RAG_RULES)


def test_partner_lead_sees_only_their_partners_actions(client, login, two_partners):
    council, icb, _ = two_partners
    login(make_user(role="partner_lead", partner=council).email, PASSWORD)
    assert titles(page(client)) == ["Shorter waits"]
    assert titles(page(client, f"?partner={icb.id}")) == []
    assert page(client).select_one("select#partner") is None  # nothing to choose between


@pytest.mark.parametrize("query, expected", [
    ("?status=planned", ["New transport line"]),
    ("?rag=red", ["Shorter waits"]),
    ("?rag=complete", ["Speech therapy drop-ins"]),
    ("?status=planned&rag=red", []),
    ("?status=nonsense&rag=purple&partner=abc", ["Shorter waits", "New transport line", "Speech therapy drop-ins"]),
])
def test_filters(client, login, two_partners, query, expected):
    login(make_user(role="coproduction_lead").email, PASSWORD)
    assert titles(page(client, query)) == expected


def test_partner_filter_and_chosen_options_stay_selected(client, login, two_partners):
    _, icb, _ = two_partners
    login(make_user(role="admin").email, PASSWORD)
    soup = page(client, f"?partner={icb.id}&status=completed")
    assert titles(soup) == ["Speech therapy drop-ins"]
    assert soup.select_one("select#partner option[selected]")["value"] == str(icb.id)
    assert soup.select_one("select#status option[selected]")["value"] == "completed"
    assert soup.select_one("select#rag").find_parent("form")["method"] == "get"


def test_export_links_keep_the_filters(client, login, two_partners):
    _, icb, _ = two_partners
    login(make_user(role="admin").email, PASSWORD)
    links = [a["href"] for a in page(client, f"?partner={icb.id}&rag=red").select("a") if "exports" in a["href"]]
    assert links == [f"/staff/exports/log.csv?partner={icb.id}&rag=red",
                     f"/staff/exports/log.xlsx?partner={icb.id}&rag=red"]
    plain = [a["href"] for a in page(client).select("a") if "exports" in a["href"]]
    assert plain == ["/staff/exports/log.csv", "/staff/exports/log.xlsx"]


def test_no_update_since_the_board_and_overdue_milestone(client, login, app_context):
    day = today()
    db.session.add(BoardMeeting(meets_on=day - timedelta(days=10)))
    make_action(make_partner(), "Parent workshops",
                milestones=[Milestone(title="Book venues", due_on=day - timedelta(days=5))])
    login(make_user(role="viewer").email, PASSWORD)
    slippage = page(client).select("tbody tr")[0].select("td")[1]
    values = [dd.get_text(strip=True) for dd in slippage.select("dd")]
    assert values[1].startswith("Book venues (due ")
    assert values[2] == "Yes"


def test_impact_before_and_after_with_its_numbers(client, login, app_context):
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
    login(make_user(role="viewer").email, PASSWORD)
    impact = page(client).select("tbody tr")[0].select("td")[3].get_text(" ", strip=True)
    assert "Share of comments in the theme “Waiting for plans”" in impact
    assert "25% (5 of 20 comments)" in impact and "50% (10 of 20 comments)" in impact
    assert "Up 25 percentage points, from 25% to 50%." in impact


def test_menu_marks_the_log_not_actions(client, login, app_context):
    login(make_user(role="viewer").email, PASSWORD)
    soup = page(client)
    active = soup.select(".govuk-service-navigation__item--active a")
    assert [a["href"] for a in active] == ["/staff/log"]


def test_print_style_sheet_hides_the_menu_and_filters(client, login, app_context):
    css = client.get("/static/css/main.css")
    if css.status_code == 404:
        pytest.skip("assets not built (scripts/build-assets)")
    text = css.get_data(as_text=True)
    assert ".app-no-print{display:none !important}" in text.replace(",\n", ",")
    assert ".govuk-service-navigation" in text and "@page" in text
    login(make_user(role="viewer").email, PASSWORD)
    soup = page(client)
    assert soup.select_one(".app-no-print form select#status") is not None
