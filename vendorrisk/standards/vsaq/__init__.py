"""Importing a Google VSAQ questionnaire, as Google publishes it, into a selection
standard file: ``source`` reads VSAQ's syntax (and extension files), ``conditions`` and
``meaning`` keep VSAQ's condition rules, ``convert`` makes sections and questions,
``warnings`` maps each warning onto the question it concerns, ``mapping`` proposes our
criteria, ``report`` lists every change and everything not converted."""

from dataclasses import dataclass
from typing import Any

import yaml

from vendorrisk.standards.vsaq.convert import Importer
from vendorrisk.standards.vsaq.mapping import mapping_text, propose
from vendorrisk.standards.vsaq.report import Report
from vendorrisk.standards.vsaq.source import (
    VsaqSourceError,
    apply_extension,
    parse_vsaq,
    questionnaire_items,
)
from vendorrisk.standards.vsaq.warnings import attach_warnings

UNTRANSLATED = "(未翻訳) "
TEXT_KEYS = {"title", "description", "text", "help", "subsection", "label", "name",
             "advice", "why"}

__all__ = ["Conversion", "VsaqSourceError", "convert_vsaq", "UNTRANSLATED"]


@dataclass
class Conversion:
    yaml_text: str
    data: dict
    report: Report
    mapping_text: str
    importer: Importer
    warnings_mapped: int = 0

    @property
    def questions(self) -> list[dict]:
        return [q for section in self.data["sections"] for q in section["questions"]]

    @property
    def question_count(self) -> int:
        return len(self.questions)

    @property
    def section_count(self) -> int:
        return len(self.data["sections"])


def _localized(value: Any, language: str | None, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _localized(v, language, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_localized(v, language) for v in value]
    if key in TEXT_KEYS and isinstance(value, str):
        return {"en": value} if language == "en" else {"en": value,
                                                        "ja": UNTRANSLATED + value}
    return value


def convert_vsaq(source: str, *, slug: str, file: str = "", extension: str | None = None,
                 extension_file: str = "", language: str | None = None,
                 mapping: dict[str, list[str]] | None = None) -> Conversion:
    """Convert VSAQ text (and an extension's) into our YAML, with the import report.
    VsaqSourceError (a ValueError) names the original line of a syntax error."""
    document = parse_vsaq(source, file)
    items = questionnaire_items(document, file)
    if extension is not None:
        apply_extension(document, parse_vsaq(extension, extension_file), extension_file)
    report = Report(file or "the VSAQ file")
    importer = Importer(items, report)
    title, sections = importer.sections()
    importer.conditions()
    mapped = attach_warnings(importer)
    for section in sections:
        for question in section["questions"]:
            if mapping is not None and question["id"] in mapping:
                criteria = mapping[question["id"]]
            else:
                criteria = propose(question["text"], question.get("subsection") or "",
                                   section["title"], " ".join(question.get("refs", {}).get(
                                       "vsaq", [])))
            if criteria:
                question["criteria"] = criteria
    title = title or slug
    definition: dict[str, Any] = {
        "slug": slug, "version": 1, "title": title,
        "description": f"Imported from the VSAQ questionnaire {title} ({file or 'VSAQ'}).",
        "use": "selection", "tiers": ["1", "2"], "references": ["Google VSAQ"],
    }
    if language:
        definition["language"] = language
    definition["scoring"] = {"pass_marks": {"1": 80, "2": 70, "3": 60}, "grade_a": 85,
                             "knockout_min": 2}
    definition["sections"] = sections
    data = _localized(definition, language)
    header = ("# Converted from VSAQ" + (f" ({file})" if file else "") + "; " +
              ("single-language: English.\n" if language == "en" else
               f"texts marked {UNTRANSLATED.strip()} need Japanese.\n"))
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return Conversion(yaml_text=text, data=data, report=report,
                      mapping_text=mapping_text(sections), importer=importer,
                      warnings_mapped=mapped)
