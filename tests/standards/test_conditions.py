"""The condition language: parsing, type checks, evaluation, and fuzzing."""

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorrisk.standards.condition_parser import (
    ConditionError,
    ConditionSyntaxError,
    ConditionTypeError,
    parse,
)
from vendorrisk.standards.conditions import check, evaluate

TYPES = {"gate": "string", "level": "number", "countries": "list", "note": "string"}
PROFILE = {"abroad": True, "tier": "1", "categories": ["customer", "my_number"],
           "special_care": False}


@pytest.mark.parametrize(("text", "answers", "expected"), [
    ('answers.gate == "yes"', {"gate": "yes"}, True),
    ('answers.gate == "yes"', {}, False),
    ("answers.level >= 2", {"level": 2}, True),
    ("answers.level >= 2", {}, False),
    ("profile.abroad and answers.countries != []", {"countries": ["US"]}, True),
    ("profile.abroad and answers.countries != []", {"countries": []}, False),
    ('"my_number" in profile.categories', {}, True),
    ('"children" not in profile.categories', {}, True),
    ("not answered(answers.note)", {}, True),
    ("not answered(answers.note)", {"note": "x"}, False),
    ('profile.tier == "1" or (profile.special_care and answers.level < 1)', {}, True),
    ("answers.level == null", {}, True),
    ("answers.gate in ['yes', 'maybe']", {"gate": "maybe"}, True),
])
def test_evaluation(text, answers, expected):
    node = parse(text)
    check(node, TYPES)
    assert evaluate(node, answers, PROFILE) is expected


@pytest.mark.parametrize(("text", "message"), [
    ("answers.level >=", "expected a value but found 'the end' (column 17)"),
    ("answers.level = 2", "unexpected character '='"),
    ("(answers.level > 1", "expected ')'"),
    ("import os", "unknown word 'import'"),
    ("answers.", "expected a name after answers."),
    ("", "the condition is empty"),
    ("__import__('os').system('x')", "unknown word '__import__'"),
])
def test_syntax_errors_say_where(text, message):
    with pytest.raises(ConditionSyntaxError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(text)


@pytest.mark.parametrize(("text", "message"), [
    ("answers.nope == 1", "unknown question answers.nope"),
    ("profile.nope", "unknown profile field profile.nope"),
    ('answers.level > "x"', "compares numbers"),
    ("answers.gate == 3", "compares a string with a number"),
    ("answers.level in answers.gate", "needs a list on its right"),
    ("answers.level", "gives a number, not true or false"),
])
def test_type_errors(text, message):
    with pytest.raises(ConditionTypeError, match=message):
        check(parse(text), TYPES)


def test_deep_nesting_is_refused_not_crashing():
    with pytest.raises(ConditionSyntaxError, match="nested too deeply"):
        parse("(" * 200 + "true" + ")" * 200)
    with pytest.raises(ConditionSyntaxError, match="nested too deeply"):
        parse("not " * 200 + "true")


ALPHABET = st.sampled_from(list("abcdefgnorstwy_.()[],'\"=!<>0123456789 ") +
                           ["answers.", "profile.", " and ", " or ", " not ", " in ",
                            "answered(", "true", "null", "==", "!=", ">="])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_fuzzed_text_only_raises_condition_errors(text):
    try:
        node = parse(text)
    except ConditionError:
        return
    with contextlib.suppress(ConditionError):
        check(node, TYPES)
    with contextlib.suppress(ConditionError):
        evaluate(node, {"gate": "yes", "level": 2, "countries": ["JP"]}, PROFILE)


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=3),
                   st.lists(st.text(max_size=2), max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([
    "answers.level >= 2", 'answers.gate in ["a"]', "answers.countries != []",
    '"x" in answers.countries', "answers.level < profile.tier", "not answers.gate",
    "answered(answers.note) and answers.level > 1",
]), st.dictionaries(st.sampled_from(list(TYPES)), VALUES),
    st.dictionaries(st.sampled_from(["tier", "abroad", "categories"]), VALUES))
def test_evaluating_any_values_only_raises_condition_errors(text, answers, profile):
    try:
        result = evaluate(parse(text), answers, profile)
    except ConditionError:
        return
    assert isinstance(result, bool)
