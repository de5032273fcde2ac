"""Staff pages with wide tables reflow at 320 CSS pixels (WCAG 1.4.10): the page never scrolls sideways,
the table scrolls inside its own box, which the keyboard can reach and which shows where focus is."""

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.keyboard import tab_to
from tests.factories import PASSWORD, make_invitation, make_survey, make_user

URLS = ["/staff/surveys", "/staff/invitations", "/staff/invitations/surveys/{survey_id}"]


@pytest.fixture
def narrow_page(browser):
    """A tab 320 CSS pixels wide (a 1280 pixel screen at 400% zoom), with JavaScript for axe-core."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def survey_with_invitations(app_context):
    survey = make_survey(title="Annual review survey for parents and carers")
    for n in range(3):
        make_invitation(survey, contact_email=f"parent.with.a.long.address{n}@example.com",
                        locality="North locality", journey_stage="annual_review")
    return survey


def sign_in(page, live_server):
    user = make_user("coproduction_lead")
    page.goto(f"{live_server}/staff/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


@pytest.mark.parametrize("url", URLS)
def test_wide_staff_tables_reflow(narrow_page, live_server, survey_with_invitations, url):
    page = narrow_page
    sign_in(page, live_server)
    page.goto(live_server + url.format(survey_id=survey_with_invitations.id))
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert page_width <= 320, f"the page scrolls sideways ({page_width}px) on {page.url}"
    tab_to(page, ".app-table-scroll")
    focus_ring = page.evaluate("() => getComputedStyle(document.activeElement).boxShadow")
    assert focus_ring not in ("", "none"), "the table's box does not show focus"
    assert_accessible(page)
