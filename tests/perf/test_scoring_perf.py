"""Benchmark: scoring 10,000 answer sets against consignee-selection (target ≥ 5,000/s).

    .venv/bin/python -m pytest tests/perf/test_scoring_perf.py -s
"""

import random
import time

from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.standards.definition import QuestionType
from vendorrisk.standards.loader import read_definition
from vendorrisk.standards.scoring import Answer, score

SETS = 10_000


def _random_answers(definition, rng: random.Random) -> dict[str, Answer]:
    answers = {}
    for question in definition.questions.values():
        if rng.random() < 0.03:
            continue  # some left unanswered
        if question.na_allowed and rng.random() < 0.1:
            answers[question.id] = Answer(not_applicable=True, justification="n/a")
        elif question.type == QuestionType.MATURITY:
            # Mostly in place, as real vendors answer; some gaps.
            answers[question.id] = Answer(rng.choice([0, 1, 2, 2, 3, 3, 3, 3]))
        elif question.type == QuestionType.YES_NO:
            answers[question.id] = Answer(rng.choice(["yes", "yes", "yes", "no"]))
        elif question.type == QuestionType.SINGLE_CHOICE:
            answers[question.id] = Answer(rng.choice(question.choices).id)
        elif question.type == QuestionType.MULTI_CHOICE:
            answers[question.id] = Answer([c.id for c in question.choices if rng.random() < .5])
        else:
            answers[question.id] = Answer("2026-01-01")
    return answers


def test_scoring_throughput():
    folder = questionnaires_folder()
    definition, _data, problems = read_definition(
        folder / "consignee-selection" / "v1.yaml", folder)
    assert problems == []
    rng = random.Random(42)
    profiles = [{"tier": tier, "abroad": abroad, "special_care": abroad, "my_number": False,
                 "payment_card": False, "children": False, "categories": ["customer"],
                 "countries": ["JP", "US"] if abroad else ["JP"], "sub_consignees": abroad,
                 "classification": "consignment", "access": "hosting",
                 "individuals": "up_to_1000", "criticality": "significant"}
                for tier in ("1", "2", "3") for abroad in (True, False)]
    inputs = [(_random_answers(definition, rng), profiles[i % len(profiles)])
              for i in range(SETS)]
    start = time.perf_counter()
    grades = [score(definition, answers, profile, profile["tier"]).grade
              for answers, profile in inputs]
    elapsed = time.perf_counter() - start
    rate = SETS / elapsed
    print(f"\nscored {SETS} answer sets ({len(definition.questions)} questions each) in "
          f"{elapsed:.2f} s: {rate:,.0f} sets/s; grades {sorted(set(grades))}")
    assert rate >= 5000
