"""The four published VSAQ questionnaires (and the extension template) import as
published, pass the checks, and keep VSAQ's meaning: an independent port of VSAQ's
evaluator over the raw items agrees with our engine on hundreds of random answer sets."""

import random

import pytest

from tests.standards.vsaq.vsaq_cases import (
    PUBLISHED,
    convert,
    definition_of,
    our_answers,
    our_state,
    random_values,
    raw_vsaq,
    vsaq_state,
)
from vendorrisk.standards.vsaq.report import label

ALL = (*PUBLISHED, "test_template")
SAMPLES = 300


@pytest.mark.parametrize("name", ALL)
def test_conditions_and_warnings_mean_what_vsaq_means(name):
    conversion = convert(name)
    definition, vsaq = definition_of(conversion), raw_vsaq(conversion)
    rng = random.Random(name)
    fired: dict[str, set[bool]] = {}
    for _sample in range(SAMPLES):
        values = random_values(vsaq, rng)
        for state in (vsaq.settle(values), (values, vsaq.display(values))):
            answers = our_answers(conversion, state[0])
            ours = our_state(definition, answers)
            assert ours == vsaq_state(conversion, vsaq, *state)
            hidden, holding = ours
            for question in definition.questions.values():
                # A warning that holds is on a shown question: it counts.
                assert not {w.id for w in question.warnings} & holding or (
                    question.id not in hidden)
                if question.id not in hidden and question.id in answers:
                    for warning in question.warnings:
                        fired.setdefault(warning.id, set()).add(warning.id in holding)
    # Direction: each warning is seen firing on some answers and silent on others.
    for _tip, _question, warning in conversion.importer.warnings:
        assert fired.get(warning["id"]) == {True, False}, warning["id"]


@pytest.mark.parametrize("name", ALL)
def test_every_item_is_converted_or_reported(name):
    conversion = convert(name)
    report = conversion.report
    assert report.of("not converted") == []
    converted = {id(node.item) for node, _q in conversion.importer.questions}
    converted |= {id(tip.item) for tip, _q, _w in conversion.importer.warnings}
    reported = {(entry.line, entry.item) for entry in report.entries}
    for node in conversion.importer.tree.order:
        if node.kind in ("info", "tip") and id(node.item) not in converted:
            assert (node.item.line, label(node.item)) in reported
    # A converted question is never reported as not converted.
    names = {node.vsaq_id for node, _q in conversion.importer.questions}
    assert not [e for e in report.of("not converted") if e.item in names]


def test_warnings_become_weights_and_critical_ones_knockouts():
    definition = definition_of(convert("webapp"))
    question = definition.questions["application_ssl"]
    severities = {warning.severity for warning in question.warnings}
    assert question.weight == 3
    assert "high" in severities | {"critical"}
    knockouts = [q for q in definition.questions.values() if q.knockout]
    assert knockouts
    assert all(
        any(w.severity == "critical" for w in q.warnings) for q in knockouts)
    assert all(q.weight == 0 for q in definition.questions.values() if not q.warnings)


def test_texts_keep_links_paragraphs_and_entities_and_ids_trace_back():
    conversion = convert("webapp")
    definition = definition_of(conversion)
    texts = [w.advice.en for q in definition.questions.values() for w in q.warnings
             if w.advice] + [q.help.en for q in definition.questions.values() if q.help]
    assert any("](https://www.owasp.org/" in text for text in texts)
    assert any("\n\n" in text for text in texts)
    assert not any("&lt;" in text or "<p>" in text for text in texts)
    assert any("<script" in text for text in texts)  # decoded, shown escaped by |rich
    for question in definition.questions.values():
        assert dict(question.refs).get("vsaq"), question.id
        assert not question.required


def test_precedence_and_negation_are_kept():
    conversion = convert("security_privacy_programs")
    definition = definition_of(conversion)
    conditions = [w.condition_text for q in definition.questions.values() for w in q.warnings]
    assert any(text.startswith("not (") for text in conditions)
