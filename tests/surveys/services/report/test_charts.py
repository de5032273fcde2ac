"""Charts: accessible inline SVG that our CSP allows, in the GOV.UK palette, leaving suppressed counts out."""

import html5lib

from surveys.services.platform.suppression import suppress_breakdown
from surveys.services.report.charts import PALETTE, bar_chart, line_chart, stacked_bar_chart


def parse(markup):
    """The chart's <svg> as an HTML page would hold it, with SVG namespaces dropped from tag names."""
    document = html5lib.parse(str(markup), namespaceHTMLElements=False)
    for element in document.iter():
        if isinstance(element.tag, str):
            element.tag = element.tag.rsplit("}", 1)[-1]
    return document.find(".//svg")


def test_bar_chart_is_a_named_and_described_image():
    svg = parse(bar_chart("How did it go?", "Bars of answers.", suppress_breakdown({"Good": 10, "Poor": 6})))
    assert svg.get("role") == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert (title.text, desc.text) == ("How did it go?", "Bars of answers.")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert svg.get("viewBox") and svg.get("width") == "100%"


def test_nothing_the_csp_blocks_and_no_script():
    markup = str(line_chart("Trend", "Lines.", ["Jan", "Feb"], {"A": [1, 2], "B": [3, None]}))
    svg = parse(markup)
    assert not [e for e in svg.iter() if e.tag in ("style", "script") or e.get("style")]
    assert "<script" not in markup and "style=" not in markup and "http" not in markup.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_bars_use_the_palette_and_leave_suppressed_counts_out():
    svg = parse(bar_chart("Answers", "Bars.", suppress_breakdown({"Good": 3, "Poor": 6, "Fine": 10})))
    bars = svg.findall(".//g[@class='bar']")
    assert len(bars) == 1  # 3 is suppressed, and 6 with it (the total would give it away)
    assert any(e.get("fill") == PALETTE[0] for e in svg.iter())


def test_labels_are_escaped():
    markup = str(bar_chart("<b>x</b>", "d", suppress_breakdown({"<script>": 10})))
    assert "<b>" not in markup and "<script>" not in markup


def test_stacked_bars_have_a_legend_and_ids_unique_to_each_chart():
    series = {"Upheld": [6, 0], "Not upheld": [suppress_breakdown({"a": 2, "b": 9}).rows[0][1], 7]}
    first, second = (parse(stacked_bar_chart("Themes", "Stacked bars.", ["Transport", "Waiting"], series))
                     for _ in range(2))
    assert first.get("role") == "img" and first.find("title").text == "Themes"
    assert "Not upheld" in "".join(first.itertext())  # the legend names each colour
    ids = [e.get("id") for svg in (first, second) for e in svg.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) > 4
