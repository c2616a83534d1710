"""Prints, for each published VSAQ questionnaire, what issue 23's "Must show" asks for:
source items by type, questions converted, conditions preserved (checked against the
independent port of VSAQ's evaluator over random answer sets), warnings mapped with
their direction verified, knockouts, and everything reported as not converted.

    .venv/bin/python tests/standards/vsaq/report_table.py [SAMPLES]
"""

import random
import sys
from collections import Counter
from pathlib import Path

if __name__ == "__main__":  # run as a script from anywhere
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.standards.vsaq.vsaq_cases import (  # noqa: E402
    PUBLISHED,
    convert,
    definition_of,
    our_answers,
    our_state,
    points_follow_warnings,
    random_values,
    raw_vsaq,
    vsaq_state,
)


def facts(name: str, samples: int = 300) -> dict:
    conversion = convert(name)
    definition, vsaq = definition_of(conversion), raw_vsaq(conversion)
    importer = conversion.importer
    rng = random.Random(name)
    agreed = checked = points_checked = points_agreed = 0
    seen: dict[str, set[bool]] = {}
    for _sample in range(samples):
        values = random_values(vsaq, rng)
        for state in (vsaq.settle(values), (values, vsaq.display(values))):
            answers = our_answers(conversion, state[0])
            ours = our_state(definition, answers)
            checked += 1
            agreed += ours == vsaq_state(conversion, vsaq, *state)
            hidden, holding = ours
            done, right = points_follow_warnings(definition, answers, hidden, holding)
            points_checked, points_agreed = points_checked + done, points_agreed + right
            for question in definition.questions.values():
                if question.id not in hidden and question.id in answers:
                    for warning in question.warnings:
                        seen.setdefault(warning.id, set()).add(warning.id in holding)
    tips = [n for n in importer.tree.order if n.kind == "tip"]
    warns = [n for n in tips if n.item.get("warn") == "yes"]
    conds = [n for n in importer.tree.order if n.cond]
    questions = list(definition.questions.values())
    return {
        "name": name,
        "items": importer.tree.count_by_type(),
        "questions": Counter(str(q.type) for q in questions),
        "conditions": len(conds),
        "shown_when": sum(1 for q in questions if q.condition_text),
        "checked": checked, "agreed": agreed,
        "warns": len(warns), "critical": sum(
            1 for n in warns if str(n.item.get("severity")).lower() == "critical"),
        "mapped": len(importer.warnings),
        "direction": sum(1 for _t, _q, w in importer.warnings
                         if seen.get(w["id"]) == {True, False}),
        "knockouts": sum(1 for q in questions if q.knockout),
        "points": (points_agreed, points_checked),
        "scored": sum(1 for q in questions if q.weight),
        "not_converted": [str(e) for e in conversion.report.of("not converted")],
        "changed": len(conversion.report.of("changed")),
    }


def table(samples: int = 300) -> str:
    rows = [facts(name, samples) for name in PUBLISHED]
    lines = ["| | " + " | ".join(f"`{row['name']}.json`" for row in rows) + " |",
             "|---|" + "---|" * len(rows)]

    def add(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    add("source items by type", [", ".join(f"{kind or '?'} {count}" for kind, count in
                                          sorted(row["items"].items())) for row in rows])
    add("questions converted", [f"{sum(row['questions'].values())} (" + ", ".join(
        f"{kind} {count}" for kind, count in sorted(row["questions"].items())) + ")"
        for row in rows])
    add("VSAQ conditions (items with cond)", [str(row["conditions"]) for row in rows])
    add("questions with a display condition", [str(row["shown_when"]) for row in rows])
    add("conditions preserved: answer sets where visibility and every warning agree "
        "with VSAQ's evaluator", [f"{row['agreed']}/{row['checked']}" for row in rows])
    add("warnings in VSAQ (tip warn: yes)", [f"{row['warns']} ({row['critical']} critical)"
                                             for row in rows])
    add("warnings mapped", [str(row["mapped"]) for row in rows])
    add("direction verified (fires on a risky answer, silent on a safe one)",
        [f"{row['direction']}/{row['mapped']}" for row in rows])
    add("scores follow the warnings (0 when one holds, 3 when none; answered, shown)",
        ["{}/{}".format(*row["points"]) for row in rows])
    add("scored questions (weight from severity)", [str(row["scored"]) for row in rows])
    add("knockouts (critical warnings)", [str(row["knockouts"]) for row in rows])
    add("changes listed in the import report", [str(row["changed"]) for row in rows])
    add("reported as not converted", [str(len(row["not_converted"])) + (
        ": " + "; ".join(row["not_converted"]) if row["not_converted"] else "")
        for row in rows])
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table(int(sys.argv[1]) if len(sys.argv) > 1 else 300), end="")
