"""The VSAQ tree as VSAQ sees it: every item and every choice by id, with its parent
(a choice's parent is its group; an item's is its block), so conditions can be read."""

from dataclasses import dataclass, field

GROUPS = {"radiogroup", "checkgroup"}
QUESTION_TYPES = {"line", "box", "check", "yesno", "radiogroup", "checkgroup", "upload"}


@dataclass(eq=False)
class Node:
    item: dict  # the VSAQ item (for a choice: the choice's one-key mapping)
    kind: str  # the VSAQ type, or "choice"
    parent: "Node | None"
    vsaq_id: str | None
    cond: str | None
    question: dict | None = None  # our question, once converted
    choice_id: str | None = None  # our choice id (choices only)
    children: list["Node"] = field(default_factory=list)

    def ancestors(self) -> list["Node"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Tree:
    """Index of a VSAQ questionnaire's items."""

    def __init__(self, items: list) -> None:
        self.by_id: dict[str, Node] = {}
        self.order: list[Node] = []
        self.duplicates: list[Node] = []
        self.malformed: list[tuple[dict, str]] = []  # (the item holding it, what is wrong)
        self.roots = [self._add(item, None) for item in items if isinstance(item, dict)]

    def _add(self, item: dict, parent: Node | None) -> Node:
        node = Node(item, str(item.get("type") or ""), parent, _id(item.get("id")),
                    item.get("cond") or None)
        self._register(node)
        for child in item.get("items") or []:
            if isinstance(child, dict):
                node.children.append(self._add(child, node))
            else:
                self.malformed.append((item, f"an item that is not an object: {child!r}"))
        if node.kind in GROUPS:
            conds = {key: value for entry in item.get("choicesConds") or []
                     if isinstance(entry, dict) for key, value in entry.items()}
            for choice in item.get("choices") or []:
                if not isinstance(choice, dict) or len(choice) != 1:
                    self.malformed.append((item, f"a choice that is not one id with its "
                                                 f"text: {choice!r}"))
                    continue
                ((key, _label),) = choice.items()
                child = Node(choice, "choice", node, _id(key), conds.get(key) or None)
                node.children.append(child)
                self._register(child)
        return node

    def _register(self, node: Node) -> None:
        self.order.append(node)
        if node.vsaq_id:
            if node.vsaq_id in self.by_id:
                self.duplicates.append(node)
            else:
                self.by_id[node.vsaq_id] = node

    def count_by_type(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for node in self.order:
            counts[node.kind] = counts.get(node.kind, 0) + 1
        return counts


def _id(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
