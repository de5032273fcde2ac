"""Forms work over HTTPS: Flask-WTF checks that a POST under HTTPS comes from a page of this site (the Referer),
so the referrer policy must let a browser send our own pages as the referrer. "no-referrer" broke every form.

The browser here follows the page's Referrer-Policy the way browsers do for a same-origin form: it sends the
page's address unless the policy is "no-referrer". Behind a proxy that ends HTTPS, ProxyFix makes the app see
HTTPS from X-Forwarded-Proto, so the same check applies there.
"""

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from tests.factories import PASSWORD, make_user
from tests.html import csrf_token_from

SITE = "https://yousaid.example.gov.uk"
SENDS_SAME_ORIGIN_REFERRER = {"same-origin", "strict-origin-when-cross-origin", "origin-when-cross-origin",
                              "no-referrer-when-downgrade", "unsafe-url"}


class HttpsBrowser:
    """Opens pages over HTTPS, and posts their forms with the Referer the page's policy allows."""

    def __init__(self, app):
        self.client = app.test_client()

    def get(self, path: str):
        return self.client.get(path, base_url=SITE)

    def submit(self, path: str, data: dict):
        page = self.get(path)
        policy = page.headers.get("Referrer-Policy", "strict-origin-when-cross-origin")
        headers = {"Referer": SITE + path} if policy in SENDS_SAME_ORIGIN_REFERRER else {}
        form = {"csrf_token": csrf_token_from(page.get_data(as_text=True)), **data}
        return self.client.post(path, data=form, base_url=SITE, headers=headers)


@pytest.fixture
def browser(app, app_context):
    return HttpsBrowser(app)


def test_staff_sign_in_and_out_work_over_https(browser):
    user = make_user("viewer")
    response = browser.submit("/staff/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/")
    assert browser.get("/staff/").status_code == 200
    assert browser.submit("/staff/", {}).status_code == 405  # the home has no form of its own
    page = browser.get("/staff/")
    form = {"csrf_token": csrf_token_from(page.get_data(as_text=True))}
    signed_out = browser.client.post("/staff/logout", data=form, base_url=SITE, headers={"Referer": SITE + "/staff/"})
    assert signed_out.status_code == 302


def test_a_public_form_works_over_https(browser):
    response = browser.submit("/respond/comment", {"kind": "compliment", "details": "Thank you for listening."})
    assert response.status_code in (200, 302)
    assert "page had been open a long time" not in response.get_data(as_text=True)


def test_a_post_from_another_site_is_still_refused(browser):
    page = browser.get("/staff/login")
    form = {"csrf_token": csrf_token_from(page.get_data(as_text=True)), "email": "a@b.c", "password": "x" * 12}
    response = browser.client.post("/staff/login", data=form, base_url=SITE,
                                   headers={"Referer": "https://evil.example/login"})
    assert response.status_code == 400


def test_the_policy_sends_no_referrer_to_other_sites(browser):
    assert browser.get("/").headers["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")


@pytest.fixture
def behind_proxy(app):
    """The app behind one trusted proxy that ends HTTPS (what the TRUSTED_PROXY_HOPS setting does with ProxyFix)."""
    plain = app.wsgi_app
    app.wsgi_app = ProxyFix(plain, x_for=1, x_proto=1)
    yield
    app.wsgi_app = plain


def test_forms_work_behind_a_proxy_that_ends_https(app, app_context, behind_proxy):
    user = make_user("viewer")
    client = app.test_client()
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    page = client.get("/staff/login", base_url="http://yousaid.example.gov.uk", headers=proxy)
    assert page.headers["Referrer-Policy"] in SENDS_SAME_ORIGIN_REFERRER
    form = {"csrf_token": csrf_token_from(page.get_data(as_text=True)), "email": user.email, "password": PASSWORD}
    without_referrer = client.post("/staff/login", data=form, base_url="http://yousaid.example.gov.uk", headers=proxy)
    assert without_referrer.status_code == 400  # the app saw HTTPS, so the strict referrer check was on
    response = client.post("/staff/login", data=form, base_url="http://yousaid.example.gov.uk",
                           headers={**proxy, "Referer": "https://yousaid.example.gov.uk/staff/login"})
    assert response.status_code == 302
