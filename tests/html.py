"""Reading pages as HTML: parse strictly and check what every page must have."""

import html5lib


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
