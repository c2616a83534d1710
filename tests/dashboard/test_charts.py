"""The SVG charts: numbers in, markup out; labels are text, never markup."""

import xml.etree.ElementTree as ET

from vendorrisk.foundation.charts import Bar, bar_chart, heat_map, wrap

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
    texts = ["".join(text.itertext()) for text in svg.iter(f"{SVG}text")]
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


def test_long_column_heads_wrap_instead_of_running_into_each_other():
    """The tier × status map has eight columns 74 px wide: a head such as "In use — not
    yet assessed" ran into its neighbours on one line."""
    columns = [("in_use", "In use — not yet assessed"), ("ok", "Approved"),
               ("ja", "利用中（未評価）")]
    svg = _parse(heat_map([("1", "Tier 1")], columns, {}, title="Vendors"))
    heads = [text for text in svg.iter(f"{SVG}text") if text.find(f"{SVG}tspan") is not None]
    lines = [[span.text for span in head.iter(f"{SVG}tspan")] for head in heads]
    assert lines == [["In use — not", "yet assessed"], ["Approved"], ["利用中（未評", "価）"]]
    assert all(len(line) <= 13 for head in lines for line in head)


def test_wrap_keeps_latin_words_whole_and_cuts_wide_text_by_width():
    assert wrap("Conditionally approved", 13) == ["Conditionally", "approved"]
    assert wrap("Internationalisation", 13) == ["Internationalisation"]
    assert wrap("条件付き承認", 13) == ["条件付き承認"]
    assert wrap("", 13) == [""]
