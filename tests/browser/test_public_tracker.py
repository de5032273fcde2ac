"""The "you said, we did" tracker, its easy-read twin and an earlier version in Chromium: zero WCAG 2.2 A and AA
violations from axe-core, and no sideways scrolling at 320 CSS pixels (WCAG 1.4.10)."""

import pytest

from tests.browser.axe import assert_accessible
from tests.surveys.public.snapshots import publish

URLS = ["/you-said-we-did", "/you-said-we-did?audience=young_person&locality=North", "/you-said-we-did/easy-read",
        "/you-said-we-did/v/2", "/you-said-we-did/v/2/easy-read"]


@pytest.fixture
def published(app_context):
    """An earlier version and a live one."""
    publish(2, status="superseded")
    publish(3)


@pytest.fixture
def narrow_page(browser):
    """A tab 320 CSS pixels wide (a 1280 pixel screen at 400% zoom), with JavaScript for axe-core."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("url", URLS)
def test_tracker_pages_are_accessible_and_reflow(narrow_page, live_server, published, url):
    page = narrow_page
    page.goto(live_server + url)
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert page_width <= 320, f"the page scrolls sideways ({page_width}px) on {page.url}"
    assert_accessible(page)


@pytest.mark.parametrize("page", [False], ids=["js-off"], indirect=True)
def test_filters_work_without_javascript(page, live_server, published):
    page.goto(live_server + "/you-said-we-did")
    page.select_option("select[name=audience]", "practitioner")
    with page.expect_navigation():
        page.click("button:has-text('Show themes')")
    assert "audience=practitioner" in page.url
    assert page.locator("section.app-theme h2").all_inner_texts() == ["School transport"]
