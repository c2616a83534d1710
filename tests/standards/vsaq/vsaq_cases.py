"""Shared helpers of the VSAQ importer tests: the published files (data/, with their
licence notice), importing them, and reading answers both as VSAQ and as we do."""

import random
from pathlib import Path
from typing import Any

from tests.standards.vsaq.vsaq_port import Vsaq
from vendorrisk.standards.conditions import evaluate
from vendorrisk.standards.loader import build_definition
from vendorrisk.standards.scoring import Answer, hidden_questions, score
from vendorrisk.standards.vsaq import Conversion, convert_vsaq
from vendorrisk.standards.vsaq.source import parse_vsaq, questionnaire_items
from vendorrisk.standards.yamlsource import parse_yaml

DATA = Path(__file__).parent / "data"
PUBLISHED = ("webapp", "infrastructure", "physical_and_datacenter",
             "security_privacy_programs")


def slug_of(name: str) -> str:
    return name.replace("_", "-")


def convert(name: str, *, language: str | None = None) -> Conversion:
    extension = None
    if name == "test_template":
        extension = (DATA / "test_template_extension.json").read_text(encoding="utf-8")
    return convert_vsaq((DATA / f"{name}.json").read_text(encoding="utf-8"),
                        slug=slug_of(name), file=f"{name}.json", extension=extension,
                        extension_file="test_template_extension.json", language=language)


def definition_of(conversion: Conversion):  # noqa: ANN201
    definition, problems = build_definition(parse_yaml(conversion.yaml_text, "x.yaml"), "x")
    assert problems == [], problems
    return definition


def raw_vsaq(conversion: Conversion) -> Vsaq:
    """The port reads the same items the importer read (after any extension)."""
    return Vsaq(conversion.importer.tree_items)


def random_values(vsaq: Vsaq, rng: random.Random) -> dict:
    """Random answers; how many are given and ticked varies from set to set."""
    answer_rate, tick_rate = rng.uniform(0.4, 1.0), rng.uniform(0.05, 0.95)
    values: dict[str, Any] = {}
    for item in vsaq.items:
        kind = vsaq.kind[id(item)]
        if rng.random() > answer_rate:
            continue
        if kind == "radiogroup" and item.get("choices"):
            values[vsaq.choice_id(rng.choice(item["choices"]))] = True
        elif kind == "checkgroup":
            for choice in item.get("choices") or []:
                if rng.random() < tick_rate:
                    values[vsaq.choice_id(choice)] = True
        elif kind == "check" and item.get("id"):
            values[item["id"]] = rng.random() < 0.5
        elif kind == "yesno" and item.get("id"):
            values[item["id"]] = rng.choice(["yes", "no"])
        elif kind in ("line", "box", "upload") and item.get("id"):
            values[item["id"]] = rng.choice(["", "some words"])
    return values


def our_answers(conversion: Conversion, values: dict) -> dict[str, Any]:
    """The same answers as our questions hold them."""
    answers: dict[str, Any] = {}
    for node, question in conversion.importer.questions:
        qid, qtype = question["id"], question["type"]
        choices = [child for child in node.children if child.kind == "choice"]
        if node.kind in ("radiogroup", "checkgroup"):
            chosen = [c.choice_id for c in choices if values.get(c.vsaq_id)]
            if qtype == "yes_no":
                answers[qid] = "yes" if chosen else None
            elif qtype == "multi_choice":
                answers[qid] = chosen  # [] is an answer: "none of these"
            else:
                answers[qid] = chosen[0] if chosen else None
        elif node.kind == "check":
            answers[qid] = {True: "yes", False: "no"}.get(values.get(node.vsaq_id))
        else:
            answers[qid] = values.get(node.vsaq_id) or None
    return {qid: value for qid, value in answers.items() if value is not None}


def our_state(definition, answers: dict) -> tuple[set[str], set[str]]:
    """(hidden question ids, warning ids that hold) in our engine: warnings read the
    shown answers only."""
    answers = {qid: value for qid, value in answers.items() if value not in ([], "")}
    hidden = hidden_questions(definition, answers, {})  # as condition_answers() gives them
    shown = {qid: value for qid, value in answers.items() if qid not in hidden}
    holding = {warning.id for question in definition.questions.values()
               for warning in question.warnings if evaluate(warning.condition, shown, {})}
    return hidden, holding


def vsaq_state(conversion: Conversion, vsaq: Vsaq, values: dict, display: dict
               ) -> tuple[set[str], set[str]]:
    """(hidden question ids, warning ids shown) as VSAQ computes them."""
    hidden = {question["id"] for node, question in conversion.importer.questions
              if not vsaq.is_visible(node.item, display)}
    holding = {warning["id"] for tip, _question, warning in conversion.importer.warnings
               if vsaq.is_visible(tip.item, display)}
    return hidden, holding


def source_items(name: str) -> list:
    return questionnaire_items(parse_vsaq((DATA / f"{name}.json").read_text("utf-8")))


def points_follow_warnings(definition, answers: dict, hidden: set[str], holding: set[str]
                           ) -> tuple[int, int]:
    """(questions checked, questions right): every shown, answered question with
    warnings scores 0 when one of its warnings holds and 3 when none does."""
    result = score(definition, {qid: Answer(value) for qid, value in answers.items()},
                   {}, "1")
    checked = right = 0
    for question in definition.questions.values():
        if question.warnings and question.id not in hidden and question.id in answers:
            fires = any(warning.id in holding for warning in question.warnings)
            checked += 1
            right += result.questions[question.id].points == (0 if fires else 3)
    return checked, right
