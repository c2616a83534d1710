"""A hand-written VSAQ file where precedence changes the meaning: VSAQ reads
``a || b && c`` as ``(a || b) && c``; ``!`` takes the next operand; ``^id`` is "id is
visible"; a hidden item reads false. The converted conditions mean the same."""

import itertools
import json

import pytest

from tests.standards.vsaq.vsaq_cases import definition_of, our_answers, our_state, vsaq_state
from tests.standards.vsaq.vsaq_port import Vsaq
from vendorrisk.standards.vsaq import convert_vsaq
from vendorrisk.standards.vsaq.conditions import VsaqConditionError, parse_condition

FILE = {"questionnaire": [{"type": "block", "text": "Precedence", "items": [
    {"type": "block", "id": "main", "text": "Main", "items": [
        {"type": "check", "id": "a", "text": "A"},
        {"type": "check", "id": "b", "text": "B"},
        {"type": "check", "id": "c", "text": "C"},
        {"type": "line", "id": "q_mixed", "cond": "a || b && c", "text": "Mixed"},
        {"type": "line", "id": "q_not_group", "cond": "!(a || b)", "text": "Not group"},
        {"type": "line", "id": "q_not_first", "cond": "!a || b", "text": "Not first"},
        {"type": "tip", "id": "warn_c", "warn": "yes", "severity": "high", "cond": "c && !a",
         "text": "C without A", "name": "C alone"},
        {"type": "line", "id": "q_seen", "cond": "^warn_c", "text": "Shown with the warning"},
        {"type": "block", "id": "inner", "cond": "b", "text": "Inner", "items": [
            {"type": "radiogroup", "id": "r", "text": "R",
             "choices": [{"r_yes": "Yes"}, {"r_no": "No"}]},
        ]},
        {"type": "line", "id": "q_hidden_reads_false", "cond": "r_yes || !b",
         "text": "Reads a hidden choice"},
    ]},
]}]}


@pytest.fixture
def conversion():
    return convert_vsaq(json.dumps(FILE, indent=1), slug="precedence", file="p.json")


def test_grouping_is_made_explicit(conversion):
    questions = {q["id"]: q for q in conversion.questions}
    assert questions["q_mixed"]["condition"] == (
        '(answers.a == "yes" or answers.b == "yes") and answers.c == "yes"')
    assert questions["q_not_group"]["condition"] == (
        'not (answers.a == "yes" or answers.b == "yes")')
    assert questions["q_not_first"]["condition"] == (
        'not (answers.a == "yes") or answers.b == "yes"')
    assert questions["q_seen"]["condition"] == (
        'answers.c == "yes" and not (answers.a == "yes")')
    assert questions["r"]["condition"] == 'answers.b == "yes"'


def test_precedence_changes_the_meaning_and_ours_follows_vsaq(conversion):
    definition = definition_of(conversion)
    hidden, _holding = our_state(definition, {"a": "yes", "b": "no", "c": "no"})
    assert "q_mixed" in hidden  # a || (b && c) would have shown it


def test_every_answer_set_agrees_with_vsaq(conversion):
    definition, vsaq = definition_of(conversion), Vsaq(conversion.importer.tree_items)
    for a, b, c, r in itertools.product((True, False), (True, False), (True, False),
                                        (None, "r_yes", "r_no")):
        values = {"a": a, "b": b, "c": c} | ({r: True} if r else {})
        for state in (vsaq.settle(values), (values, vsaq.display(values))):
            ours = our_state(definition, our_answers(conversion, state[0]))
            assert ours == vsaq_state(conversion, vsaq, *state), values


@pytest.mark.parametrize("text", ["a | b", "a && && b", "a b", "!!a", "(a", 'matches("x")',
                                  ""])
def test_what_vsaq_refuses_is_refused(text):
    with pytest.raises(VsaqConditionError):
        parse_condition(text)


def test_an_unknown_id_is_reported_with_its_line_and_the_question_kept():
    broken = json.loads(json.dumps(FILE))
    broken["questionnaire"][0]["items"][0]["items"][3]["cond"] = "a && nowhere"
    result = convert_vsaq(json.dumps(broken, indent=1), slug="p", file="p.json")
    (entry,) = result.report.of("not converted")
    assert entry.item == "q_mixed"
    assert entry.line == 27  # the line where the item starts
    assert "unknown id 'nowhere'" in entry.reason
    assert "q_mixed" in {q["id"] for q in result.questions}
