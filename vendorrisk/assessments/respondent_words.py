"""The words of a standard as a respondent reads them: the reader's language, or the
standard's own when it is declared single-language, never an importer's "untranslated"
mark (a bilingual standard that still holds one shows its English text instead)."""

from vendorrisk.foundation.richtext import plain
from vendorrisk.standards.definition import Definition, Text

UNTRANSLATED = "(未翻訳)"


def words(text: Text | None, locale: str) -> str:
    """``text`` in ``locale``; the English when that text still carries the mark."""
    if text is None:
        return ""
    said = text.get(locale)
    if said.lstrip().startswith(UNTRANSLATED):
        said = text.en
        if said.lstrip().startswith(UNTRANSLATED):  # marked on both sides: drop the mark
            said = said.lstrip()[len(UNTRANSLATED):].lstrip()
    return said


def plain_words(text: Text | None, locale: str) -> str:
    """The same without link markup (messages, labels of form fields)."""
    return plain(words(text, locale))


def headline(text: Text | None, locale: str) -> str:
    """Its first paragraph, without link markup: how a message names a question."""
    return plain_words(text, locale).strip().split("\n\n", 1)[0].strip()


def only_in(definition: Definition, locale: str) -> str | None:
    """The language the standard is written in, when the reader's is another."""
    language = definition.language
    return language if language and language != locale else None
