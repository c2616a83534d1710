"""VSAQ items → our sections and questions: top-level blocks become sections, nested
blocks a ``subsection`` heading on their first question (their conditions inherited),
``info`` the help of the next question, plain tips help, and every change reported."""

import os
import re
from typing import Any

from vendorrisk.standards.vsaq.conditions import FALSE, TRUE, render
from vendorrisk.standards.vsaq.meaning import Meaning
from vendorrisk.standards.vsaq.model import GROUPS, QUESTION_TYPES, Node, Tree
from vendorrisk.standards.vsaq.report import Report
from vendorrisk.standards.vsaq.texts import convert_html, plain_words

TYPES = {"line": "text", "box": "text", "check": "yes_no", "yesno": "yes_no",
         "radiogroup": "single_choice", "checkgroup": "multi_choice", "upload": "file"}
IGNORED_KEYS = ("auth", "className", "default", "maxlength", "placeholder", "inputPattern",
                "inputTitle", "todo", "customTitle")
NONE_OF_THE_ABOVE = "None of the above."


def ident(value: str, fallback: str) -> str:
    result = re.sub(r"[^a-z0-9_]+", "_", value.lower()).strip("_")
    if result and not result[0].isalpha():
        result = f"q_{result}"
    return result or fallback


class Importer:
    def __init__(self, items: list, report: Report) -> None:
        self.report = report
        self.tree_items = items
        self.tree = Tree(items)
        self.meaning = Meaning(self.tree, report)
        self.ids: set[str] = set()
        self.questions: list[tuple[Node, dict]] = []
        self.tips: list[tuple[Node, dict | None]] = []
        self.warnings: list[tuple[Node, dict, dict]] = []  # (tip, question, warning)
        self.pending: list[tuple[Node, str, str]] = []  # (item, text, what it was)
        self.heading: str | None = None
        for holder, what in self.tree.malformed:
            report.not_converted(holder, f"{what} is left out")
        for node in self.tree.duplicates:
            report.not_converted(node.item, f"the id {node.vsaq_id!r} is used twice; "
                                 "conditions read the first", name=node.vsaq_id)

    def unique(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while candidate in self.ids:
            number += 1
            candidate = f"{wanted}_{number}"
        self.ids.add(candidate)
        return candidate

    def text(self, node: Node, value: Any) -> str:
        converted = convert_html(value)
        for note in converted.changed:
            self.report.changed(node.item, note, name=node.vsaq_id)
        return converted.text

    # --- sections ---------------------------------------------------------------------

    def sections(self) -> tuple[str, list[dict]]:
        roots = self.tree.roots
        if len(roots) == 1 and roots[0].kind == "block":
            title, top = plain_words(roots[0].item.get("text")), roots[0].children
        else:
            title, top = "", roots
        loose = [node for node in top if node.kind != "block"]
        blocks = [node for node in top if node.kind == "block"]
        sections = [self.section(node, index) for index, node in enumerate(blocks, 1)]
        if loose:
            sections.insert(0, self.section(None, 0, loose))
        return title, [section for section in sections if section["questions"]]

    def section(self, block: Node | None, index: int, loose: list | None = None) -> dict:
        wanted = ident(block.vsaq_id or "", f"s{index}") if block else "general"
        section = {"id": self.unique(wanted),
                   "title": plain_words(block.item.get("text")) if block else "General",
                   "questions": []}
        section["title"] = section["title"] or f"Section {index}"
        self.pending, self.heading = [], None
        self.walk(loose if loose is not None else block.children, section)
        if self.pending:
            section["description"] = self.take_pending(
                f"description of the section {section['id']}")
        if not section["questions"] and block is not None:
            self.report.not_converted(block.item, "the block holds no question: no section "
                                      "is made for it", name=block.vsaq_id)
        return section

    def walk(self, nodes: list[Node], section: dict) -> None:
        for node in nodes:
            if node.kind == "block":
                heading = plain_words(node.item.get("text"))
                outer = self.heading
                combined = " — ".join(part for part in (outer, heading) if part) or None
                self.heading = combined
                self.walk(node.children, section)
                if combined is not None and self.heading == combined:  # never used
                    if heading:
                        self.report.changed(node.item, "its heading is not kept: the block "
                                            "holds no question", name=node.vsaq_id)
                    self.heading = outer
            elif node.kind == "info":
                self.pending.append((node, self.text(node, node.item.get("text")), "info"))
            elif node.kind == "tip":
                self.tip(node, section)
            elif node.kind in QUESTION_TYPES:
                section["questions"].append(self.question(node))
            else:
                self.report.not_converted(node.item, f"items of type {node.kind!r} are not "
                                          "converted", name=node.vsaq_id)

    def tip(self, node: Node, section: dict) -> None:
        last = section["questions"][-1] if section["questions"] else None
        if node.item.get("warn") == "yes":
            self.tips.append((node, last))
            return
        text = self.text(node, node.item.get("text"))
        when = f" (VSAQ showed it only when {node.cond})" if node.cond else ""
        if last is None:
            self.pending.append((node, text, f"tip{when}"))
        else:
            last["help"] = "\n\n".join(part for part in (last.get("help"), text) if part)
            self.report.changed(node.item, f"tip kept as help of {last['id']}{when}")

    def take_pending(self, where: str) -> str:
        """The texts waiting for a place, joined as paragraphs; each reported as kept as
        ``where``."""
        text = "\n\n".join(text for _n, text, _w in self.pending)
        for node, _text, what in self.pending:
            self.report.changed(node.item, f"{what} kept as the {where}", name=node.vsaq_id)
        self.pending = []
        return text

    # --- questions --------------------------------------------------------------------

    def question(self, node: Node) -> dict:
        item, kind = node.item, node.kind
        choices = [child for child in node.children if child.kind == "choice"]
        qtype = TYPES[kind]
        one_choice = kind in GROUPS and len(choices) == 1 and not item.get("defaultChoice")
        if one_choice:
            qtype = "yes_no"
        question: dict[str, Any] = {"id": self.unique(ident(node.vsaq_id or self.derived_id(
            choices), "q"))}
        if not node.vsaq_id:
            self.report.changed(item, f"no VSAQ id: the question is named {question['id']}",
                                )
        elif ":" in node.vsaq_id:
            self.report.changed(item, f"the extension's namespace makes its id {node.vsaq_id}; "
                                f"the question is named {question['id']}", name=node.vsaq_id)
        question["type"] = qtype
        text = self.text(node, item.get("text"))
        if self.heading:
            question["subsection"] = self.heading
            self.heading = None
        if not text and self.pending:
            first, text, what = self.pending.pop(0)
            self.report.changed(first.item, f"{what} kept as the text of the question "
                                f"{question['id']} (which has none)", name=first.vsaq_id)
        if self.pending:
            question["help"] = self.take_pending(f"help of the question {question['id']}")
        if one_choice:
            label = self.text(choices[0], next(iter(choices[0].item.values())))
            text = f"{text} — {label}" if text and label else text or label
            self.report.changed(item, f"a {kind} with one choice ({choices[0].vsaq_id}) "
                                "becomes a check box: yes = ticked", name=node.vsaq_id)
            choices[0].choice_id = "yes"
        elif kind in ("check", "yesno"):
            self.report.changed(item, f"a {kind} becomes a yes/no question"
                                + (": yes = ticked" if kind == "check" else ""),
                                name=node.vsaq_id)
        question["text"] = text or question["id"]
        if qtype in ("single_choice", "multi_choice"):
            question["choices"] = self.choices(node, choices)
        question["required"] = item.get("required") is True
        refs = [node.vsaq_id] if node.vsaq_id else [c.vsaq_id for c in choices if c.vsaq_id]
        if one_choice and node.vsaq_id and choices[0].vsaq_id:
            refs.append(choices[0].vsaq_id)  # an answer export names the ticked choice
        if refs:
            question["refs"] = {"vsaq": refs}
        for key in IGNORED_KEYS:
            if key in item:
                self.report.changed(item, f"the property {key!r} ({item[key]!r}) is not "
                                    "converted", name=node.vsaq_id)
        order = ("id", "type", "subsection", "text", "help", "choices", "required", "refs")
        question = {key: question[key] for key in order if key in question}
        node.question = question
        self.questions.append((node, question))
        return question

    def derived_id(self, choices: list[Node]) -> str:
        names = [choice.vsaq_id for choice in choices if choice.vsaq_id]
        prefix = os.path.commonprefix(names) if len(names) > 1 else ""
        prefix = prefix[: prefix.rfind("_")] if "_" in prefix else prefix
        return prefix or (f"{names[0]}_choice" if names else "q")

    def choices(self, node: Node, choices: list[Node]) -> list[dict]:
        out, seen = [], set()
        for choice in choices:
            choice_id = ident(choice.vsaq_id or "", f"c{len(out) + 1}")
            while choice_id in seen:
                choice_id += "_2"
            seen.add(choice_id)
            choice.choice_id = choice_id
            label = self.text(choice, next(iter(choice.item.values())))
            out.append({"id": choice_id, "label": label or choice_id, "score": 3})
            if choice.cond:
                self.report.changed(node.item, f"the condition {choice.cond!r} of the choice "
                                    f"{choice.vsaq_id} is not converted: it is always "
                                    "offered", name=node.vsaq_id)
        if node.item.get("defaultChoice") is True:
            out.append({"id": "none_of_the_above", "label": NONE_OF_THE_ABOVE, "score": 3})
            self.report.changed(node.item, "VSAQ's default choice becomes the choice "
                                "none_of_the_above", name=node.vsaq_id)
        return out

    def conditions(self) -> None:
        for node, question in self.questions:
            shown = self.meaning.visibility(node)
            if shown == FALSE:
                self.report.changed(node.item, "its condition never holds: the question is "
                                    "never shown (nor in VSAQ)", name=node.vsaq_id)
            if shown != TRUE:
                question["condition"] = render(shown)
