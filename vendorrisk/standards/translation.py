"""Where a standard's texts are still untranslated (docs/rules.md#selection-standard-and-scoring).

The VSAQ importer writes a text it could not translate as ``"(未翻訳) " + the original``.
Such a standard cannot be approved until the marks are gone, unless it is declared
single-language (``language: en`` or ``ja``), where no mark can remain. Pure.
"""

from collections.abc import Iterator

from vendorrisk.standards.definition import Definition, Question, Text

MARK = "(未翻訳)"


def _question_texts(question: Question) -> Iterator[tuple[str, Text | None]]:
    yield "text", question.text
    yield "help", question.help
    yield "subsection", question.subsection
    if question.evidence:
        yield "evidence", question.evidence.what
    for choice in question.choices:
        yield f"choice {choice.id}", choice.label
    for warning in question.warnings:
        yield f"warning {warning.id} name", warning.name
        yield f"warning {warning.id} advice", warning.advice
        yield f"warning {warning.id} why", warning.why


def _texts(definition: Definition) -> Iterator[tuple[str, Text | None]]:
    yield "title", definition.title
    yield "description", definition.description
    for section in definition.sections:
        yield f"{section.id}: title", section.title
        yield f"{section.id}: description", section.description
        for question in section.questions:
            for where, text in _question_texts(question):
                yield f"{question.id}: {where}", text


def marked(text: Text | None) -> bool:
    """The text still carries the importer's untranslated mark in either language."""
    return text is not None and (MARK in text.en or MARK in text.ja)


def untranslated(definition: Definition) -> list[str]:
    """Where untranslated marks remain, in file order ("d1_policy: text"); [] for a
    single-language standard."""
    if definition.language:
        return []
    return [where for where, text in _texts(definition) if marked(text)]
