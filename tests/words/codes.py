"""The internal codes the app uses, built from its own vocabularies so the list stays
true, and the text a reader sees of a page, PDF or export, to look for them in.

Two kinds of code: *compound* ones (``up_to_100000``, ``user.login``, ``d1_policy``,
``d1``) are wrong wherever they stand as a word; *plain words* (``hosting``,
``reviewer``, ``yes``) are English words too, so they are wrong only where a piece of
text on the page is the bare word (a table cell, or a value after ``:`` or ``·``).
"""

import importlib
import pkgutil
import re
from dataclasses import dataclass
from enum import StrEnum
from html.parser import HTMLParser

import vendorrisk

# Python's reprs of empty, missing and true/false values, shown as text; and the
# scoring's own rule text ("answer yes", "maturity 3"), which speaks of stored values.
REPRS = re.compile(r"(?<![\w-])(?:None|True|False)(?![\w-])|\[\]|\{\}|\['|'\]"
                   r"|\banswer (?:yes|no)\b|\bmaturity \d\b|\bchoices? \w+_\w+")
# Three English words in a row: a sentence or a name, where a plain word is no code.
PROSE = re.compile(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+")
# Where a piece of text is cut into the values it shows ("access: hosting · individuals").
SEPARATORS = re.compile(r"\s*(?:[:：·•,，、;/|()（）\[\]「」“”\"—–→]|\s-\s)\s*")


def _enum_values() -> set[str]:
    for info in pkgutil.walk_packages(vendorrisk.__path__, "vendorrisk."):
        if info.name.rsplit(".", 1)[-1] in {"vocabulary", "labels", "models", "statuses",
                                             "workflow", "decision", "definition"}:
            importlib.import_module(info.name)
    found, todo = set(), list(StrEnum.__subclasses__())
    while todo:
        enum = todo.pop()
        todo.extend(enum.__subclasses__())
        if enum.__module__.startswith("vendorrisk."):
            found |= {member.value for member in enum}
    return found


def _label_keys() -> set[str]:
    """The keys of every label table (outcomes, marks, risks...): each one a code."""
    keys = set()
    for info in pkgutil.walk_packages(vendorrisk.__path__, "vendorrisk."):
        if info.name.endswith(".labels"):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if isinstance(value, dict):
                    keys |= {str(key) for key in value if isinstance(key, str)}
    return keys


@dataclass(frozen=True)
class Codes:
    """The codes to look for, and the question ids and standards' slugs a reference tag
    may show."""

    compound: re.Pattern[str]
    printed: re.Pattern[str]  # in a PDF, where a reference tag cannot be told apart
    words: frozenset[str]
    countries: re.Pattern[str]
    references: frozenset[str]

    def find(self, text: str, pieces: list[str], *, printed: bool = False) -> list[str]:
        """Each code found: in the whole ``text``, or as a bare piece of it. In a
        ``printed`` text (a PDF's) a question id or a standard's slug is taken for the
        reference the report prints beside the question's text or the standard's title."""
        compound = self.printed if printed else self.compound
        found = [match.group(0) for pattern in (compound, self.countries, REPRS)
                 for match in pattern.finditer(text)]
        for piece in pieces:
            if not PROSE.search(piece):  # a word in an English sentence is a word
                found += [part for part in SEPARATORS.split(piece) if part in self.words]
        return found


def known_codes(actions: set[str], definitions: list, countries: set[str]) -> Codes:
    """The codes of the vocabularies and label tables, the audit ``actions`` stored, the
    section, question and choice ids of the stored standard ``definitions``, and the
    country codes of the ``countries`` the data names."""
    vocabulary = _enum_values() | _label_keys()
    ids, references = set(), set()
    for definition in definitions:
        ids.add(definition.slug)
        references.add(definition.slug)
        for section in definition.sections:
            ids.add(section.id)
            for question in section.questions:
                references.add(question.id)
                ids |= {choice.id for choice in getattr(question, "choices", None) or ()}
    ids |= references
    compound = {code for code in vocabulary | ids | actions
                if re.search(r"[_.\d-]", code) and re.search(r"[a-z]", code)}
    # a letter alone names a contract clause ((a)–(h)), as the law numbers them
    words = {code for code in vocabulary | ids
             if code.isalpha() and code.islower() and len(code) > 1}
    return Codes(
        compound=_as_words(compound), printed=_as_words(compound - references),
        words=frozenset(words),
        # a country code alone; "シンガポール (SG)" names the country, its code beside it
        countries=re.compile(r"(?<![\w(])(" + "|".join(sorted(countries)) + r")(?![\w)])"),
        references=frozenset(references))


def _as_words(codes: set[str]) -> re.Pattern[str]:
    """Any of ``codes`` standing as a word of its own (not part of an address, a file
    name or a longer code)."""
    return re.compile(r"(?<![\w@./#=:-])(" + "|".join(
        re.escape(code) for code in sorted(codes, key=len, reverse=True))
        + r")(?![\w@/-]|\.\w)")


class Visible(HTMLParser):
    """The text a reader sees of a page: every piece of text (the values in fields
    included), scripts and styles left out, and a ``<code>`` tag holding only a question
    id (a reference beside the question's text, as a clause number is) left out too;
    with ``code_is_source``, every ``<code>`` tag (a standard's page quotes its file:
    ids and conditions, for those who maintain it)."""

    HIDDEN = {"script", "style", "title"}  # the title repeats the heading
    UNSEEN_INPUTS = {"hidden", "checkbox", "radio", "password"}

    def __init__(self, body: str, references: frozenset[str], *,
                 code_is_source: bool = False) -> None:
        super().__init__()
        self.references = references
        self.code_is_source = code_is_source
        self.pieces: list[str] = []
        self._hidden = 0
        self._code: list[str] | None = None
        self.feed(body)
        self.close()
        self.text = re.sub(r"\s+", " ", " ".join(self.pieces))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag == "code":
            self._code = []
        elif tag in {"input", "textarea"} and found.get("type") not in self.UNSEEN_INPUTS:
            self.pieces.append((found.get("value") or "").strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        elif tag == "code" and self._code is not None:
            inside = "".join(self._code).strip()
            if not self.code_is_source and inside not in self.references and \
                    inside.removeprefix("vsaq:") == inside:
                self.pieces.append(inside)
            self._code = None

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._code is not None:
            self._code.append(data)
        elif data.strip():
            self.pieces.append(data.strip())
