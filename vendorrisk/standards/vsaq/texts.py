"""VSAQ's HTML texts in our light markup (vendorrisk/foundation/richtext.py): a blank
line between paragraphs, ``[label](url)`` for http(s) links, ``<br>`` as a line break,
list items on lines of their own; every other tag is dropped (and named, for the import
report) and HTML entities are decoded."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "div", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "blockquote"}
QUIET_TAGS = {"b", "i", "em", "strong", "code", "span", "u", "small", "tt"}
SAFE_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
URL_ESCAPES = {"(": "%28", ")": "%29", " ": "%20"}


@dataclass
class Converted:
    text: str
    dropped_tags: set[str] = field(default_factory=set)  # formatting tags left out
    unsafe_links: list[str] = field(default_factory=list)  # links kept as their label only

    @property
    def changed(self) -> list[str]:
        notes = []
        if self.dropped_tags:
            notes.append("HTML formatting dropped (" + ", ".join(
                f"<{tag}>" for tag in sorted(self.dropped_tags)) + ")")
        if self.unsafe_links:
            notes.append("links that are not http(s) kept as their words only: "
                         + ", ".join(self.unsafe_links))
        return notes


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href: str | None = None
        self.label: list[str] = []
        self.result = Converted("")

    def emit(self, text: str) -> None:
        (self.label if self.href is not None else self.out).append(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in BLOCK_TAGS:
            self.emit("\n\n")
        elif tag == "br":
            self.emit("\n")
        elif tag == "li":
            self.emit("\n- ")
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.label = []
        else:
            self.result.dropped_tags.add(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.emit("\n\n")
        elif tag == "a" and self.href is not None:
            label = re.sub(r"\s+", " ", "".join(self.label)).strip()
            label = label.replace("[", "(").replace("]", ")")
            href = self.href.strip()
            self.href = None
            # The same address with the characters our link syntax cannot hold escaped.
            escaped = "".join(URL_ESCAPES.get(char, char) for char in href)
            if SAFE_URL.fullmatch(escaped):
                self.out.append(f"[{label or escaped}]({escaped})")
            else:
                self.result.unsafe_links.append(href or "(empty)")
                self.out.append(label)

    def handle_data(self, data: str) -> None:
        self.emit(data)


def convert_html(source: object) -> Converted:
    """Our markup for a VSAQ text (HTML allowed)."""
    parser = _Html()
    parser.feed(str(source or ""))
    parser.close()
    if parser.href is not None:  # an <a> never closed: keep its words
        parser.out.extend(parser.label)
    text = "".join(parser.out).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    # A list item that follows a paragraph break starts right after it.
    parser.result.text = re.sub(r"\n\n(?=- )", "\n\n", text)
    return parser.result


def plain_words(source: object) -> str:
    """One line of words (for ids, names and report lines)."""
    return re.sub(r"\s+", " ", convert_html(source).text).strip()
