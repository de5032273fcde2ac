"""Staff action pages: who may open and post each route, scoping, form errors, history shown, CSRF, the theme link."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from surveys.models import Action, ActionChange, ActionUpdate, Milestone, db
from surveys.services.act import actions as action_service
from surveys.services.act import milestones
from surveys.services.act.rules import ActionData
from surveys.services.platform import calendar
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD, make_partner, make_theme, make_user
from tests.html import check_page

TODAY = date(2026, 4, 2)
ROLES = ("admin", "coproduction_lead", "partner_lead", "pcf_rep", "analyst", "viewer", "complaints_officer",
         "safeguarding_lead")
EDITORS = {"admin", "coproduction_lead", "partner_lead"}
NOTE_TAKERS = {"admin", "pcf_rep"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(calendar, "today", lambda: TODAY)


@pytest.fixture
def world(app_context):
    ours, theirs = make_partner("Council SEND team"), make_partner("North ICB", kind="icb")
    theme = make_theme("Waiting for CAMHS", status="reviewed")
    boss = make_user("coproduction_lead")
    made = {}
    for name, partner in (("ours", ours), ("theirs", theirs)):
        made[name] = action_service.create_action(boss, ActionData(
            title=f"Action of {partner.name}", theme_ids=[theme.id], partner_id=partner.id,
            start_date=date(2026, 4, 1), target_date=date(2026, 9, 30)))
    step = milestones.add_milestone(boss, made["ours"], "Hire staff", date(2026, 6, 1))
    db.session.commit()
    return {"ours": ours, "theirs": theirs, "theme": theme, "action": made["ours"], "their_action": made["theirs"],
            "milestone": step}


def sign_in(login, role, world):
    user = make_user(role, partner=world["ours"] if role == "partner_lead" else None)
    login(user.email, PASSWORD)
    return user


def parsed(response, status=200) -> BeautifulSoup:
    assert response.status_code == status, response.status_code
    html = response.get_data(as_text=True)
    check_page(html)
    return BeautifulSoup(html, "html.parser")


def post_form(client, url, data):
    """Load the form page, then post it with its token, like a browser."""
    return client.post(url, data={"csrf_token": csrf_token_from(client.get(url).get_data(as_text=True)), **data})


def urls(world) -> dict[str, str]:
    action, step = world["action"].id, world["milestone"].id
    return {
        "list": "/staff/actions", "detail": f"/staff/actions/{action}", "new": "/staff/actions/new",
        "edit": f"/staff/actions/{action}/edit", "update": f"/staff/actions/{action}/update",
        "milestone_new": f"/staff/actions/{action}/milestones/new",
        "milestone_edit": f"/staff/actions/{action}/milestones/{step}/edit",
        "milestone_done": f"/staff/actions/{action}/milestones/{step}/done",
        "forum_note": f"/staff/actions/{action}/forum-note",
    }


def allowed(route: str, role: str) -> bool:
    if route in ("list", "detail"):
        return True
    if route == "forum_note":
        return role in NOTE_TAKERS
    return role in EDITORS


def history_count() -> int:
    return db.session.scalar(select(func.count(ActionChange.id)))


# --- Who may do what --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, login, world, role):
    sign_in(login, role, world)
    for route, url in urls(world).items():
        expected = 200 if allowed(route, role) else 403
        assert client.get(url).status_code == expected, (route, role)


@pytest.mark.parametrize("role", ROLES)
def test_post_matrix(client, login, world, role):
    """Every changing route refuses a POST from a role that may not use it, and saves nothing."""
    sign_in(login, role, world)
    token = csrf_token_from(client.get(urls(world)["detail"]).get_data(as_text=True))  # the sign-out form's token
    before = history_count()
    for route, url in urls(world).items():
        if route in ("list", "detail") or allowed(route, role):
            continue
        assert client.post(url, data={"csrf_token": token, "body": "Hello", "title": "X"}).status_code == 403
    assert history_count() == before


@pytest.mark.parametrize("role", ["analyst", "viewer", "pcf_rep", "complaints_officer", "safeguarding_lead"])
def test_read_only_roles_see_no_edit_links(client, login, world, role):
    sign_in(login, role, world)
    page = parsed(client.get(urls(world)["detail"]))
    links = {a["href"] for a in page.select("main a")}
    assert not any(href.endswith(("/edit", "/update", "/milestones/new", "/done")) for href in links)
    assert (urls(world)["forum_note"] in links) == (role == "pcf_rep")
    assert parsed(client.get("/staff/actions")).find("a", string="Start an action") is None


def test_partner_lead_gets_404_for_another_partners_action(client, login, world):
    sign_in(login, "partner_lead", world)
    theirs = world["their_action"].id
    for url in (f"/staff/actions/{theirs}", f"/staff/actions/{theirs}/edit", f"/staff/actions/{theirs}/update",
                f"/staff/actions/{theirs}/milestones/new",
                f"/staff/actions/{theirs}/milestones/{world['milestone'].id}/edit"):
        assert client.get(url).status_code == 404, url
    token = csrf_token_from(client.get("/staff/actions").get_data(as_text=True))
    assert client.post(f"/staff/actions/{theirs}/update", data={"csrf_token": token, "body": "x"}).status_code == 404
    rows = parsed(client.get("/staff/actions")).select("tbody tr")
    assert [row.a.text for row in rows] == ["Action of Council SEND team"]


def test_a_milestone_of_another_action_is_not_found(client, login, world):
    sign_in(login, "coproduction_lead", world)
    assert client.get(f"/staff/actions/{world['their_action'].id}/milestones/{world['milestone'].id}/edit"
                      ).status_code == 404


def test_menu_shows_actions(client, login, world):
    sign_in(login, "viewer", world)
    page = parsed(client.get("/staff/actions"))
    link = page.select_one(".govuk-service-navigation a[href='/staff/actions']")
    assert link is not None and link.text.strip() == "Actions"


# --- Creating and editing ---------------------------------------------------------------------------------------


def action_form(world, **changes) -> dict:
    values = {"title": "Text message reminders", "themes": [str(world["theme"].id)], "partner": str(world["ours"].id),
              "lead": "", "status": "planned", "status_reason": "", "start_date": ["1", "4", "2026"],
              "target_date": ["30", "9", "2026"], "what_this_means": "", "for_the_future": "", "impact_kind": "",
              "impact_question": "", "impact_theme": "", "impact_window_days": "180"}
    return values | changes


def error_links(page: BeautifulSoup) -> dict[str, str]:
    return {a["href"]: a.text.strip() for a in page.select(".govuk-error-summary a")}


def test_create_an_action(client, login, world):
    sign_in(login, "coproduction_lead", world)
    response = post_form(client, "/staff/actions/new", action_form(world, public="y"))
    assert response.status_code == 302
    action = db.session.scalar(select(Action).where(Action.title == "Text message reminders"))
    assert action.public and [t.id for t in action.themes] == [world["theme"].id]
    assert response.headers["Location"].endswith(f"/staff/actions/{action.id}")
    page = parsed(client.get(f"/staff/actions/{action.id}"))
    assert page.h1.text.strip() == "Text message reminders"
    assert page.select_one(".app-action-history tbody td:nth-of-type(3)").text.strip() == "Created"


def test_partner_lead_creates_for_their_own_partner(client, login, world):
    sign_in(login, "partner_lead", world)
    assert parsed(client.get("/staff/actions/new")).select_one("select#partner") is None
    response = post_form(client, "/staff/actions/new", action_form(world, partner=str(world["theirs"].id)))
    assert response.status_code == 302
    action = db.session.scalar(select(Action).where(Action.title == "Text message reminders"))
    assert action.partner_id == world["ours"].id


def test_form_errors_are_listed_and_nothing_is_saved(client, login, world):
    sign_in(login, "coproduction_lead", world)
    count = db.session.scalar(select(func.count(Action.id)))
    response = post_form(client, "/staff/actions/new", action_form(
        world, title="", themes=[], partner="", status="changed", start_date=["1", "5", "2026"],
        target_date=["1", "4", "2026"], impact_kind="theme_share", impact_window_days="5"))
    page = parsed(response)
    assert page.title.text.startswith("Error: ")
    assert error_links(page) == {
        "#title": "Enter a title", "#themes": "Select at least one theme",
        "#partner": "Select the partner that owns the action", "#status_reason": "Enter why the action changed",
        "#target_date": "Target date must be the same as or after the start date, 1 May 2026",
        "#impact_theme": "Select the theme to measure",
        "#impact_window_days": "Enter the window as a whole number of days between 30 and 730",
    }
    assert db.session.scalar(select(func.count(Action.id))) == count


def test_bad_date_boxes(client, login, world):
    sign_in(login, "coproduction_lead", world)
    page = parsed(post_form(client, "/staff/actions/new", action_form(world, start_date=["31", "2", "2026"],
                                                                      target_date=["", "9", "2026"])))
    assert error_links(page) == {"#start_date": "Start date must be a real date",
                                 "#target_date": "Target date must include a day"}


def test_propose_from_a_theme(client, login, world):
    sign_in(login, "coproduction_lead", world)
    theme = world["theme"]
    page = parsed(client.get(f"/staff/themes/{theme.id}"))
    link = page.find("a", string="Propose an action for this theme")
    assert link["href"] == f"/staff/actions/new?theme={theme.id}"
    form = parsed(client.get(link["href"]))
    box = form.select_one(f"input[name='themes'][value='{theme.id}']")
    assert box.has_attr("checked")


def test_viewer_gets_no_propose_link(client, login, world):
    sign_in(login, "viewer", world)
    page = parsed(client.get(f"/staff/themes/{world['theme'].id}"))
    assert page.find("a", string="Propose an action for this theme") is None
    see = page.find("a", string="See the actions for this theme")
    assert see["href"] == f"/staff/actions?theme={world['theme'].id}"


def test_edit_shows_old_and_new_in_the_history(client, login, world):
    sign_in(login, "partner_lead", world)
    action = world["action"]
    response = post_form(client, f"/staff/actions/{action.id}/edit", action_form(world, title="Quicker CAMHS",
                                                                                 status="in_progress"))
    assert response.status_code == 302
    page = parsed(client.get(f"/staff/actions/{action.id}"))
    latest = page.select_one(".app-action-history tbody tr")
    text = " ".join(latest.get_text(" ").split())
    assert "Edited" in text
    assert "Title : Action of Council SEND team → Quicker CAMHS" in text
    assert "Status : Planned → In progress" in text


def test_edit_form_starts_from_the_action(client, login, world):
    sign_in(login, "admin", world)
    page = parsed(client.get(f"/staff/actions/{world['action'].id}/edit"))
    assert page.select_one("input#title")["value"] == "Action of Council SEND team"
    assert page.select_one("input#target_date")["value"] == "30"


# --- Updates, forum notes, milestones ---------------------------------------------------------------------------


def test_update_with_status_change_needs_a_reason(client, login, world):
    sign_in(login, "coproduction_lead", world)
    url = f"/staff/actions/{world['action'].id}/update"
    page = parsed(post_form(client, url, {"body": "We stopped.", "status": "not_taken_forward"}))
    assert error_links(page) == {"#status_reason": "Enter why the action was not taken forward"}
    response = post_form(client, url, {"body": "We stopped.", "status": "not_taken_forward",
                                       "status_reason": "No money"})
    assert response.status_code == 302
    detail = parsed(client.get(f"/staff/actions/{world['action'].id}"))
    update = detail.select_one(".app-action-update").get_text(" ")
    assert "Status changed to not taken forward" in update and "We stopped." in update


def test_forum_note_by_pcf_rep(client, login, world):
    rep = sign_in(login, "pcf_rep", world)
    url = f"/staff/actions/{world['their_action'].id}/forum-note"
    assert error_links(parsed(post_form(client, url, {"body": ""}))) == {"#body": "Enter the forum's note"}
    assert post_form(client, url, {"body": "Families want dates."}).status_code == 302
    note = db.session.scalar(select(ActionUpdate).where(ActionUpdate.kind == "forum_note"))
    assert note.author_id == rep.id and note.action_id == world["their_action"].id


def test_milestone_add_and_done(client, login, world):
    sign_in(login, "partner_lead", world)
    action = world["action"]
    page = parsed(post_form(client, f"/staff/actions/{action.id}/milestones/new", {"title": "", "due_on": ""}))
    assert error_links(page) == {"#title": "Enter the milestone", "#due_on": "Enter the date the milestone is due"}
    assert post_form(client, f"/staff/actions/{action.id}/milestones/new",
                     {"title": "Train staff", "due_on": ["1", "7", "2026"]}).status_code == 302
    step = db.session.scalar(select(Milestone).where(Milestone.title == "Train staff"))
    url = f"/staff/actions/{action.id}/milestones/{step.id}/done"
    assert parsed(client.get(url)).select_one("input#done_on")["value"] == "2"  # today, to begin with
    page = parsed(post_form(client, url, {"done_on": ["3", "4", "2026"]}))
    assert error_links(page) == {"#done_on": "Date done must be today or in the past"}
    assert post_form(client, url, {"done_on": ["1", "4", "2026"]}).status_code == 302
    db.session.refresh(step)
    assert step.done_on == date(2026, 4, 1)


def test_csrf_is_checked(client, login, world):
    sign_in(login, "coproduction_lead", world)
    before = history_count()
    response = client.post(f"/staff/actions/{world['action'].id}/update", data={"body": "No token"})
    assert response.status_code == 400
    assert history_count() == before


def test_filters(client, login, world):
    sign_in(login, "viewer", world)
    rows = parsed(client.get(f"/staff/actions?partner={world['theirs'].id}")).select("tbody tr")
    assert [row.a.text for row in rows] == ["Action of North ICB"]
    rows = parsed(client.get("/staff/actions?status=completed")).select("tbody tr")
    assert rows == []
    rows = parsed(client.get(f"/staff/actions?theme={world['theme'].id}&partner=nonsense")).select("tbody tr")
    assert len(rows) == 2


def test_the_list_shows_and_filters_by_rag(client, login, world):
    """On TODAY (2 April) nothing is overdue and the target is months away: green; a red filter shows none."""
    sign_in(login, "coproduction_lead", world)
    page = parsed(client.get("/staff/actions"))
    rags = {row.select("td")[0].a.get_text(strip=True): row.select("td")[3].get_text(strip=True)
            for row in page.select("tbody tr")}
    assert rags == {"Action of Council SEND team": "Green", "Action of North ICB": "Green"}
    assert not parsed(client.get("/staff/actions?rag=red")).select("tbody tr")
    assert len(parsed(client.get("/staff/actions?rag=green")).select("tbody tr")) == 2
    assert len(parsed(client.get("/staff/actions?rag=purple")).select("tbody tr")) == 2  # unknown: all
