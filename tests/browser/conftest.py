"""Browser tests: the real app served on 127.0.0.1, driven in headless Chromium by Playwright.

Chromium comes from Debian (``/usr/bin/chromium``; scripts/run-tests installs it); Playwright never
downloads a browser. axe-core comes from the npm registry (node_modules/axe-core).
"""

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright, started once: its sync API cannot run twice at once in one thread, so every browser comes
    from this one (launch others from it with other arguments)."""
    executable = chromium_path()
    # A missing tool fails the run rather than skipping: a skipped accessibility check looks like a passed one.
    if executable is None or not AXE_SOURCE.exists():
        pytest.fail("Chromium or axe-core is missing: run `make test`, which installs them")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """One headless Chromium for the session."""
    chromium = playwright_driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def live_server(app):
    """The app under test on a free port of 127.0.0.1, for the length of one test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def page(request, browser):
    """A fresh browser tab at phone width, with JavaScript on or off."""
    context = browser.new_context(java_script_enabled=request.param, viewport={"width": 375, "height": 740})
    tab = context.new_page()
    tab.javascript_enabled = request.param
    yield tab
    context.close()
