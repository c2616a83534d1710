"""The SVG charts: numbers in, markup out; labels are text, never markup."""

import xml.etree.ElementTree as ET

from vendorrisk.foundation.charts import Bar, bar_chart, heat_map

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: object) -> ET.Element:
    return ET.fromstring(str(markup))  # noqa: S314  (our own output, under test)


def test_bars_are_as_long_as_their_values_and_labelled():
    svg = _parse(bar_chart([Bar("high", 4, "high"), Bar("low", 2, "low"),
                                       Bar("none", 0)], title="Findings"))
    widths = [float(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1] > 0
    assert widths[2] == 0
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert texts == ["high", "4", "low", "2", "none", "0"]
    assert svg.find(f"{SVG}title").text == "Findings"
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Findings"


def test_an_empty_chart_still_draws():
    svg = _parse(bar_chart([], title="Nothing"))
    assert list(svg.iter(f"{SVG}rect")) == []


def test_a_heat_map_prints_every_count_and_shades_the_largest_darkest():
    svg = _parse(heat_map(
        [("1", "Tier 1"), ("2", "Tier 2")], [("low", "low"), ("high", "high")],
        {("1", "high"): 9, ("2", "low"): 1}, title="Risk"))
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert texts == ["low", "high", "Tier 1", "0", "9", "Tier 2", "1", "0"]
    fills = [rect.get("fill") for rect in svg.iter(f"{SVG}rect")]
    assert fills[0] == fills[3] == "#f8f9fa"  # empty cells are blank
    assert fills[1] != fills[2]


def test_labels_cannot_inject_markup():
    markup = str(bar_chart([Bar('<script>alert(1)</script>"', 1)], title="<b>x</b>"))
    assert "<script>" not in markup
    assert "<b>" not in markup
    svg = _parse(markup)  # still well-formed
    assert svg.find(f"{SVG}text").text == '<script>alert(1)</script>"'
