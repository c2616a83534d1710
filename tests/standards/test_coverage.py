"""D1–D11 coverage (R22): a criterion is covered when every question of the default
standard's section is evidenced, partly when some are, not when none are."""

from dataclasses import replace
from pathlib import Path

import pytest

from vendorrisk.standards.coverage import Coverage, coverage, unknown_criteria
from vendorrisk.standards.definition import (
    Definition,
    Question,
    QuestionType,
    ScoringPolicy,
    Section,
    Text,
    Use,
)
from vendorrisk.standards.loader import read_definition

ROOT = Path(__file__).resolve().parents[2] / "questionnaires"
POLICY = ScoringPolicy(pass_marks={"1": 80}, grade_a=85, knockout_min=2)


def _question(qid: str, section_id: str, *criteria: str) -> Question:
    return Question(id=qid, section_id=section_id, type=QuestionType.YES_NO,
                    text=Text(en=qid, ja=qid), criteria=criteria)


def _standard(slug: str, sections: dict[str, list[Question]]) -> Definition:
    return Definition(slug=slug, version=1, title=Text(en=slug, ja=slug), use=Use.SELECTION,
                      tiers=("1",), scoring=POLICY, sections=tuple(
                          Section(sid, Text(en=sid, ja=sid), tuple(questions))
                          for sid, questions in sections.items()))


DEFAULT = _standard("consignee-selection", {
    "d1": [_question("d1_policy", "d1"), _question("d1_audit", "d1")],
    "d2": [_question("d2_training", "d2"), _question("d2_pledges", "d2")],
    "d3": [_question("d3_disposal", "d3")],
})


def _states(definition: Definition) -> dict[str, Coverage]:
    return {item.section.id: item.state for item in coverage(definition, DEFAULT)}


def test_a_section_id_covers_the_whole_criterion_and_a_question_id_part_of_it():
    imported = _standard("vsaq-webapp", {"s": [
        _question("policy", "s", "d1"), _question("training", "s", "d2_training"),
        _question("other", "s")]})
    result = {item.section.id: item for item in coverage(imported, DEFAULT)}
    assert _states(imported) == {"d1": Coverage.COVERED, "d2": Coverage.PARTLY,
                                 "d3": Coverage.NOT}
    assert result["d1"].questions == ("policy",)
    assert result["d1"].asked == ("d1_policy", "d1_audit")
    assert result["d2"].asked == ("d2_training",)
    assert result["d2"].missing == ("d2_pledges",)
    assert result["d3"].questions == ()
    assert result["d3"].label == "D3"


def test_naming_every_question_of_a_section_covers_it_and_lists_each_question_once():
    imported = _standard("mine", {"s": [
        _question("a", "s", "d2_training", "d2_pledges"), _question("b", "s", "d2"),
        _question("c", "s", "d2_pledges")]})
    d2 = next(item for item in coverage(imported, DEFAULT) if item.section.id == "d2")
    assert d2.state == Coverage.COVERED
    assert d2.questions == ("a", "b", "c")  # in the standard's order


def test_the_default_standard_covers_itself():
    assert set(_states(DEFAULT).values()) == {Coverage.COVERED}


def test_a_standard_naming_nothing_covers_nothing():
    imported = _standard("bare", {"s": [_question("a", "s")]})
    assert set(_states(imported).values()) == {Coverage.NOT}


def test_criteria_the_default_does_not_have_are_listed():
    imported = _standard("typo", {"s": [_question("a", "s", "d1", "d12", "d1_polcy")]})
    assert unknown_criteria(imported, DEFAULT) == (("a", "d12"), ("a", "d1_polcy"))
    assert unknown_criteria(DEFAULT, DEFAULT) == ()


@pytest.mark.parametrize("version", [1, 2])
def test_the_shipped_default_standard_covers_all_eleven_criteria(version):
    default, _data, problems = read_definition(ROOT / "consignee-selection" / f"v{version}.yaml")
    assert not problems
    items = coverage(default, default)
    assert [item.label for item in items] == [f"D{n}" for n in range(1, 12)]
    assert {item.state for item in items} == {Coverage.COVERED}
    # Another slug with the same questions and no criteria named covers nothing.
    assert {item.state for item in coverage(replace(default, slug="copy"), default)} \
        == {Coverage.NOT}
