"""Converting a Google VSAQ questionnaire (JSON) into a selection-standard file.

VSAQ items become questions (``line``/``box`` → text, ``check``/``yesno`` → yes/no,
``radiogroup`` → single choice, ``checkgroup`` → multi choice, ``upload`` → file);
nested blocks become sections; ``cond`` expressions become our conditions. A ``tip``
with ``warn: yes`` marks the choices its ``cond`` names as bad: they score 0, and the
tip's severity sets the question's weight (critical → knockout). What cannot be
converted is reported, never dropped silently.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

SEVERITY_WEIGHT = {"low": 1, "medium": 2, "high": 3, "critical": 3}
UNTRANSLATED = "(未翻訳) "
TYPES = {"line": "text", "box": "text", "check": "yes_no", "yesno": "yes_no",
         "radiogroup": "single_choice", "checkgroup": "multi_choice", "upload": "file"}


@dataclass
class Conversion:
    yaml_text: str
    question_count: int
    section_count: int
    notes: list[str] = field(default_factory=list)


def _plain(text: Any) -> str:
    """VSAQ texts hold HTML; keep the words."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", str(text or ""))).strip()


def _ident(value: str, fallback: str) -> str:
    ident = re.sub(r"[^a-z0-9_]+", "_", value.lower()).strip("_")
    if not ident or not ident[0].isalpha():
        ident = f"q_{ident}" if ident else fallback
    return ident


def _bilingual(text: str) -> dict[str, str]:
    return {"en": text, "ja": UNTRANSLATED + text}


class _Converter:
    def __init__(self) -> None:
        self.notes: list[str] = []
        self.questions: dict[str, dict] = {}  # our id → question
        self.owner: dict[str, tuple[str, str]] = {}  # VSAQ id → (question id, kind)
        self.pending_conds: list[tuple[dict, str, str]] = []  # (target, key, VSAQ cond)
        self.counter = 0

    def new_id(self, raw: str | None) -> str:
        self.counter += 1
        ident = _ident(raw or "", f"q{self.counter}")
        while ident in self.questions:
            ident = f"{ident}_{self.counter}"
        return ident

    def section(self, block: dict, index: int) -> dict:
        section = {"id": _ident(block.get("id") or "", f"s{index}"),
                   "title": _bilingual(_plain(block.get("text")) or f"Section {index}"),
                   "questions": []}
        self.items(block.get("items") or [], section["questions"], block.get("cond"))
        return section

    def items(self, items: list, out: list, inherited: str | None) -> None:
        help_text: str | None = None
        for item in items:
            kind = item.get("type")
            conds = [c for c in (inherited, item.get("cond")) if c]
            cond = " && ".join(f"({c})" for c in conds) if len(conds) > 1 else (
                conds[0] if conds else None)
            if kind == "block":
                self.items(item.get("items") or [], out, cond)
            elif kind == "info":
                help_text = _plain(item.get("text"))
            elif kind == "tip":
                self.tip(item, out)
            elif kind in TYPES:
                out.append(self.question(item, TYPES[kind], cond, help_text))
                help_text = None
            else:
                self.notes.append(f"item {item.get('id') or '?'} of type {kind!r} skipped")

    def question(self, item: dict, qtype: str, cond: str | None, help_text: str | None) -> dict:
        qid = self.new_id(item.get("id"))
        question: dict[str, Any] = {"id": qid, "type": qtype,
                                    "text": _bilingual(_plain(item.get("text")) or qid)}
        if help_text:
            question["help"] = _bilingual(help_text)
        if item.get("id"):
            self.owner[item["id"]] = (qid, "item")
        if qtype in {"single_choice", "multi_choice"}:
            question["choices"] = []
            for number, choice in enumerate(item.get("choices") or []):
                ((raw_id, label),) = choice.items() if isinstance(choice, dict) and len(
                    choice) == 1 else ((f"c{number}", str(choice)),)
                choice_id = _ident(raw_id, f"c{number}")
                question["choices"].append({"id": choice_id,
                                            "label": _bilingual(_plain(label)), "score": 3})
                self.owner[raw_id] = (qid, choice_id)
            question["weight"] = 1
        elif qtype == "yes_no":
            question["weight"] = 1
        question["refs"] = {"vsaq": [item["id"]]} if item.get("id") else {}
        if cond:
            self.pending_conds.append((question, "condition", cond))
        self.questions[qid] = question
        return question

    def tip(self, item: dict, out: list) -> None:
        if item.get("warn") != "yes":
            target = out[-1] if out else None
            if target is not None and "help" not in target:
                target["help"] = _bilingual(_plain(item.get("text")))
            else:
                self.notes.append(f"tip {item.get('id') or '?'} kept only as text: "
                                  f"{_plain(item.get('name') or item.get('text'))[:60]}")
            return
        severity = str(item.get("severity") or "medium").lower()
        bad = re.findall(r"[A-Za-z0-9_/.-]+", item.get("cond") or "")
        marked = False
        for token in bad:
            owner = self.owner.get(token.split("/")[0])
            if owner is None:
                continue
            question = self.questions[owner[0]]
            question["weight"] = max(question.get("weight", 0), SEVERITY_WEIGHT.get(severity, 2))
            if severity == "critical":
                question["knockout"] = "always"
            for choice in question.get("choices", []):
                if choice["id"] == owner[1]:
                    choice["score"] = 0
            if question["type"] == "yes_no" and not token.endswith("/no"):
                # "yes" is the risky answer here: score it 0 and "no" 3.
                question["type"] = "single_choice"
                question["choices"] = [
                    {"id": "yes", "label": {"en": "Yes", "ja": "はい"}, "score": 0},
                    {"id": "no", "label": {"en": "No", "ja": "いいえ"}, "score": 3}]
            marked = True
        if not marked:
            self.notes.append(f"warning {item.get('id') or '?'} ({severity}) names no "
                              f"convertible choice: {item.get('cond')!r}")

    def condition(self, vsaq_cond: str) -> str | None:
        """VSAQ's ``a && (b || !c)`` over item and choice ids, in our language."""
        out = []
        for token in re.findall(r"&&|\|\||!|\(|\)|[A-Za-z0-9_/.-]+", vsaq_cond):
            if token in {"&&", "||", "!", "(", ")"}:
                out.append({"&&": "and", "||": "or", "!": "not"}.get(token, token))
                continue
            name, _, value = token.partition("/")
            owner = self.owner.get(name)
            if owner is None:
                return None
            qid, kind = owner
            question = self.questions[qid]
            if kind == "item":
                expected = value or "yes"
                yes_no = question["type"] == "yes_no" or {
                    choice["id"] for choice in question.get("choices", [])} == {"yes", "no"}
                out.append(f'answers.{qid} == "{expected}"' if yes_no
                           else f"answered(answers.{qid})")
            elif question["type"] == "multi_choice":
                out.append(f'"{kind}" in answers.{qid}')
            else:
                out.append(f'answers.{qid} == "{kind}"')
        return " ".join(out)

    def finish(self) -> None:
        for target, key, vsaq_cond in self.pending_conds:
            converted = self.condition(vsaq_cond)
            if converted is None:
                self.notes.append(f"condition {vsaq_cond!r} of {target['id']} names an "
                                  "unknown id; the question is always shown")
                continue
            target[key] = converted
            for gateway in set(re.findall(r"answers\.(\w+)", converted)):
                if self.questions[gateway].get("weight"):
                    # Our rule: visibility depends only on unscored answers.
                    self.questions[gateway]["weight"] = 0
                    self.questions[gateway].pop("knockout", None)
                    self.notes.append(f"{gateway} left unscored: other questions depend "
                                      "on its answer")
        for question in self.questions.values():
            if not question.get("refs"):
                question.pop("refs", None)


def convert_vsaq(source: str, *, slug: str) -> Conversion:
    """Convert VSAQ JSON text (comment lines allowed) into our YAML."""
    body = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("//"))
    try:
        document = json.loads(body)
    except json.JSONDecodeError as error:
        raise ValueError(f"not VSAQ JSON: {error}") from None
    top = document.get("questionnaire") if isinstance(document, dict) else None
    if not isinstance(top, list) or not top:
        raise ValueError("not VSAQ JSON: no 'questionnaire' list")
    converter = _Converter()
    root = top[0] if len(top) == 1 and top[0].get("type") == "block" else {"items": top}
    blocks = [item for item in root.get("items") or [] if item.get("type") == "block"]
    loose = [item for item in root.get("items") or [] if item.get("type") != "block"]
    if loose:
        blocks.insert(0, {"type": "block", "id": "general", "text": "General", "items": loose})
    sections = [converter.section(block, index) for index, block in enumerate(blocks, 1)]
    converter.finish()
    title = _plain(root.get("text")) or slug
    definition = {
        "slug": slug, "version": 1, "title": _bilingual(title),
        "description": _bilingual(f"Imported from a VSAQ questionnaire ({title})."),
        "use": "selection", "tiers": ["1", "2"], "references": ["Google VSAQ"],
        "scoring": {"pass_marks": {"1": 80, "2": 70, "3": 60}, "grade_a": 85,
                    "knockout_min": 2},
        "sections": [section for section in sections if section["questions"]],
    }
    text = yaml.safe_dump(definition, allow_unicode=True, sort_keys=False, width=100)
    return Conversion(
        yaml_text=f"# Converted from VSAQ; texts marked {UNTRANSLATED.strip()} need Japanese.\n"
                  + text,
        question_count=len(converter.questions),
        section_count=len(definition["sections"]), notes=converter.notes)
