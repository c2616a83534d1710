"""VSAQ's own syntax (comments, strings joined by +, extensions) and its HTML texts."""

import pytest

from vendorrisk.foundation.richtext import rich
from vendorrisk.standards.vsaq.source import (
    VsaqSourceError,
    apply_extension,
    parse_vsaq,
    questionnaire_items,
)
from vendorrisk.standards.vsaq.texts import convert_html

SOURCE = """// a comment line
{
  "questionnaire": [  // a comment after a value
    {"type": "line", "id": "a",
     "text": "See http://example.com/x // not a comment " +
             "and more" +
             " words"}
  ]
}
"""


def test_comments_and_joined_strings_are_read_and_lines_kept():
    document = parse_vsaq(SOURCE)
    (item,) = questionnaire_items(document)
    assert item["text"] == "See http://example.com/x // not a comment and more words"
    assert item.line == 4


@pytest.mark.parametrize(("text", "line", "column", "reason"), [
    ('{\n "a": "x" +\n  1}', 3, 3, "expected a string after '+'"),
    ('{\n "a": 1,\n}', 3, 1, "expected a quoted key"),
    ('{\n "a": 1\n "b": 2}', 3, 2, "expected ',' or '}'"),
    ('{"a": "unterminated\n}', 1, 7, "unterminated string"),
    ('{"a": 1, "a": 2}', 1, 10, "the key 'a' appears twice"),
])
def test_syntax_errors_name_the_original_line_and_column(text, line, column, reason):
    with pytest.raises(VsaqSourceError) as caught:
        parse_vsaq(text, "f.json")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert reason in str(caught.value)
    assert str(caught.value).startswith(f"f.json:{line}:{column}: ")


def test_an_extension_is_inserted_with_its_namespace_or_refused():
    base = parse_vsaq('{"version": 1, "questionnaire": [{"type": "block", "items": ['
                      '{"type": "block", "id": "x", "items": []}]}]}')
    extension = parse_vsaq('{"version": 1, "namespace": "co", "extensions": [{"type": '
                           '"radiogroup", "id": "q", "insertBefore": "x", '
                           '"choices": [{"c": "C"}]}]}')
    apply_extension(base, extension)
    items = base["questionnaire"][0]["items"]
    assert [item["id"] for item in items] == ["co:q", "x"]
    assert items[0]["choices"] == [{"co:c": "C"}]
    wrong = parse_vsaq('{"version": 1, "extensions": [{"type": "line", "insertAfter": "y"}]}')
    with pytest.raises(VsaqSourceError, match="'y' is not in the base questionnaire"):
        apply_extension(base, wrong)
    other = parse_vsaq('{"version": 2, "extensions": []}')
    with pytest.raises(VsaqSourceError, match="version"):
        apply_extension(base, other)


def test_html_becomes_paragraphs_safe_links_and_decoded_text():
    converted = convert_html(
        "<p>Read <a href='https://owasp.org/CSRF_(x)'>this</a> &mdash; <b>now</b>.</p>"
        "<p><code>&lt;script&gt;</code></p><ul><li>one</li><li>two</li></ul>"
        "<a href='javascript:alert(1)'>bad</a>")
    assert converted.text == (
        "Read [this](https://owasp.org/CSRF_%28x%29) — now.\n\n<script>\n\n- one\n- two\n\nbad")
    assert converted.unsafe_links == ["javascript:alert(1)"]
    assert converted.dropped_tags == {"b", "code"}
    html = str(rich(converted.text))
    assert '<a href="https://owasp.org/CSRF_%28x%29"' in html
    assert "&lt;script&gt;" in html
    assert "javascript" not in html
