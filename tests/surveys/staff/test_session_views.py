"""Co-production session mode: who may run it, moving through themes by links, recording the forum's view."""

import pytest
from bs4 import BeautifulSoup

from surveys.models import Action, ForumView, db
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD, make_comment, make_partner, make_theme, make_user
from tests.html import check_page

SESSION = {"admin", "coproduction_lead", "pcf_rep"}
ROLES = ("admin", "coproduction_lead", "pcf_rep", "analyst", "partner_lead", "complaints_officer",
         "safeguarding_lead", "viewer")


def sign_in(login, role):
    user = make_user(role, partner=make_partner() if role == "partner_lead" else None)
    login(user.email, PASSWORD)
    return user


def parsed(response, status=200) -> BeautifulSoup:
    assert response.status_code == status
    html = response.get_data(as_text=True)
    check_page(html)
    return BeautifulSoup(html, "html.parser")


@pytest.fixture
def themes(app_context):
    comments = [make_comment(f"We waited months for the review ({i})", consent_quote=True, audience="parent_carer")
                for i in range(6)]
    first = make_theme("Annual reviews are late", comments, status="reviewed", public=True,
                       what_this_means="Reviews often happen after the date the law sets.")
    second = make_theme("Transport", [make_comment("The bus was late")], status="reviewed")
    make_theme("Not yet reviewed", [make_comment("x") for _ in range(3)])
    partner = make_partner()
    db.session.add(Action(title="An annual review tracker", partner_id=partner.id, themes=[first]))
    db.session.commit()
    return first, second


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client, login, themes, role):
    sign_in(login, role)
    expected = 200 if role in SESSION else 403
    assert client.get("/staff/session").status_code == expected
    assert client.get("/staff/session/2").status_code == expected
    assert client.get(f"/staff/session?theme={themes[1].id}").status_code == expected
    token = csrf_token_from(client.get("/staff/").get_data(as_text=True))
    posted = client.post("/staff/session/1", data={"csrf_token": token, "view": "agree",
                                                   "meeting_on": ["12", "1", "2026"]})
    assert posted.status_code == (302 if role in SESSION else 403)


def test_the_first_theme_with_counts_quotes_actions_and_links(client, login, themes):
    sign_in(login, "pcf_rep")
    page = parsed(client.get("/staff/session"))
    assert page.h1.get_text(strip=True) == "Annual reviews are late"
    assert "govuk-heading-xl" in page.h1["class"]
    assert page.select_one("#comment-count").get_text(strip=True) == "6 comments."
    assert len(page.select("blockquote")) == 3
    assert [li.get_text(strip=True) for li in page.select("#actions li")] == ["An annual review tracker"]
    nav = page.select_one("nav[aria-label='Themes in this session']")
    assert [a.get_text(strip=True) for a in nav.select("a")] == ["Next theme"]
    assert nav.select_one("a")["href"] == "/staff/session/2"


def test_a_theme_by_id_and_by_position(client, login, themes):
    sign_in(login, "coproduction_lead")
    page = parsed(client.get(f"/staff/session?theme={themes[1].id}"))
    assert page.h1.get_text(strip=True) == "Transport"
    assert page.select_one("#comment-count").get_text(strip=True) == "fewer than 5 comments."
    links = [a.get_text(strip=True) for a in page.select("nav[aria-label='Themes in this session'] a")]
    assert links == ["Previous theme"]
    assert "No quotes to show" in page.get_text(" ", strip=True)


@pytest.mark.parametrize("url", ["/staff/session/3", "/staff/session/0", "/staff/session?theme=99999"])
def test_outside_the_session_is_not_found(client, login, themes, url):
    sign_in(login, "coproduction_lead")
    assert client.get(url).status_code == 404


def test_a_proposed_theme_is_not_in_the_session(client, login, app_context):
    proposed = make_theme("Proposed")
    sign_in(login, "coproduction_lead")
    assert client.get(f"/staff/session?theme={proposed.id}").status_code == 404
    page = parsed(client.get("/staff/session"))
    assert "There are no reviewed themes to discuss yet" in page.get_text(" ", strip=True)


def test_recording_the_forums_view_shows_it_here_and_on_the_theme_page(client, login, themes):
    sign_in(login, "pcf_rep")
    token = csrf_token_from(client.get("/staff/session/1").get_data(as_text=True))
    response = client.post("/staff/session/1", data={"csrf_token": token, "view": "partly",
                                                     "meeting_on": ["12", "1", "2026"],
                                                     "note": "The wait for EPs is missing"})
    assert response.status_code == 302 and response.location.endswith("/staff/session/1#forum-views")
    view = db.session.scalar(db.select(ForumView))
    assert (view.theme_id, view.view, view.meeting_on.isoformat()) == (themes[0].id, "partly", "2026-01-12")
    page = parsed(client.get("/staff/session/1"))
    assert "12 January 2026: The forum partly agrees. The wait for EPs is missing" in page.get_text(" ", strip=True)
    theme_page = parsed(client.get(f"/staff/themes/{themes[0].id}"))
    said = theme_page.select_one("#forum-views").find_next("p").get_text(" ", strip=True)
    assert said == "12 January 2026: The forum partly agrees. The wait for EPs is missing"


def test_form_errors(client, login, themes):
    sign_in(login, "coproduction_lead")
    token = csrf_token_from(client.get("/staff/session/1").get_data(as_text=True))
    page = parsed(client.post("/staff/session/1", data={"csrf_token": token, "view": "maybe",
                                                        "meeting_on": ["", "13", "2026"], "note": "x" * 5001}))
    assert page.title.get_text().startswith("Error: ")
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [
        "Select whether the forum agrees", "What the forum said must be 5,000 characters or fewer",
        "Date of the meeting must include a day"]
    page = parsed(client.post("/staff/session/1", data={"csrf_token": token}))
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [
        "Select whether the forum agrees", "Enter the date of the meeting"]
    page = parsed(client.post("/staff/session/1", data={"csrf_token": token, "view": "agree",
                                                        "meeting_on": ["1", "1", "2999"]}))
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [
        "Date of the meeting must be today or in the past"]
    assert db.session.scalar(db.select(db.func.count(ForumView.id))) == 0
