"""The staff action pages in Chromium, signed in: axe-core finds no WCAG 2.2 A or AA problem on any of them,
including a form showing its errors."""

from datetime import date

import pytest

from surveys.models import db
from surveys.services.act import actions as action_service
from surveys.services.act import milestones, updates
from surveys.services.act.rules import ActionData
from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD, make_partner, make_theme, make_user


@pytest.fixture
def admin_tab(browser, live_server, app_context):
    """A tab with JavaScript on (axe-core needs it), signed in as an administrator, and one action with history."""
    partner, theme = make_partner("Council SEND team"), make_theme("Waiting for CAMHS", status="reviewed")
    admin = make_user("admin")
    action = action_service.create_action(admin, ActionData(
        title="Shorter waits", theme_ids=[theme.id], partner_id=partner.id, start_date=date(2026, 4, 1),
        target_date=date(2026, 9, 30), status="in_progress"))
    step = milestones.add_milestone(admin, action, "Hire staff", date(2026, 6, 1))
    updates.add_update(admin, action, "We met the team.")
    updates.add_forum_note(admin, action, "Families want dates.")
    db.session.commit()
    context = browser.new_context(viewport={"width": 375, "height": 740})
    tab = context.new_page()
    tab.goto(f"{live_server}/staff/login")
    tab.fill("#email", admin.email)
    tab.fill("#password", PASSWORD)
    with tab.expect_navigation():
        tab.click("button[type=submit], input[type=submit]")
    yield tab, live_server, action, step, theme
    context.close()


def test_action_pages_are_accessible(admin_tab):
    tab, server, action, step, theme = admin_tab
    for path in ("/staff/actions", f"/staff/actions/{action.id}", "/staff/actions/new",
                 f"/staff/actions/new?theme={theme.id}", f"/staff/actions/{action.id}/edit",
                 f"/staff/actions/{action.id}/update", f"/staff/actions/{action.id}/forum-note",
                 f"/staff/actions/{action.id}/milestones/new", f"/staff/actions/{action.id}/milestones/{step.id}/edit",
                 f"/staff/actions/{action.id}/milestones/{step.id}/done"):
        tab.goto(f"{server}{path}")
        assert tab.title().strip()
        assert_accessible(tab)


def test_form_with_errors_is_accessible(admin_tab):
    tab, server, *_ = admin_tab
    tab.goto(f"{server}/staff/actions/new")
    with tab.expect_navigation():
        tab.click("text=Save action")
    assert tab.title().startswith("Error: ")
    assert tab.locator(".govuk-error-summary").is_visible()
    assert_accessible(tab)
