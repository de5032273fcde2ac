"""Charts: inline SVG drawn on the server by pygal, in the GOV.UK palette, that works under our CSP.

pygal styles its SVG with a ``<style>`` element and makes it interactive with ``<script>``; our Content Security
Policy (``style-src 'self'``) blocks inline styles and we want no JavaScript. So the SVG is rewritten: the style,
script, tooltips and comments are dropped and each element gets the presentation attributes (``fill``,
``stroke``, ``font-size``) that the style sheet gave it; CSP does not apply to presentation attributes.
The SVG scales to its container (``viewBox``, ``width="100%"``), carries ``role="img"`` with its own
``<title>`` and ``<desc>``, and every chart is shown beside its data table (``templates/staff/chart_macros.html``).
Suppressed counts are left out of the bars; the table reads "fewer than 5" for them.
"""

import secrets
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

import pygal
from markupsafe import Markup
from pygal.etree import etree as pygal_etree
from pygal.style import Style

from surveys.services.platform.suppression import Breakdown, Cell

PALETTE = ("#1d70b8", "#f47738", "#00703c", "#003078", "#d4351c", "#505a5f")
TEXT_COLOUR = "#0b0c0c"
GUIDE_COLOUR = "#b1b4b6"
FONT = "arial, sans-serif"
FONT_SIZE = 16
WIDTH = 480
DASHES = ("", "10,5", "3,4", "14,4,3,4", "6,6", "2,2")  # lines differ by more than colour (WCAG 1.4.1)
LABEL_CHARACTERS = 28

Value = Cell | int | float | None

# pygal builds its tree with lxml when lxml is installed (it is, for fast XLSX exports); the rewriting below walks
# the standard library's ElementTree, so tell pygal to use that.
pygal_etree.to_etree()


def bar_chart(title: str, description: str, breakdown: Breakdown) -> Markup:
    """Horizontal bars, one per row of a suppressed breakdown (suppressed rows have no bar)."""
    chart = pygal.HorizontalBar(**_config(height=_bar_height(len(breakdown.rows))), show_legend=False)
    labels = [label for label, _, _ in breakdown.rows]
    chart.x_labels = list(reversed(labels))  # pygal draws the first label at the bottom; read top to bottom
    chart.add(title, [_number(cell) for _, cell, _ in reversed(breakdown.rows)])
    return _finish(chart, title, description)


def stacked_bar_chart(title: str, description: str, labels: Sequence[str],
                      series: Mapping[str, Sequence[Value]]) -> Markup:
    """One horizontal bar per label, split into a coloured part for each series (a suppressed part is left out)."""
    chart = pygal.HorizontalStackedBar(**_config(height=_bar_height(len(labels)) + 30 * len(series)),
                                       show_legend=True, legend_at_bottom=True, legend_at_bottom_columns=1)
    chart.x_labels = list(reversed(labels))  # read top to bottom, as the table does
    for name, values in series.items():
        chart.add(name, [_number(value) for value in reversed(values)])
    return _finish(chart, title, description)


def line_chart(title: str, description: str, x_labels: Sequence[str],
               series: Mapping[str, Sequence[Value]]) -> Markup:
    """One line per series over ``x_labels`` (months, say); a suppressed or missing point leaves a gap."""
    chart = pygal.Line(**_config(height=360), show_legend=len(series) > 1, legend_at_bottom=True,
                       legend_at_bottom_columns=1, allow_interruptions=True,
                       x_label_rotation=0 if len(x_labels) <= 6 else 40)
    chart.x_labels = list(x_labels)
    for name, values in series.items():
        chart.add(name, [_number(value) for value in values])
    return _finish(chart, title, description)


def _config(height: int) -> dict:
    """pygal settings shared by every chart: our palette and font, no JavaScript, sized by viewBox."""
    style = Style(colors=PALETTE, background="white", plot_background="white", font_family=FONT,
                  label_font_size=FONT_SIZE, major_label_font_size=FONT_SIZE, legend_font_size=FONT_SIZE,
                  value_font_size=FONT_SIZE, title_font_size=FONT_SIZE + 2)
    return {"style": style, "js": [], "width": WIDTH, "height": height, "explicit_size": False,
            "disable_xml_declaration": True, "truncate_label": LABEL_CHARACTERS, "truncate_legend": 40,
            "print_values": False, "show_y_guides": True, "margin": 12, "min_scale": 3, "max_scale": 6,
            "include_x_axis": True, "no_data_text": "No data to show"}


def _bar_height(bars: int) -> int:
    return 60 + 40 * max(bars, 1)


def _number(value: Value) -> float | None:
    """What a chart may draw: a shown count or a figure; None for a suppressed count or a gap."""
    if isinstance(value, Cell):
        return value.shown
    return value


def _finish(chart, title: str, description: str) -> Markup:
    """Render with pygal, then make the SVG accessible, self-styled and free of script and inline style."""
    root = chart.render_tree()
    _strip(root)
    _style(root, [])
    _label(root, title, description)
    # Safe: ElementTree escapes every text and attribute it serialises, labels and titles included.
    return Markup(ET.tostring(root, encoding="unicode"))  # noqa: S704  # nosec B704


def _strip(element: ET.Element) -> None:
    """Drop what CSP blocks or what only pygal's JavaScript used: style, script, tooltips, hover titles."""
    for child in list(element):
        classes = set(child.get("class", "").split())
        if child.tag in (ET.Comment, "style", "script", "desc", "title") or "tooltip-overlay" in classes:
            element.remove(child)
        else:
            child.attrib.pop("style", None)
            _strip(child)


def _style(element: ET.Element, outer: list[str]) -> None:
    """Give each element the presentation attributes pygal's style sheet would have given it."""
    classes = element.get("class", "").split()
    inside = outer + classes
    if element.tag == "text":
        attributes = _text_attributes(classes, inside, "transform" in element.attrib)
    else:
        attributes = _attributes(classes, inside)
    for name, value in attributes.items():
        element.set(name, value)
    for child in element:
        _style(child, inside)


def _attributes(classes: list[str], inside: list[str]) -> dict[str, str]:
    if "background" in classes:
        return {"fill": "white"}
    if "line" in classes and "axis" in inside:
        return {"fill": "none", "stroke": GUIDE_COLOUR if "guide" in classes else TEXT_COLOUR, "stroke-width": "1"}
    colour = next((c for c in classes if c.startswith("color-")), None)
    if colour is not None:
        index = int(colour.removeprefix("color-"))
        return {"fill": PALETTE[index % len(PALETTE)], "stroke": PALETTE[index % len(PALETTE)]}
    if "nofill" in classes:
        return {"fill": "none", "stroke-width": "3", "stroke-dasharray": _dash(inside)}
    return {}


def _dash(inside: list[str]) -> str:
    serie = next((c for c in inside if c.startswith("serie-")), "serie-0")
    return DASHES[int(serie.removeprefix("serie-")) % len(DASHES)] or "none"


def _text_attributes(classes: list[str], inside: list[str], rotated: bool) -> dict[str, str]:
    anchor = "start"
    if "axis" in inside:
        anchor = "end" if "y" in inside else "middle"
        if "x" in inside and rotated:
            anchor = "start"
    if {"centered", "title", "no_data"} & set(classes):
        anchor = "middle"
    return {"fill": TEXT_COLOUR, "stroke": "none", "font-family": FONT, "font-size": str(FONT_SIZE),
            "text-anchor": anchor}


def _label(root: ET.Element, title: str, description: str) -> None:
    """role="img" named by our title and described by our description; scales to the width it is given."""
    ident = f"chart-{secrets.token_hex(4)}"
    for element in root.iter():  # pygal's legend ids repeat in every chart; a page may hold several
        if element.get("id"):
            element.set("id", f"{ident}-{element.get('id')}")
    root.attrib.pop("class", None)
    root.set("id", ident)
    root.set("role", "img")
    root.set("aria-labelledby", f"{ident}-title {ident}-desc")
    root.set("width", "100%")
    root.set("preserveAspectRatio", "xMinYMin meet")
    root.set("focusable", "false")
    desc = ET.Element("desc", id=f"{ident}-desc")
    desc.text = description
    heading = ET.Element("title", id=f"{ident}-title")
    heading.text = title
    root.insert(0, desc)
    root.insert(0, heading)
