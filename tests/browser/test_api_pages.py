"""The API pages in a real browser: the staff token page (with a new token shown once) and the API reference
pass axe-core's WCAG 2.2 AA rules and reflow at 320 CSS pixels; the reference loads nothing from elsewhere."""

import pytest

from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD, make_api_token, make_user


@pytest.fixture
def narrow_page(browser):
    """A tab 320 CSS pixels wide, with JavaScript for axe-core."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    yield tab
    context.close()


def _fits(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"the page scrolls sideways ({width}px) on {page.url}"


def test_the_token_page_is_accessible_with_a_new_token(narrow_page, live_server, app_context):
    page = narrow_page
    user = make_user("analyst")
    make_api_token(user, name="An older token for the council's dashboard")
    page.goto(f"{live_server}/staff/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    page.goto(f"{live_server}/staff/api-tokens")
    page.fill("input[name=name]", "Power BI")
    with page.expect_navigation():
        page.click("button:has-text('Create token')")
    assert page.inner_text("#new-token").startswith("ys_")
    _fits(page)
    assert_accessible(page)


def test_the_reference_is_accessible_and_self_contained(narrow_page, live_server):
    page = narrow_page
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server}/api/v1/docs")
    assert page.inner_text("h1")
    assert all(url.startswith(live_server) for url in requested), requested
    _fits(page)
    assert_accessible(page)
