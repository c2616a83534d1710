"""Imported VSAQ standards score in the right direction: a critical warning's risky
answer fails a knockout, the safe side of a ``!``-style warning earns full points, and
every imported standard can reach 100 %. (Needs the warnings scoring of issue 23.)"""

import random

import pytest

from tests.standards.vsaq.report_table import table
from tests.standards.vsaq.vsaq_cases import (
    PUBLISHED,
    convert,
    definition_of,
    our_answers,
    our_state,
    points_follow_warnings,
    random_values,
    raw_vsaq,
)
from vendorrisk.standards.definition import QuestionType
from vendorrisk.standards.scoring import Answer, score

pytest.importorskip("vendorrisk.standards.risk_warnings",
                    reason="needs the warnings scoring of issue 23 (H2)")


def _score(definition, values):
    return score(definition, {qid: Answer(value) for qid, value in values.items()}, {}, "1")


def test_a_critical_warnings_risky_answer_fails_its_knockout():
    definition = definition_of(convert("test_template"))
    risky = _score(definition, {"data_warning": "yes"})
    assert [failure.question_id for failure in risky.failed_knockouts] == ["data_warning"]
    assert risky.questions["data_warning"].points == 0
    safe = _score(definition, {"data_warning": "no"})
    assert safe.failed_knockouts == ()
    assert safe.questions["data_warning"].points == 3


def test_the_safe_side_of_a_not_warning_earns_full_points():
    definition = definition_of(convert("physical_and_datacenter"))
    (question,) = [q for q in definition.questions.values() if any(
        w.id == "warn_no_dc_controls_electronic_access_control" for w in q.warnings)]
    assert "and not (" in question.warnings[0].condition_text
    shown = {"dc_outsourced": ["dc_outsourced_no"]}
    safe = _score(definition, shown | {question.id: ["dc_controls_electronic_access_control"]})
    assert safe.questions[question.id].points == 3
    risky = _score(definition, shown | {question.id: []})
    assert risky.questions[question.id].points == 0


def _candidates(question):
    if question.type == QuestionType.SINGLE_CHOICE:
        return [choice.id for choice in question.choices]
    if question.type == QuestionType.MULTI_CHOICE:
        ids = [choice.id for choice in question.choices]
        return [[], ids, *([choice] for choice in ids),
                *([c for c in ids if c != left] for left in ids)]
    if question.type == QuestionType.YES_NO:
        return ["yes", "no"]
    return ["Described in our policy."]


def best_answers(definition):
    """Coordinate ascent: each question in turn takes the answer that scores best."""
    values = {qid: _candidates(q)[0] for qid, q in definition.questions.items()}
    best = _score(definition, values).percent
    for _round in range(4):
        improved = False
        for qid, question in definition.questions.items():
            for candidate in _candidates(question):
                trial = values | {qid: candidate}
                percent = _score(definition, trial).percent
                if percent > best:
                    values, best, improved = trial, percent, True
        if not improved:
            break
    return values, best


@pytest.mark.parametrize("name", [*PUBLISHED, "test_template"])
def test_each_imported_standard_can_reach_full_marks(name):
    definition = definition_of(convert(name))
    values, best = best_answers(definition)
    result = _score(definition, values)
    assert best == pytest.approx(100.0)
    assert result.failed_knockouts == ()
    assert result.grade.value == "A"
    assert result.possible > 0


@pytest.mark.parametrize("name", PUBLISHED)
def test_points_follow_the_warnings_and_critical_ones_knock_out(name):
    conversion = convert(name)
    definition, vsaq = definition_of(conversion), raw_vsaq(conversion)
    rng = random.Random(f"points {name}")
    knocked_out: set[str] = set()
    for _sample in range(100):
        values, _display = vsaq.settle(random_values(vsaq, rng))
        answers = our_answers(conversion, values)
        hidden, holding = our_state(definition, answers)
        checked, right = points_follow_warnings(definition, answers, hidden, holding)
        assert checked == right
        # A critical warning that holds fails its question's knockout.
        critical = {q.id for q in definition.questions.values() if q.id not in hidden
                    and any(w.severity == "critical" and w.id in holding for w in q.warnings)}
        failed = {f.question_id for f in _score(definition, answers).failed_knockouts}
        assert critical <= failed
        knocked_out |= critical
    assert knocked_out or name == "physical_and_datacenter"  # it has no critical warning


def test_the_report_table_prints_a_row_per_must_show_item():
    text = table(samples=5)
    assert "| conditions preserved" in text
    assert "| reported as not converted | 0 | 0 | 0 | 0 |" in text
