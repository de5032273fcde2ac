"""Public pages render as valid GOV.UK pages, without sign-in."""

import pytest

from tests.html import h1_text, link_hrefs, main_text

PUBLIC_PAGES = ["/", "/you-said-we-did", "/privacy", "/accessibility", "/cookies", "/respond/", "/staff/login"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_is_valid(client_request, url):
    assert h1_text(client_request.get(url))  # get checks the status and the HTML


def test_footer_links_to_privacy_and_accessibility(client_request):
    footer = client_request.get("/").select_one("footer")
    assert {"/privacy", "/accessibility"} <= set(link_hrefs(footer))


def test_header_names_the_service_not_the_crown(client_request):
    page = client_request.get("/")
    assert page.select(".govuk-generic-header")
    assert page.select(".govuk-logo") == []
    assert "Crown copyright" not in page.get_text() and page.select(".govuk-footer__crown") == []


def test_unknown_page_is_a_plain_404(client_request):
    assert "Page not found" in h1_text(client_request.get("/no-such-page", expected_status=404))


def test_built_css_is_served_and_uses_arial(client_request):
    response = client_request.client.get("/static/css/main.css")
    assert response.status_code == 200
    css = response.get_data(as_text=True)
    assert ".govuk-header" in css or ".govuk-generic-header" in css
    assert "GDS Transport" not in css
    assert "arial" in css


def test_frontend_script_is_served(client_request):
    assert client_request.client.get("/static/govuk/govuk-frontend.min.js").status_code == 200
    assert client_request.client.get("/static/js/init.js").status_code == 200


def test_pages_work_without_javascript(client_request):
    # Content is in the HTML itself; scripts are modules loaded last, as enhancement only.
    page = client_request.get("/")
    assert "Give feedback" in main_text(page)
    scripts = page.select('script[type="module"]')
    assert scripts and all(script.find_previous("main") is not None for script in scripts)
    assert all(script.parent.name == "body" for script in scripts)


def test_give_feedback_links_to_the_comment_form(client_request):
    assert "/respond/comment" in link_hrefs(client_request.get("/respond/").select_one("main"))


def test_accessibility_statement_credits_the_symbols(client_request):
    section = client_request.get("/accessibility").select_one("#symbols").find_next("p")
    assert "Twemoji" in section.text and "CC-BY 4.0" in section.text
    assert "https://creativecommons.org/licenses/by/4.0/" in [a["href"] for a in section.select("a")]
