"""Co-production session mode: who may run it, moving through themes by links, recording the forum's view."""

import pytest

from surveys.models import Action, ForumView, db
from tests.factories import make_comment, make_partner, make_theme
from tests.html import error_messages, h1_text, link_hrefs, main_text, text_of, title_text

SESSION = {"admin", "coproduction_lead", "pcf_rep"}
ROLES = ("admin", "coproduction_lead", "pcf_rep", "analyst", "partner_lead", "complaints_officer",
         "safeguarding_lead", "viewer")
SAID = "12 January 2026: The forum partly agrees. The wait for EPs is missing"


def theme_links(page) -> list[str]:
    """The words of the links that move through the session."""
    return [text_of(a) for a in page.select("nav[aria-label='Themes in this session'] a")]


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
def test_role_matrix(client_request, themes, role):
    client_request.sign_in_as(role, make_partner() if role == "partner_lead" else None)
    expected = 200 if role in SESSION else 403
    client_request.get("/staff/session", expected_status=expected)
    client_request.get("/staff/session/2", expected_status=expected)
    client_request.get(f"/staff/session?theme={themes[1].id}", expected_status=expected)
    client_request.post("/staff/session/1", {"view": "agree", "meeting_on": ["12", "1", "2026"]}, form_url="/staff/",
                        expected_status=302 if role in SESSION else 403)


def test_the_first_theme_with_counts_quotes_actions_and_links(client_request, themes):
    client_request.sign_in_as("pcf_rep")
    page = client_request.get("/staff/session")
    assert h1_text(page) == "Annual reviews are late"
    assert "govuk-heading-xl" in page.h1["class"]
    assert text_of(page.select_one("#comment-count")) == "6 comments."
    assert len(page.select("blockquote")) == 3
    assert [text_of(li) for li in page.select("#actions li")] == ["An annual review tracker"]
    assert theme_links(page) == ["Next theme"]
    assert link_hrefs(page.select_one("nav[aria-label='Themes in this session']")) == ["/staff/session/2"]


def test_a_theme_by_id_and_by_position(client_request, themes):
    client_request.sign_in_as("coproduction_lead")
    page = client_request.get(f"/staff/session?theme={themes[1].id}")
    assert h1_text(page) == "Transport"
    assert text_of(page.select_one("#comment-count")) == "fewer than 5 comments."
    assert theme_links(page) == ["Previous theme"]
    assert "No quotes to show" in main_text(page)


@pytest.mark.parametrize("url", ["/staff/session/3", "/staff/session/0", "/staff/session?theme=99999"])
def test_outside_the_session_is_not_found(client_request, themes, url):
    client_request.sign_in_as("coproduction_lead")
    client_request.get(url, expected_status=404)


def test_a_proposed_theme_is_not_in_the_session(client_request):
    proposed = make_theme("Proposed")
    client_request.sign_in_as("coproduction_lead")
    client_request.get(f"/staff/session?theme={proposed.id}", expected_status=404)
    assert "There are no reviewed themes to discuss yet" in main_text(client_request.get("/staff/session"))


def test_recording_the_forums_view_shows_it_here_and_on_the_theme_page(client_request, themes):
    client_request.sign_in_as("pcf_rep")
    client_request.post("/staff/session/1", {"view": "partly", "meeting_on": ["12", "1", "2026"],
                                             "note": "The wait for EPs is missing"},
                        expected_redirect="/staff/session/1")
    assert client_request.response.location.endswith("/staff/session/1#forum-views")
    view = db.session.scalar(db.select(ForumView))
    assert (view.theme_id, view.view, view.meeting_on.isoformat()) == (themes[0].id, "partly", "2026-01-12")
    page = client_request.get("/staff/session/1")
    assert [text_of(li) for li in page.select("#forum-views + ul li")] == [SAID]
    theme_page = client_request.get(f"/staff/themes/{themes[0].id}")
    assert text_of(theme_page.select_one("#forum-views").find_next("p")) == SAID


def test_form_errors(client_request, themes):
    client_request.sign_in_as("coproduction_lead")
    page = client_request.post("/staff/session/1", {"view": "maybe", "meeting_on": ["", "13", "2026"],
                                                    "note": "x" * 5001}, expected_status=200)
    assert title_text(page).startswith("Error: ")
    assert error_messages(page) == [
        "Select whether the forum agrees", "What the forum said must be 5,000 characters or fewer",
        "Date of the meeting must include a day"]
    page = client_request.post("/staff/session/1", expected_status=200)
    assert error_messages(page) == ["Select whether the forum agrees", "Enter the date of the meeting"]
    page = client_request.post("/staff/session/1", {"view": "agree", "meeting_on": ["1", "1", "2999"]},
                               expected_status=200)
    assert error_messages(page) == ["Date of the meeting must be today or in the past"]
    assert db.session.scalar(db.select(db.func.count(ForumView.id))) == 0
