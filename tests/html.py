"""Reading pages as HTML: parse strictly, check what every page must have, and find the parts tests assert on.

``parse_page`` is the one way a test reads a page (the ``client_request`` fixture calls it): it checks the page
with html5lib's strict parser, then returns it as BeautifulSoup so a test can select elements by CSS.
"""

import html5lib
from bs4 import BeautifulSoup, Tag


def check_page(html: str) -> None:
    """A page parses as HTML5, has a title, a skip link, one main, one h1, and unique ids."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(html)
    assert document.get("lang") == "en"
    title = document.find("head/title")
    assert title is not None and title.text and title.text.strip()
    assert document.find(".//a[@class='govuk-skip-link']") is not None
    assert len(document.findall(".//main")) == 1
    assert len(document.findall(".//h1")) == 1, "a page has exactly one h1"
    ids = [element.get("id") for element in document.iter() if element.get("id")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"duplicate ids: {duplicates}"
    for form in document.findall(".//form"):
        if form.get("method", "get").lower() == "post":
            assert form.find(".//input[@name='csrf_token']") is not None, "a POST form without CSRF token"


def parse_page(html: str) -> BeautifulSoup:
    """A checked page, parsed for selecting elements (``page.select_one("h1")``)."""
    check_page(html)
    return BeautifulSoup(html, "html5lib")


def csrf_token_from(html: str) -> str:
    """The CSRF token in a page's form, as a browser would send it back (Python's own parser: quicker, and enough)."""
    field = BeautifulSoup(html, "html.parser").select_one("form input[name=csrf_token]")
    assert field is not None, "the page has no CSRF token in a form"
    return field["value"]


def normalise(text: str) -> str:
    """Runs of spaces and line breaks as one space, as a reader sees them."""
    return " ".join(text.split())


def text_of(element: Tag | None) -> str:
    """The words of an element (a whole page, its main, a cell), spaced as a reader sees them."""
    assert element is not None, "no such element on the page"
    return normalise(element.get_text(" "))


def main_text(page: BeautifulSoup) -> str:
    """The words of the page's main content (not the header, menu or footer)."""
    return text_of(page.select_one("main"))


def h1_text(page: BeautifulSoup) -> str:
    return text_of(page.select_one("h1"))


def title_text(page: BeautifulSoup) -> str:
    return text_of(page.select_one("title"))


def error_summary_links(page: BeautifulSoup) -> list[tuple[str, str]]:
    """The error summary's links as (message, href), in order; empty when the page has no errors."""
    return [(text_of(link), link["href"]) for link in page.select(".govuk-error-summary__list a")]


def error_messages(page: BeautifulSoup) -> list[str]:
    """The error summary's messages, in order."""
    return [message for message, _ in error_summary_links(page)]


def banner_text(page: BeautifulSoup) -> str:
    """The words of the notification banners (what was just done), or "" when there are none."""
    return " ".join(text_of(banner) for banner in page.select(".govuk-notification-banner"))


def table_rows(page: BeautifulSoup | Tag, selector: str = "table") -> list[list[str]]:
    """The text of each body row's cells (header cells too): of ``page`` if a table, else its first ``selector``."""
    table = page if page.name == "table" else page.select_one(selector)
    assert table is not None, f"no table matching {selector!r}"
    body_rows = table.select("tbody tr") or table.select("tr")[1:]
    return [[text_of(cell) for cell in row.select("th, td")] for row in body_rows]


def table_captions(page: BeautifulSoup | Tag) -> list[str]:
    """The captions of the tables in ``page``, in order."""
    return [text_of(caption) for caption in page.select("table caption")]


def summary_list(page: BeautifulSoup | Tag) -> dict[str, str]:
    """A GOV.UK summary list's keys and values, as a reader sees them (the first list in ``page``)."""
    rows = page.select_one(".govuk-summary-list").select(".govuk-summary-list__row")
    return {text_of(row.select_one(".govuk-summary-list__key")): text_of(row.select_one(".govuk-summary-list__value"))
            for row in rows}


def description_list(page: BeautifulSoup | Tag) -> dict[str, str]:
    """A plain description list's terms and their descriptions, as a reader sees them (the first ``dl`` in ``page``)."""
    found = page if page.name == "dl" else page.select_one("dl")
    assert found is not None, "no description list"
    return {text_of(term): text_of(term.find_next_sibling("dd")) for term in found.select("dt")}


def link_hrefs(page: BeautifulSoup | Tag, text: str | None = None) -> list[str]:
    """The hrefs of links in ``page`` (those whose words are ``text``, when given)."""
    return [link["href"] for link in page.select("a[href]") if text is None or text_of(link) == text]


def field_names(page: BeautifulSoup | Tag) -> set[str]:
    """The names of the form fields on a page."""
    return {field["name"] for field in page.select("input[name], textarea[name], select[name]")}
