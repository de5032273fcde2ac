"""The representation and forum session pages, signed in, checked by axe-core (WCAG 2.2 A and AA); the session
moves from theme to theme by keyboard alone."""

import pytest

from surveys.models import db
from surveys.services.report import baseline
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import press_button, tab_to
from tests.factories import PASSWORD, make_comment, make_theme, make_user

PAGES = ["/staff/representation", "/staff/representation/figures/new", "/staff/representation/upload",
         "/staff/session", "/staff/session/2"]


@pytest.fixture
def signed_in(page, live_server, app_context):
    user = make_user("admin")
    for category, count in (("North", 79), ("South", 21)):
        baseline.save_figure(None, "locality", category, "ehc_plan", count)
    for label in ("Annual reviews are late", "Transport"):
        make_theme(label, [make_comment(f"{label} ({i})", consent_quote=True) for i in range(6)], status="reviewed",
                   public=True)
    db.session.commit()
    page.goto(f"{live_server}/staff/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit], main input[type=submit]").first.click()
    return page


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_accessible(signed_in, live_server, url):
    if not signed_in.javascript_enabled:
        pytest.skip("axe-core needs JavaScript")
    signed_in.goto(live_server + url)
    assert signed_in.locator("h1").count() == 1
    assert_accessible(signed_in)


def test_error_pages_are_accessible(signed_in, live_server):
    if not signed_in.javascript_enabled:
        pytest.skip("axe-core needs JavaScript")
    for url, button in (("/staff/representation/figures/new", "Save figure"),
                        ("/staff/session/1", "Record the forum’s view")):
        signed_in.goto(live_server + url)
        press_button(signed_in, button)
        assert signed_in.title().startswith("Error: ")
        assert_accessible(signed_in)


def test_next_theme_by_keyboard(signed_in, live_server):
    signed_in.goto(f"{live_server}/staff/session")
    tab_to(signed_in, "a[rel=next]")
    signed_in.keyboard.press("Enter")
    signed_in.wait_for_url("**/staff/session/2")
    assert signed_in.locator("h1").inner_text() == "Transport"
