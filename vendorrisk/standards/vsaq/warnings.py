"""VSAQ's warnings (``tip`` with ``warn: yes``) on the questions they concern.

A warning fires when VSAQ would show it: its condition and its blocks' conditions hold.
It goes on the question whose ids its condition names in the same block (the nearest
before it), else on the nearest named question before it, else on the question before
it. The question's weight is the highest severity weight of its warnings; critical
warnings make it a knockout when any of them holds.
"""

import re
from typing import Any

from vendorrisk.standards.definition import SEVERITY_WEIGHT
from vendorrisk.standards.vsaq.conditions import (
    FALSE,
    TRUE,
    Ours,
    VsaqConditionError,
    combine,
    names,
    parse_condition,
    render,
)
from vendorrisk.standards.vsaq.convert import Importer, ident
from vendorrisk.standards.vsaq.model import Node
from vendorrisk.standards.vsaq.texts import plain_words


def _named_questions(importer: Importer, tip: Node) -> list[dict]:
    try:
        named = names(parse_condition(tip.cond or ""))
    except VsaqConditionError:
        return []
    found = []
    for name in named:
        node = importer.tree.by_id.get(name.item_id)
        if node is None or name.visibility:
            continue
        owner = node.parent if node.kind == "choice" else node
        if owner is not None and owner.question is not None:
            found.append((owner, owner.question))
    return found


def _conjuncts(node: Ours) -> list[Ours]:
    if node == TRUE:
        return []
    return list(node[1]) if node[0] == "and" else [node]


def target(importer: Importer, tip: Node, before: dict | None) -> tuple[dict | None, bool]:
    """The question the warning goes on, and whether that question is surely shown
    whenever the warning holds (its visibility is part of the warning's condition)."""
    order = {id(node): index for index, node in enumerate(importer.tree.order)}
    position = order[id(tip)]
    when = _conjuncts(importer.meaning.visibility(tip))

    def shown_with_warning(node: Node) -> bool:
        # A hidden question's answer reads null: a warning that needs its answer
        # to hold implies it is shown. So does a warning that includes its visibility.
        qid = node.question["id"] if node.question else None
        needs_answer = any(part[0] == "atom" and re.fullmatch(
            rf'answers\.{qid} == "[^"]*"|"[^"]*" in answers\.{qid}', part[1])
            for part in when)
        return needs_answer or all(
            part in when for part in _conjuncts(importer.meaning.visibility(node)))

    named = _named_questions(importer, tip)
    earlier = [(node, q) for node, q in named if order[id(node)] < position]
    same_block = [(node, q) for node, q in earlier if tip.parent in node.ancestors()]
    for group in (same_block, earlier, named):
        for pairs in ([pair for pair in group if shown_with_warning(pair[0])], group):
            if pairs:
                node, question = max(pairs, key=lambda pair: order[id(pair[0])])
                return question, shown_with_warning(node)
    if before is None:
        return None, False
    node = next(node for node, question in importer.questions if question is before)
    return before, shown_with_warning(node)


def attach_warnings(importer: Importer) -> int:
    """Put every warning on its question; the number of warnings mapped."""
    report, mapped = importer.report, 0
    whens: dict[int, list[Ours]] = {}
    for tip, before in importer.tips:
        item = tip.item
        when = importer.meaning.visibility(tip)
        question, surely_shown = target(importer, tip, before)
        if question is None or when in (TRUE, FALSE):
            reason = ("no question comes before it" if question is None else
                      "its condition never holds" if when == FALSE else
                      "its condition always holds, so it would mark every answer")
            report.not_converted(item, f"warning not mapped: {reason}", name=tip.vsaq_id)
            continue
        severity = str(item.get("severity") or "").lower()
        if severity not in SEVERITY_WEIGHT:
            report.changed(item, f"severity {item.get('severity')!r} read as medium",
                           name=tip.vsaq_id)
            severity = "medium"
        name = plain_words(item.get("name"))
        advice = importer.text(tip, item.get("text"))
        if not name:
            name = plain_words(item.get("text")).split(". ")[0][:120] or tip.vsaq_id or "?"
            report.changed(item, "the warning has no name: its first words name it",
                           name=tip.vsaq_id)
        warning: dict[str, Any] = {
            "id": importer.unique(ident(tip.vsaq_id or f"warn_{question['id']}", "warn")),
            "when": render(when), "severity": severity, "name": name}
        if advice:
            warning["advice"] = advice
        if item.get("why"):
            warning["why"] = importer.text(tip, item.get("why"))
        question.setdefault("warnings", []).append(warning)
        importer.warnings.append((tip, question, warning))
        question["weight"] = max(question.get("weight", 0), SEVERITY_WEIGHT[severity])
        if severity == "critical":
            whens.setdefault(id(question), []).append(when)
            question["knockout"] = {"when": render(combine("or", whens[id(question)]))}
        for choice in question.get("choices", []):
            choice.pop("score", None)  # its warnings decide the points, not the choices
        report.changed(item, f"{severity} warning on the question {question['id']}"
                       + (" (a knockout when it holds)" if severity == "critical" else "")
                       + ("" if surely_shown else "; it may hold while that question is "
                          "hidden, and then does not count"), name=tip.vsaq_id)
        mapped += 1
    return mapped
