"""Driving pages with the keyboard only, as a person who cannot use a mouse would."""

MAX_TABS = 120


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector)


def tab_to(page, selector: str) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")


def press_button(page, text: str) -> None:
    """Tab to the button or button-like link with this text and press Enter."""
    selector = f"button:has-text('{text}'), a.govuk-button:has-text('{text}'), input[type=submit][value='{text}']"
    names = page.locator(selector)
    assert names.count() > 0, f"no button '{text}' on {page.url}"
    tab_to(page, "button, a.govuk-button, input[type=submit]")
    for _ in range(MAX_TABS):
        label = page.evaluate("() => (document.activeElement.innerText || document.activeElement.value || '').trim()")
        if label.startswith(text):
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"button '{text}' cannot be reached with the Tab key on {page.url}")


def choose_radio(page, name: str) -> None:
    """Tab into a radio group and select its focused (first) option with Space."""
    tab_to(page, f"input[type=radio][name='{name}']")
    page.keyboard.press("Space")
    assert page.evaluate(f"() => !!document.querySelector(\"input[name='{name}']:checked\")")


def tick_first_checkbox(page, name: str) -> None:
    tab_to(page, f"input[type=checkbox][name='{name}']")
    page.keyboard.press("Space")


def type_into(page, name: str, text: str) -> None:
    tab_to(page, f"textarea[name='{name}'], input[name='{name}']")
    page.keyboard.type(text)
