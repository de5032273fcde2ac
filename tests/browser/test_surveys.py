"""Each demo survey completed end to end in Chromium, keyboard only, with JavaScript on and off,
with axe-core run on every respondent page (JavaScript on) and zero WCAG 2.2 AA violations allowed."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from surveys.models import Response, db
from surveys.services.demo.definitions import SURVEYS
from surveys.services.demo.questionnaires import make_surveys
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import choose_radio, press_button, tick_first_checkbox, type_into

MAX_PAGES = 30


@pytest.fixture
def demo_surveys(app_context):
    """The three demo surveys, without the rest of the demo data."""
    built = make_surveys(datetime.now(UTC))
    db.session.add_all(item.survey for item in built.values())
    db.session.commit()
    return built


def check(page) -> None:
    """Every page: a real title, and (with JavaScript, which axe-core needs) no accessibility violations."""
    assert page.title().strip()
    if page.javascript_enabled:
        assert_accessible(page)


def answer_visible_questions(page) -> None:
    """Answer what is on the page, by keyboard, in the order a person tabs through it."""
    fields = page.evaluate("""() => {
        const seen = new Set(); const out = [];
        for (const el of document.querySelectorAll('main input, main textarea')) {
            if (['hidden', 'submit', 'file'].includes(el.type) || seen.has(el.name)) continue;
            seen.add(el.name); out.push({name: el.name, type: el.type || el.tagName.toLowerCase()});
        }
        return out;
    }""")
    for field in fields:
        if field["name"].startswith("contact_"):
            continue
        if field["type"] == "radio":
            choose_radio(page, field["name"])
        elif field["type"] == "checkbox":
            tick_first_checkbox(page, field["name"])
        elif field["type"] == "textarea":
            type_into(page, field["name"], "Typed with the keyboard only.")


@pytest.mark.parametrize("slug", [definition["slug"] for definition in SURVEYS])
def test_complete_demo_survey_by_keyboard(page, live_server, demo_surveys, slug):
    page.goto(f"{live_server}/respond/s/{slug}")
    check(page)
    press_button(page, "Start now")
    for _ in range(MAX_PAGES):
        if "/respond/survey/check" in page.url:
            break
        assert "/respond/survey/page/" in page.url, page.url
        check(page)
        answer_visible_questions(page)
        press_button(page, "Next" if demo_surveys[slug].survey.easy_read else "Continue")
    else:
        raise AssertionError("the survey never reached check your answers")
    check(page)
    press_button(page, "Send my answers" if demo_surveys[slug].survey.easy_read else "Send answers")
    assert page.url.endswith("/respond/survey/done")
    check(page)
    db.session.expire_all()
    [response] = db.session.scalars(select(Response)).all()
    assert response.status == "submitted"
    assert len(response.answers) >= 3


# axe-core needs JavaScript: with it off, axe.run never settles (tried: it hangs), so these run with it on only.
JAVASCRIPT_ON = pytest.mark.parametrize("page", [True], ids=["js-on"], indirect=True)


def test_error_summary_page_is_accessible(page, live_server, demo_surveys):
    slug = next(d["slug"] for d in SURVEYS if any(q.get("required") for q in d["questions"]))
    page.goto(f"{live_server}/respond/s/{slug}")
    press_button(page, "Start now")
    while "/page/" in page.url:
        before = page.url
        press_button(page, "Next" if demo_surveys[slug].survey.easy_read else "Continue")
        if page.url == before:
            break
    assert page.locator(".govuk-error-summary").count() == 1, "a required question left blank shows no error"
    assert page.title().startswith("Error: ")
    check(page)


@pytest.mark.parametrize("url", ["/", "/respond/", "/you-said-we-did", "/privacy", "/accessibility", "/cookies",
                                 "/staff/login"])
@JAVASCRIPT_ON
def test_public_pages_are_accessible(page, live_server, url):
    page.goto(live_server + url)
    assert_accessible(page)
