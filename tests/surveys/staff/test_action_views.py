"""Staff action pages: who may open and post each route, scoping, form errors, history shown, CSRF, the theme link."""

from datetime import date

import pytest
from sqlalchemy import func, select

from surveys.models import Action, ActionChange, ActionUpdate, Milestone, db
from surveys.services.act import actions as action_service
from surveys.services.act import milestones
from surveys.services.act.rules import ActionData
from surveys.services.platform import calendar
from tests.factories import make_partner, make_theme, make_user
from tests.html import error_summary_links, h1_text, link_hrefs, text_of, title_text

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


def listed(page) -> list[str]:
    """The actions in the list, in order."""
    return [text_of(row.select_one("a")) for row in page.select("tbody tr")]


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
def test_get_matrix(client_request, world, role):
    client_request.sign_in_as(role, world["ours"] if role == "partner_lead" else None)
    for route, url in urls(world).items():
        client_request.get(url, expected_status=200 if allowed(route, role) else 403)


@pytest.mark.parametrize("role", ROLES)
def test_post_matrix(client_request, world, role):
    """Every changing route refuses a POST from a role that may not use it, and saves nothing."""
    client_request.sign_in_as(role, world["ours"] if role == "partner_lead" else None)
    before = history_count()
    for route, url in urls(world).items():
        if route in ("list", "detail") or allowed(route, role):
            continue
        client_request.post(url, {"body": "Hello", "title": "X"}, form_url=urls(world)["detail"],  # sign-out's token
                            expected_status=403)
    assert history_count() == before


@pytest.mark.parametrize("role", ["analyst", "viewer", "pcf_rep", "complaints_officer", "safeguarding_lead"])
def test_read_only_roles_see_no_edit_links(client_request, world, role):
    client_request.sign_in_as(role)
    links = set(link_hrefs(client_request.get(urls(world)["detail"]).select_one("main")))
    assert not any(href.endswith(("/edit", "/update", "/milestones/new", "/done")) for href in links)
    assert (urls(world)["forum_note"] in links) == (role == "pcf_rep")
    assert link_hrefs(client_request.get("/staff/actions"), "Start an action") == []


def test_partner_lead_gets_404_for_another_partners_action(client_request, world):
    client_request.sign_in_as("partner_lead", world["ours"])
    theirs = world["their_action"].id
    for url in (f"/staff/actions/{theirs}", f"/staff/actions/{theirs}/edit", f"/staff/actions/{theirs}/update",
                f"/staff/actions/{theirs}/milestones/new",
                f"/staff/actions/{theirs}/milestones/{world['milestone'].id}/edit"):
        client_request.get(url, expected_status=404)
    client_request.post(f"/staff/actions/{theirs}/update", {"body": "x"}, form_url="/staff/actions",
                        expected_status=404)
    assert listed(client_request.get("/staff/actions")) == ["Action of Council SEND team"]


def test_a_milestone_of_another_action_is_not_found(client_request, world):
    client_request.sign_in_as("coproduction_lead")
    client_request.get(f"/staff/actions/{world['their_action'].id}/milestones/{world['milestone'].id}/edit",
                       expected_status=404)


def test_menu_shows_actions(client_request, world):
    client_request.sign_in_as("viewer")
    menu = client_request.get("/staff/actions").select_one(".govuk-service-navigation")
    assert link_hrefs(menu, "Actions") == ["/staff/actions"]


# --- Creating and editing ---------------------------------------------------------------------------------------


def action_form(world, **changes) -> dict:
    values = {"title": "Text message reminders", "themes": [str(world["theme"].id)], "partner": str(world["ours"].id),
              "lead": "", "status": "planned", "status_reason": "", "start_date": ["1", "4", "2026"],
              "target_date": ["30", "9", "2026"], "what_this_means": "", "for_the_future": "", "impact_kind": "",
              "impact_question": "", "impact_theme": "", "impact_window_days": "180"}
    return values | changes


def test_create_an_action(client_request, world):
    client_request.sign_in_as("coproduction_lead")
    client_request.post("/staff/actions/new", action_form(world, public="y"))
    action = db.session.scalar(select(Action).where(Action.title == "Text message reminders"))
    assert action.public and [t.id for t in action.themes] == [world["theme"].id]
    assert client_request.response.headers["Location"].endswith(f"/staff/actions/{action.id}")
    page = client_request.get(f"/staff/actions/{action.id}")
    assert h1_text(page) == "Text message reminders"
    assert text_of(page.select_one(".app-action-history tbody td:nth-of-type(3)")) == "Created"


def test_partner_lead_creates_for_their_own_partner(client_request, world):
    client_request.sign_in_as("partner_lead", world["ours"])
    assert client_request.get("/staff/actions/new").select_one("select#partner") is None
    client_request.post("/staff/actions/new", action_form(world, partner=str(world["theirs"].id)))
    action = db.session.scalar(select(Action).where(Action.title == "Text message reminders"))
    assert action.partner_id == world["ours"].id


def test_form_errors_are_listed_and_nothing_is_saved(client_request, world):
    client_request.sign_in_as("coproduction_lead")
    count = db.session.scalar(select(func.count(Action.id)))
    page = client_request.post("/staff/actions/new", action_form(
        world, title="", themes=[], partner="", status="changed", start_date=["1", "5", "2026"],
        target_date=["1", "4", "2026"], impact_kind="theme_share", impact_window_days="5"), expected_status=200)
    assert title_text(page).startswith("Error: ")
    assert error_summary_links(page) == [
        ("Enter a title", "#title"), ("Select at least one theme", "#themes"),
        ("Select the partner that owns the action", "#partner"), ("Enter why the action changed", "#status_reason"),
        ("Target date must be the same as or after the start date, 1 May 2026", "#target_date"),
        ("Select the theme to measure", "#impact_theme"),
        ("Enter the window as a whole number of days between 30 and 730", "#impact_window_days"),
    ]
    assert db.session.scalar(select(func.count(Action.id))) == count


def test_bad_date_boxes(client_request, world):
    client_request.sign_in_as("coproduction_lead")
    page = client_request.post("/staff/actions/new", action_form(world, start_date=["31", "2", "2026"],
                                                                 target_date=["", "9", "2026"]), expected_status=200)
    assert error_summary_links(page) == [("Start date must be a real date", "#start_date"),
                                         ("Target date must include a day", "#target_date")]


def test_propose_from_a_theme(client_request, world):
    client_request.sign_in_as("coproduction_lead")
    theme = world["theme"]
    [href] = link_hrefs(client_request.get(f"/staff/themes/{theme.id}"), "Propose an action for this theme")
    assert href == f"/staff/actions/new?theme={theme.id}"
    box = client_request.get(href).select_one(f"input[name='themes'][value='{theme.id}']")
    assert box.has_attr("checked")


def test_viewer_gets_no_propose_link(client_request, world):
    client_request.sign_in_as("viewer")
    page = client_request.get(f"/staff/themes/{world['theme'].id}")
    assert link_hrefs(page, "Propose an action for this theme") == []
    assert link_hrefs(page, "See the actions for this theme") == [f"/staff/actions?theme={world['theme'].id}"]


def test_edit_shows_old_and_new_in_the_history(client_request, world):
    client_request.sign_in_as("partner_lead", world["ours"])
    action = world["action"]
    client_request.post(f"/staff/actions/{action.id}/edit", action_form(world, title="Quicker CAMHS",
                                                                        status="in_progress"))
    latest = text_of(client_request.get(f"/staff/actions/{action.id}").select_one(".app-action-history tbody tr"))
    assert "Edited" in latest
    assert "Title : Action of Council SEND team → Quicker CAMHS" in latest
    assert "Status : Planned → In progress" in latest


def test_edit_form_starts_from_the_action(client_request, world):
    client_request.sign_in_as("admin")
    page = client_request.get(f"/staff/actions/{world['action'].id}/edit")
    assert page.select_one("input#title")["value"] == "Action of Council SEND team"
    assert page.select_one("input#target_date")["value"] == "30"


# --- Updates, forum notes, milestones ---------------------------------------------------------------------------


def test_update_with_status_change_needs_a_reason(client_request, world):
    client_request.sign_in_as("coproduction_lead")
    url = f"/staff/actions/{world['action'].id}/update"
    page = client_request.post(url, {"body": "We stopped.", "status": "not_taken_forward"}, expected_status=200)
    assert error_summary_links(page) == [("Enter why the action was not taken forward", "#status_reason")]
    client_request.post(url, {"body": "We stopped.", "status": "not_taken_forward", "status_reason": "No money"})
    update = text_of(client_request.get(f"/staff/actions/{world['action'].id}").select_one(".app-action-update"))
    assert "Status changed to not taken forward" in update and "We stopped." in update


def test_forum_note_by_pcf_rep(client_request, world):
    rep = client_request.sign_in_as("pcf_rep")
    url = f"/staff/actions/{world['their_action'].id}/forum-note"
    page = client_request.post(url, {"body": ""}, expected_status=200)
    assert error_summary_links(page) == [("Enter the forum's note", "#body")]
    client_request.post(url, {"body": "Families want dates."})
    note = db.session.scalar(select(ActionUpdate).where(ActionUpdate.kind == "forum_note"))
    assert note.author_id == rep.id and note.action_id == world["their_action"].id


def test_milestone_add_and_done(client_request, world):
    client_request.sign_in_as("partner_lead", world["ours"])
    action = world["action"]
    new = f"/staff/actions/{action.id}/milestones/new"
    page = client_request.post(new, {"title": "", "due_on": ""}, expected_status=200)
    assert error_summary_links(page) == [("Enter the milestone", "#title"),
                                         ("Enter the date the milestone is due", "#due_on")]
    client_request.post(new, {"title": "Train staff", "due_on": ["1", "7", "2026"]})
    step = db.session.scalar(select(Milestone).where(Milestone.title == "Train staff"))
    url = f"/staff/actions/{action.id}/milestones/{step.id}/done"
    assert client_request.get(url).select_one("input#done_on")["value"] == "2"  # today, to begin with
    page = client_request.post(url, {"done_on": ["3", "4", "2026"]}, expected_status=200)
    assert error_summary_links(page) == [("Date done must be today or in the past", "#done_on")]
    client_request.post(url, {"done_on": ["1", "4", "2026"]})
    db.session.refresh(step)
    assert step.done_on == date(2026, 4, 1)


def test_csrf_is_checked(client_request, world):
    client_request.sign_in_as("coproduction_lead")
    before = history_count()
    response = client_request.client.post(f"/staff/actions/{world['action'].id}/update", data={"body": "No token"})
    assert response.status_code == 400
    assert history_count() == before


def test_filters(client_request, world):
    client_request.sign_in_as("viewer")
    assert listed(client_request.get(f"/staff/actions?partner={world['theirs'].id}")) == ["Action of North ICB"]
    assert listed(client_request.get("/staff/actions?status=completed")) == []
    assert len(listed(client_request.get(f"/staff/actions?theme={world['theme'].id}&partner=nonsense"))) == 2


def test_the_list_shows_and_filters_by_rag(client_request, world):
    """On TODAY (2 April) nothing is overdue and the target is months away: green; a red filter shows none."""
    client_request.sign_in_as("coproduction_lead")
    page = client_request.get("/staff/actions")
    rags = {text_of(row.select("td")[0].a): text_of(row.select("td")[3]) for row in page.select("tbody tr")}
    assert rags == {"Action of Council SEND team": "Green", "Action of North ICB": "Green"}
    assert listed(client_request.get("/staff/actions?rag=red")) == []
    assert len(listed(client_request.get("/staff/actions?rag=green"))) == 2
    assert len(listed(client_request.get("/staff/actions?rag=purple"))) == 2  # unknown: all
