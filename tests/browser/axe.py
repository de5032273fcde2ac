"""Running axe-core on a page and failing on any WCAG 2.2 A or AA violation."""

from tests.browser.conftest import AXE_SOURCE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_source: str | None = None


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the current page (evaluated from outside, so our CSP still applies)."""
    global _source
    if _source is None:
        _source = AXE_SOURCE.read_text()
    page.evaluate(_source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core found WCAG 2.2 AA problems on {page.url}: {violations}"
