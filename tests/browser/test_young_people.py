"""Young people's easy-read survey in Chromium: symbol pictures (never emoji characters), the recorder with
Chromium's fake microphone, the file input without JavaScript, the Listen button, and codes to come back later;
axe-core (WCAG 2.2 A and AA) on each page at 320 px and at desktop width."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from surveys.models import AudioMessage, Response, db
from surveys.services.demo.definitions import YOUNG_PERSON_SURVEY
from surveys.services.demo.questionnaires import make_surveys
from tests.browser.axe import assert_accessible
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path
from tests.browser.keyboard import press_button, tab_to
from tests.factories import PASSWORD, make_user

SLUG = YOUNG_PERSON_SURVEY["slug"]
WIDTHS = {"320px": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 900}}
FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
EMOJI = re.compile("[\u2600-\u27bf\U0001F000-\U0001FAFF]")
SYMBOL_PAGES = {"help_at_school": 1, "listened_to": 2, "whats_next": 4, "liked_survey": 7}  # four scales
AUDIO_PAGE = 6
OGG = b"OggS" + b"\x00" * 400


@pytest.fixture(scope="module")
def media_browser(playwright_driver):
    """Chromium with a fake microphone that needs no permission prompt."""
    chromium = playwright_driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS + FAKE_MEDIA)
    yield chromium
    chromium.close()


@pytest.fixture(params=list(WIDTHS))
def tab(request, media_browser):
    """A tab with JavaScript on, at 320 px and at desktop width."""
    context = media_browser.new_context(viewport=WIDTHS[request.param])
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_script_tab(media_browser):
    """A phone-width tab with JavaScript off."""
    context = media_browser.new_context(java_script_enabled=False, viewport=WIDTHS["320px"])
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def young_survey(app_context):
    """The demo's easy-read survey for young people, without the rest of the demo data."""
    built = make_surveys(datetime.now(UTC))
    db.session.add_all(item.survey for item in built.values())
    db.session.commit()
    return built[SLUG]


def open_survey(page, live_server) -> None:
    page.goto(f"{live_server}/respond/s/{SLUG}")
    assert page.url.endswith("/respond/survey")


def symbol_problems(page, key: str) -> list[str]:
    """What is wrong with a symbol question's answers: pictures that are not loaded SVGs, or words missing."""
    return page.evaluate("""(key) => {
        const problems = [];
        const labels = [...document.querySelectorAll(`main input[name=${key}] + .govuk-radios__label`)];
        if (!labels.length) problems.push('no answers');
        for (const label of labels) {
            const img = label.querySelector('img.app-symbol');
            const word = label.innerText.trim();
            if (!img) { problems.push(`no picture for ${word}`); continue; }
            if (!img.src.endsWith('.svg')) problems.push(`not an SVG: ${img.src}`);
            if (!img.complete || img.naturalWidth === 0) problems.push(`picture not loaded: ${img.src}`);
            if (!word) problems.push(`no word beside ${img.src}`);
        }
        return problems;
    }""", key)


@pytest.mark.parametrize("key", list(SYMBOL_PAGES))
def test_symbol_pages_show_svg_pictures_with_words_and_no_emoji(tab, live_server, young_survey, key):
    open_survey(tab, live_server)
    tab.goto(f"{live_server}/respond/survey/page/{SYMBOL_PAGES[key]}")
    assert symbol_problems(tab, key) == []
    assert not EMOJI.search(tab.locator("body").inner_text())
    assert_accessible(tab)


def test_symbol_pages_without_javascript(no_script_tab, live_server, young_survey):
    open_survey(no_script_tab, live_server)
    for page_number in SYMBOL_PAGES.values():
        no_script_tab.goto(f"{live_server}/respond/survey/page/{page_number}")
        assert no_script_tab.locator("main img.app-symbol[src$='.svg']").count() >= 2
        assert not EMOJI.search(no_script_tab.locator("body").inner_text())
        assert no_script_tab.locator("main button.app-listen:visible").count() == 0  # Listen needs JavaScript


def press(page, selector: str) -> None:
    """Reach a control with the Tab key and press Enter, as a keyboard user would."""
    tab_to(page, selector)
    page.keyboard.press("Enter")


def test_the_recorder_records_with_the_fake_microphone_and_staff_hear_it(tab, live_server, young_survey):
    open_survey(tab, live_server)
    tab.goto(f"{live_server}/respond/survey/page/{AUDIO_PAGE}")
    assert tab.locator("input[type=file][accept='audio/*'][capture]").count() == 1  # there for when recording fails
    status = tab.locator(".app-recorder__status")
    assert status.get_attribute("aria-live") == "polite"
    assert tab.locator(".app-recorder__timer").inner_text() == "0:00 of 2:00"  # the limit, visible
    assert_accessible(tab)

    press(tab, ".app-recorder__record")
    tab.wait_for_function("() => document.querySelector('.app-recorder__timer').innerText.startsWith('0:02')")
    assert status.inner_text() == "Talk now. Press Stop when you have finished."
    assert tab.evaluate("() => document.activeElement.classList.contains('app-recorder__stop')")
    tab.keyboard.press("Enter")  # Stop has the focus
    tab.wait_for_function("() => document.querySelector('input[type=file]').files.length === 1")
    assert status.inner_text().startswith("Your message is ready.")
    assert tab.locator(".app-recorder__play").is_visible() and tab.locator(".app-recorder__again").is_visible()
    assert tab.locator(".app-recorder__record").is_hidden()
    assert_accessible(tab)

    press_button(tab, "Next")
    assert tab.url.endswith(f"/respond/survey/page/{AUDIO_PAGE + 1}")
    tab.goto(f"{live_server}/respond/survey/check")
    press_button(tab, "Send my answers")
    assert tab.url.endswith("/respond/survey/done")

    db.session.expire_all()
    [message] = db.session.scalars(select(AudioMessage)).all()
    assert message.content_type == "audio/webm" and message.size_bytes > 1000
    assert db.session.scalar(select(Response)).status == "submitted"
    staff = make_user("safeguarding_lead")  # audio messages are raw words: for the roles that may hear them
    db.session.commit()
    tab.goto(f"{live_server}/staff/login")
    tab.fill("input[name=email]", staff.email)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("main button[type=submit], main input[type=submit]").first.click()
    tab.goto(f"{live_server}/staff/audio")
    assert tab.locator(f"main a[href='/staff/audio/{message.id}']").count() == 1


def test_without_javascript_the_audio_page_offers_the_phone_recorder(no_script_tab, live_server, young_survey,
                                                                     tmp_path):
    open_survey(no_script_tab, live_server)
    no_script_tab.goto(f"{live_server}/respond/survey/page/{AUDIO_PAGE}")
    assert no_script_tab.locator(".app-recorder").count() == 0
    file_input = no_script_tab.locator("input[type=file][accept='audio/*'][capture]")
    recording = tmp_path / "message.ogg"
    recording.write_bytes(OGG)
    file_input.set_input_files(str(recording))
    no_script_tab.locator("main button:has-text('Next')").click()
    assert no_script_tab.url.endswith(f"/respond/survey/page/{AUDIO_PAGE + 1}")
    db.session.expire_all()
    assert db.session.scalar(select(AudioMessage)).content_type == "audio/ogg"


def test_listen_is_shown_only_when_the_browser_has_a_voice(tab, live_server, young_survey):
    open_survey(tab, live_server)
    tab.goto(f"{live_server}/respond/survey/page/1")
    tab.wait_for_timeout(300)  # voices may arrive just after the page loads
    voices = tab.evaluate("() => window.speechSynthesis ? speechSynthesis.getVoices().length : 0")
    listen = tab.locator("main button.app-listen").first
    assert listen.is_visible() == (voices > 0)
    assert listen.get_attribute("data-text") == YOUNG_PERSON_SURVEY["questions"][0]["easy_read_prompt"]


def test_save_and_come_back_later_pages(tab, live_server, young_survey, media_browser):
    open_survey(tab, live_server)
    tab.goto(f"{live_server}/respond/survey/page/1")
    tab.locator("input[name=help_at_school]").first.check()
    press_button(tab, "Save and come back later")
    assert tab.url.endswith("/respond/survey/save")
    assert_accessible(tab)
    press_button(tab, "Get a code")
    code = tab.locator(".app-resume-code").inner_text()
    assert_accessible(tab)
    laptop = media_browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        laptop.goto(f"{live_server}/respond/resume")
        assert_accessible(laptop)
        laptop.fill("input[name=code]", "WRONG-CODE")
        press_button(laptop, "Carry on")
        assert laptop.title().startswith("Error: ")
        assert_accessible(laptop)
        laptop.fill("input[name=code]", code)
        press_button(laptop, "Carry on")
        assert laptop.url.endswith("/respond/survey")
        laptop.goto(f"{live_server}/respond/survey/page/1")
        assert laptop.locator("input[name=help_at_school]").first.is_checked()  # the answer came along
    finally:
        laptop.context.close()


def test_staff_pages_for_symbols_and_read_aloud(tab, live_server, young_survey):
    staff = make_user("safeguarding_lead")  # audio messages are raw words: for the roles that may hear them
    db.session.commit()
    tab.goto(f"{live_server}/staff/login")
    tab.fill("input[name=email]", staff.email)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator("main button[type=submit], main input[type=submit]").first.click()
    survey = young_survey.survey
    question = young_survey.questions["help_at_school"]
    for url in (f"/staff/surveys/{survey.id}", f"/staff/surveys/{survey.id}/questions/{question.id}/edit",
                f"/staff/surveys/{survey.id}/questions/{question.id}/read-aloud"):
        tab.goto(live_server + url)
        assert tab.locator("h1").count() == 1
        assert not EMOJI.search(tab.locator("main").inner_text())
        assert_accessible(tab)
