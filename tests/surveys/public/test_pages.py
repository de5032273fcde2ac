"""Public pages render as valid GOV.UK pages, without sign-in."""

import pytest

from tests.html import check_page

PUBLIC_PAGES = ["/", "/you-said-we-did", "/privacy", "/accessibility", "/cookies", "/respond/", "/staff/login"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_is_valid(client, url):
    response = client.get(url)
    assert response.status_code == 200
    check_page(response.get_data(as_text=True))


def test_footer_links_to_privacy_and_accessibility(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/privacy"' in html and 'href="/accessibility"' in html


def test_header_names_the_service_not_the_crown(client):
    html = client.get("/").get_data(as_text=True)
    assert "govuk-generic-header" in html
    assert "govuk-logo" not in html
    assert "Crown copyright" not in html and "govuk-footer__crown" not in html


def test_unknown_page_is_a_plain_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    check_page(response.get_data(as_text=True))


def test_built_css_is_served_and_uses_arial(client):
    response = client.get("/static/css/main.css")
    assert response.status_code == 200
    css = response.get_data(as_text=True)
    assert ".govuk-header" in css or ".govuk-generic-header" in css
    assert "GDS Transport" not in css
    assert "arial" in css


def test_frontend_script_is_served(client):
    assert client.get("/static/govuk/govuk-frontend.min.js").status_code == 200
    assert client.get("/static/js/init.js").status_code == 200


def test_pages_work_without_javascript(client):
    # Content is in the HTML itself; scripts are modules loaded last, as enhancement only.
    html = client.get("/").get_data(as_text=True)
    assert "Give feedback" in html
    assert html.index('type="module"') > html.index("</main>")


def test_give_feedback_links_to_the_comment_form(client):
    assert 'href="/respond/comment"' in client.get("/respond/").get_data(as_text=True)
