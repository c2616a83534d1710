"""What a VSAQ condition means, in our condition language.

A name reads as VSAQ's resolver reads it (vsaq/static/questionnaire/items.js
``evaluateConditions``): a choice is true when chosen, ``id/yes`` / ``id/no`` when a
yes/no item has that answer, a check box when ticked, a group when any choice is chosen,
``id/value`` when the item holds a value, ``^id`` when the item is visible (its own
condition and every enclosing block's). A hidden item reads false: our engine reads the
answer of a hidden question as null, which every converted test treats as false.
"""

from vendorrisk.standards.vsaq.conditions import (
    FALSE,
    TRUE,
    Name,
    Ours,
    VsaqConditionError,
    combine,
    parse_condition,
    to_ours,
)
from vendorrisk.standards.vsaq.model import GROUPS, Node, Tree
from vendorrisk.standards.vsaq.report import Report


class Meaning:
    def __init__(self, tree: Tree, report: Report) -> None:
        self.tree, self.report = tree, report
        self._conds: dict[int, Ours] = {}
        self._busy: set[int] = set()
        self._owner: Node | None = None

    def own(self, node: Node) -> Ours:
        """The node's own ``cond`` (true when it has none or it cannot be converted)."""
        key = id(node)
        if key in self._conds:
            return self._conds[key]
        if not node.cond:
            return TRUE
        if key in self._busy:
            raise VsaqConditionError(f"the condition of {node.vsaq_id or node.kind} "
                                     "depends on itself")
        self._busy.add(key)
        owner, self._owner = self._owner, node
        try:
            result = to_ours(parse_condition(node.cond), self.term)
        except VsaqConditionError as error:
            self.report.not_converted(node.item, f"condition {node.cond!r} not converted "
                                      f"({error}); the item is shown whatever the answers",
                                      name=node.vsaq_id)
            result = TRUE
        finally:
            self._busy.discard(key)
            self._owner = owner
        self._conds[key] = result
        return result

    def visibility(self, node: Node) -> Ours:
        """True when VSAQ shows the node: its condition and every ancestor's."""
        return combine("and", [self.own(other) for other in reversed([node, *node.ancestors()])])

    def inherited(self, node: Node) -> Ours:
        """The conditions of the node's enclosing blocks."""
        return combine("and", [self.own(other) for other in reversed(node.ancestors())])

    def term(self, name: Name) -> Ours:
        if name.text == "false":
            return FALSE
        node = self.tree.by_id.get(name.item_id)
        if node is None:
            raise VsaqConditionError(f"unknown id {name.item_id!r}")
        if name.visibility:
            return self.visibility(node)
        return self.value(node, name)

    def value(self, node: Node, name: Name) -> Ours:
        question = node.question if node.kind != "choice" else (node.parent.question
                                                                 if node.parent else None)
        kind, suffix = node.kind, name.suffix
        if kind in ("info", "block", "tip") and suffix != "/value" or kind == "":
            if kind == "tip":
                return self._false(name, "a tip's id reads as false in VSAQ")
            raise VsaqConditionError(f"{name.text!r} names a {kind or 'typeless'} item, "
                                     "which VSAQ cannot read in a condition")
        if question is None:
            raise VsaqConditionError(f"{name.text!r} names an item that was not converted")
        qid, qtype = question["id"], question["type"]
        if suffix == "/value":
            if kind == "choice":
                return self.choice(node, question)
            if kind == "yesno":
                return ("atom", f"answered(answers.{qid})")
            return answered(qid, qtype)
        if kind == "choice":
            return self.choice(node, question)
        if kind in GROUPS:
            return answered(qid, qtype)
        if kind == "check":
            return ("atom", f'answers.{qid} == "yes"')
        if kind == "yesno":
            if suffix in ("/yes", "/no"):
                return ("atom", f'answers.{qid} == "{suffix[1:]}"')
            return self._false(name, "a yes/no id without /yes or /no reads as false in VSAQ")
        return self._false(name, f"a {kind} item without /value reads as false in VSAQ")

    def choice(self, node: Node, question: dict) -> Ours:
        qid = question["id"]
        if question["type"] == "yes_no":  # a one-choice group became a check box
            return ("atom", f'answers.{qid} == "yes"')
        if question["type"] == "multi_choice":
            return ("atom", f'"{node.choice_id}" in answers.{qid}')
        return ("atom", f'answers.{qid} == "{node.choice_id}"')

    def _false(self, name: Name, why: str) -> Ours:
        if self._owner is not None:
            self.report.changed(self._owner.item, f"in its condition {name.text!r} is "
                                f"written as false: {why}", name=self._owner.vsaq_id)
        return FALSE


def answered(qid: str, qtype: str) -> Ours:
    if qtype == "yes_no":
        return ("atom", f'answers.{qid} == "yes"')
    return ("atom", f"answered(answers.{qid})")
