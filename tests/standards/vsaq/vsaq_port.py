"""An independent Python port of VSAQ's condition evaluation, over the RAW VSAQ items
(vsaq/static/questionnaire/utils.js ``tokenizeExpression_``/``evalTokenizedExpression_``
and items.js ``evaluateConditions``/``isVisible``), to check the importer against.

Values: a choice id or check id → True when ticked; a yes/no id → "yes"/"no"; a line,
box or upload id → its text. Visibility is VSAQ's display state, recomputed in document
order until it settles (as VSAQ does on every change).
"""

from typing import Any

SPECIAL = " ()!&|,"


def tokenize(expression: str, position: int = 0) -> tuple[list, int]:
    group: list = []
    current = ""
    i = position
    while i < len(expression):
        char = expression[i]
        if char not in SPECIAL:
            current += char
        else:
            if current:
                if group and not _is_op(group[-1]):
                    raise ValueError("invalid expression")
                group.append(current)
                current = ""
            if char == "(":
                inner, i = tokenize(expression, i + 1)
                group.append(inner)
                if i == -1:
                    raise ValueError("invalid expression")
            elif char == ")":
                if position:
                    return group, i
            elif char in "&|":
                i += 1
                if i >= len(expression) or expression[i] != char:
                    raise ValueError("invalid expression")
                if group and _is_op(group[-1]):
                    raise ValueError("invalid expression")
                group.append(char)
            elif char == "!":
                group.append("!")
        i += 1
    if current:
        group.append(current)
    return group, -1


def _is_op(token: Any) -> bool:
    return isinstance(token, str) and token in ("&", "|", "!")


def evaluate(tokens: list, resolve) -> Any:
    if not tokens:
        return True
    results = []
    for token in tokens:
        if isinstance(token, list):
            results.append(evaluate(token, resolve))
        elif _is_op(token):
            results.append(token)
        else:
            results.append(resolve(token))
    negated, i = [], 0
    while i < len(results):
        if isinstance(results[i], str) and results[i] == "!":
            i += 1
            negated.append(not results[i])
        else:
            negated.append(results[i])
        i += 1
    result, i = negated[0], 0
    while i < len(negated):
        token = negated[i]
        if _is_op(token):
            i += 1
            argument = negated[i]
            result = (result and argument) if token == "&" else (result or argument)
        elif i:
            raise ValueError("invalid expression")
        i += 1
    return result


class Vsaq:
    """The raw questionnaire: items by id with parents, as VSAQ builds them."""

    def __init__(self, items: list) -> None:
        self.items: list[dict] = []  # every item and choice, document order
        self.parent: dict[int, dict | None] = {}
        self.kind: dict[int, str] = {}
        self.by_id: dict[str, dict] = {}
        for item in items:
            self._add(item, None)

    def _add(self, item: dict, parent: dict | None) -> None:
        self.items.append(item)
        self.parent[id(item)] = parent
        self.kind[id(item)] = item.get("type", "")
        if item.get("id"):
            self.by_id.setdefault(item["id"], item)
        for child in item.get("items") or []:
            self._add(child, item)
        if item.get("type") in ("radiogroup", "checkgroup"):
            for choice in item.get("choices") or []:
                ((key, _label),) = choice.items()
                self.items.append(choice)
                self.parent[id(choice)] = item
                self.kind[id(choice)] = "choice"
                self.by_id.setdefault(key, choice)

    def choice_id(self, choice: dict) -> str:
        return next(iter(choice))

    def item_id(self, item: dict) -> str | None:
        return self.choice_id(item) if self.kind[id(item)] == "choice" else item.get("id")

    def cond(self, item: dict) -> str:
        return "" if self.kind[id(item)] == "choice" else item.get("cond") or ""

    def conditions_hold(self, item: dict, values: dict, display: dict) -> bool:
        """items.js evaluateConditions."""

        def resolve(name: str) -> Any:
            if name == "false":
                return False
            ref_id = name[1:] if name.startswith("^") else name
            for suffix in ("/yes", "/no", "/value"):
                if ref_id.endswith(suffix):
                    ref_id = ref_id[: -len(suffix)]
                    break
            ref = self.by_id[ref_id]
            kind = self.kind[id(ref)]
            value_item = kind not in ("block", "info", "radiogroup", "checkgroup")
            if value_item and "/value" in name:
                return values.get(ref_id) or ""
            if name.startswith("^"):
                return self.is_visible(ref, display)
            parent = self.parent[id(ref)]
            if parent is not None and not self.conditions_hold(parent, values, display):
                return False
            if not self.conditions_hold(ref, values, display):
                return False
            if kind in ("choice", "check"):
                return bool(values.get(ref_id))
            if kind == "yesno":
                expected = name[name.rfind("/") + 1:]
                return values.get(ref_id, "") == expected
            if kind in ("radiogroup", "checkgroup"):
                return any(values.get(self.choice_id(c)) for c in ref.get("choices") or [])
            if value_item:
                return False  # ValueItem.isChecked
            raise ValueError(f"operator illegal: {name}")

        tokens, _end = tokenize(self.cond(item))
        return bool(evaluate(tokens, resolve))

    def is_visible(self, item: dict, display: dict) -> bool:
        while item is not None:
            if not display.get(id(item), True):
                return False
            item = self.parent[id(item)]
        return True

    def display(self, values: dict) -> dict:
        """The settled display state (reevaluateConditions_ until nothing changes)."""
        display: dict[int, bool] = {}
        for _round in range(20):
            changed = False
            for item in self.items:
                shown = self.conditions_hold(item, values, display)
                if display.get(id(item)) != shown:
                    display[id(item)] = shown
                    changed = True
            if not changed:
                return display
        raise AssertionError("VSAQ's display state does not settle")

    def settle(self, values: dict) -> tuple[dict, dict]:
        """Clear the values of hidden items until every value left is visible: a state a
        respondent can reach. Returns (values, display)."""
        values = dict(values)
        while True:
            display = self.display(values)
            hidden = [key for key in values if key in self.by_id
                      and not self.is_visible(self.by_id[key], display)]
            if not hidden:
                return values, display
            for key in hidden:
                del values[key]
