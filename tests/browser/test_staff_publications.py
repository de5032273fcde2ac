"""The staff publication pages, signed in, checked by axe-core (WCAG 2.2 A and AA): the list with what waits for
approval and the history, an entry with its decision form (and its errors), the preview, a version, a comparison."""

import pytest

from surveys.publish_steps import publish_now
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import press_button
from tests.factories import PASSWORD, make_user
from tests.surveys.services.report.publication_helpers import approve_everything, public_action, public_theme

PAGES = ["/staff/publications", "/staff/publications/preview", "/staff/publications/v/1",
         "/staff/publications/compare?older=1&newer=2", "/staff/publications/entries/theme/{theme}"]


@pytest.fixture
def signed_in(page, live_server, app_context):
    user = make_user("coproduction_lead")
    theme = public_theme("Waiting for CAMHS")
    public_action(theme, "Open a CAMHS front door", update="We hired two nurses.")
    approve_everything()
    publish_now()
    public_theme("Transport")
    approve_everything()
    publish_now()
    public_theme("Not yet approved")
    page.goto(f"{live_server}/staff/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit], main input[type=submit]").first.click()
    page.theme_id = theme.id
    return page


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_accessible(signed_in, live_server, url):
    if not signed_in.javascript_enabled:
        pytest.skip("axe-core needs JavaScript")
    signed_in.goto(live_server + url.format(theme=signed_in.theme_id))
    assert signed_in.locator("h1").count() == 1
    assert_accessible(signed_in)


def test_a_dissent_without_a_note_is_accessible(signed_in, live_server):
    signed_in.goto(f"{live_server}/staff/publications/entries/theme/{signed_in.theme_id}")
    press_button(signed_in, "Do not approve, and record my note")
    assert signed_in.title().startswith("Error: ")
    if signed_in.javascript_enabled:
        assert_accessible(signed_in)
