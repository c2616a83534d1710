"""How far a standard asks what our default standard asks (R22): per criterion D1–D11
of consignee-selection, covered, partly or not, with the questions that evidence it.

Pure. A question names the criteria it evidences in ``criteria``: a section id of the
default standard (the whole criterion) or one of its question ids. A criterion is
covered when every question of its section is named, partly when some are, not when
none are. The default standard's own questions evidence themselves.
"""

from dataclasses import dataclass
from enum import StrEnum

from vendorrisk.standards.definition import Definition, Section

DEFAULT_SLUG = "consignee-selection"


class Coverage(StrEnum):
    COVERED = "covered"
    PARTLY = "partly"
    NOT = "not"


@dataclass(frozen=True)
class CriterionCoverage:
    """One criterion of the default standard (one of its sections)."""

    section: Section
    state: Coverage
    questions: tuple[str, ...]  # the standard's questions that evidence it
    asked: tuple[str, ...]  # the criterion's questions those cover
    missing: tuple[str, ...]  # the criterion's questions nothing covers

    @property
    def label(self) -> str:
        """The criterion's short name, as the rules write it: D1 … D11."""
        return self.section.id.upper()


def _named(definition: Definition, default: Definition) -> dict[str, set[str]]:
    """Default question id → the questions of ``definition`` that evidence it."""
    sections = {section.id: section for section in default.sections}
    named: dict[str, set[str]] = {qid: set() for qid in default.questions}
    for qid, question in definition.questions.items():
        criteria = question.criteria
        if definition.slug == default.slug and qid in named:
            criteria = (*criteria, qid)
        for criterion in criteria:
            if criterion in sections:
                for item in sections[criterion].questions:
                    named[item.id].add(qid)
            elif criterion in named:
                named[criterion].add(qid)
    return named


def coverage(definition: Definition, default: Definition) -> tuple[CriterionCoverage, ...]:
    """Each criterion of ``default`` (in its order) as ``definition`` covers it."""
    named = _named(definition, default)
    order = list(definition.questions)
    result = []
    for section in default.sections:
        ids = [question.id for question in section.questions]
        asked = tuple(qid for qid in ids if named[qid])
        missing = tuple(qid for qid in ids if not named[qid])
        mapped = set().union(*(named[qid] for qid in ids)) if ids else set()
        state = Coverage.NOT if not asked else (
            Coverage.PARTLY if missing else Coverage.COVERED)
        result.append(CriterionCoverage(section, state, tuple(sorted(mapped, key=order.index)),
                                        asked, missing))
    return tuple(result)


def unknown_criteria(definition: Definition, default: Definition
                     ) -> tuple[tuple[str, str], ...]:
    """(question id, criterion) for each criterion named that the default standard does
    not have (a typo, or a criterion dropped by a newer default version)."""
    known = {section.id for section in default.sections} | set(default.questions)
    return tuple((qid, criterion) for qid, question in definition.questions.items()
                 for criterion in question.criteria if criterion not in known)
