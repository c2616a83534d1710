"""Light markup in texts that come from files (imported questionnaires): paragraphs and
safe links, nothing else.

A text is plain words in which a blank line separates paragraphs and ``[label](url)``
is a link; only ``https://`` and ``http://`` addresses become links, everything else is
shown as written. The result is escaped first, so no markup of the source ever reaches
the page.
"""

import re

from markupsafe import Markup, escape

LINK = re.compile(r"\[([^\]\n]{1,300})\]\((https?://[^\s()<>\"']{1,2000})\)")
PARAGRAPH = re.compile(r"\n\s*\n")


LINK_HTML = Markup('<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>')
BREAK = Markup("<br>")
PARA_HTML = Markup("<p>{}</p>")


def _line(text: str) -> Markup:
    out, last = Markup(""), 0
    for match in LINK.finditer(text):
        out += escape(text[last:match.start()])
        out += LINK_HTML.format(match.group(2), match.group(1))
        last = match.end()
    out += escape(text[last:])
    return BREAK.join(out.split("\n"))


def rich(text: object) -> Markup:
    """Paragraphs and links of ``text`` as safe HTML (one paragraph: no ``<p>``)."""
    paragraphs = [part.strip() for part in PARAGRAPH.split(str(text or "")) if part.strip()]
    if len(paragraphs) <= 1:
        return _line(paragraphs[0]) if paragraphs else Markup("")
    return Markup("").join(PARA_HTML.format(_line(part)) for part in paragraphs)


def plain(text: object) -> str:
    """The same text without markup: links as their label (for e-mails and exports)."""
    return LINK.sub(lambda match: match.group(1), str(text or ""))
