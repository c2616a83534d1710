"""Which criteria of our default standard (consignee-selection: sections d1–d11 and
their questions) an imported question evidences (R22).

The importer proposes them from the words of the question, its section and its VSAQ id;
the proposal is written to ``criteria-mapping.yaml`` beside the standard, one line per
question with its text as a comment, for the user to correct; ``--mapping FILE`` applies
the corrected file on the next import.
"""

import re
from pathlib import Path

import yaml

from vendorrisk.standards.loader import read_definition

# (pattern over the lower-cased words, criterion) — the first matches win, at most three.
RULES: tuple[tuple[str, str], ...] = (
    (r"\bmfa\b|2nd factor|two.factor|multi.factor|password|authenticat|\bsso\b|oauth|"
     r"openid|login|credential|session", "d4_authentication"),
    (r"access control|authori[sz]|privilege|least privilege|\bacl|permission|role",
     "d4_access_control"),
    (r"patch|vulnerab|malware|anti.?virus|penetration|pentest|scan|xss|sqli|sql injection|"
     r"injection|xsrf|csrf|clickjack|upload", "d4_malware_patching"),
    (r"encrypt|\bssl\b|\btls\b|https|hsts|cipher|certificate|\bkeys?\b", "d4_encryption"),
    (r"network|firewall|\bvpn\b|wi-?fi|wireless|dmz|segment|email security|spf|dkim|dmarc",
     "d4_network"),
    (r"\blogs?\b|logging|monitor|audit trail|\bsiem\b", "d4_logging"),
    (r"backup|restore", "d4_backup"),
    (r"data loss|\bdlp\b|usb|removable", "d4_leak_prevention"),
    (r"change management|code review|release|deploy|source code|development|framework",
     "d4_change_management"),
    (r"badge|swipe|entry|visitor|office|premises|physical|cctv|guard|data ?cent(er|re)|"
     r"facilit", "d3_handling_areas"),
    (r"disposal|destroy|shred|\bwipe", "d3_disposal"),
    (r"laptop|device|workstation|mobile|client", "d3_device_protection"),
    (r"hosting|colocation|outsourced|cloud provider|provider", "d3_hosting_facility"),
    (r"incident|breach|response", "d7_incident_procedure"),
    (r"background check|screening|criminal|reference", "d2_screening"),
    (r"training|awareness", "d2_training"),
    (r"\bhr\b|human resources|employee|staff|personnel|terminat", "d2_access_revocation"),
    (r"policy|policies|security program|programme|risk assessment|\bisms\b",
     "d1_policy"),
    (r"internal audit|external audit|\baudit", "d1_internal_audit"),
    (r"responsib|officer|\bciso\b|owner", "d1_responsible_person"),
    (r"privacy|personal data|\bpii\b|data protection", "d8_purpose_limitation"),
    (r"retention|delet|purge", "d8_retention"),
    (r"vendor|third.part|subcontract|supplier|sub-?processor", "d6_supervision"),
    (r"iso ?27001|soc ?2|certif", "d5_iso27001"),
    (r"outage|continuity|disaster|redundan|power|\bups\b|generator|fire", "d11_bcp"),
    (r"countr|abroad|location", "d9_countries"),
)


def propose(*texts: str) -> list[str]:
    """Criteria the words suggest (question ids of consignee-selection), best first."""
    words = " ".join(texts).lower().replace("_", " ")
    found: list[str] = []
    for pattern, criterion in RULES:
        if criterion not in found and re.search(pattern, words):
            found.append(criterion)
        if len(found) == 3:
            break
    return found


def mapping_text(sections: list[dict]) -> str:
    """The editable mapping file: question id → criteria, the question's text a comment."""
    lines = ["# Criteria of the default standard (consignee-selection) each question",
             "# evidences: a section id (d1 … d11) or one of its question ids. Edit, then",
             "# import again with --mapping this-file.", ""]
    for section in sections:
        lines.append(f"# --- {_one_line(section['title'])}")
        for question in section["questions"]:
            lines.append(f"# {_one_line(question['text'])}")
            criteria = ", ".join(question.get("criteria") or [])
            lines.append(f"{question['id']}: [{criteria}]")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:150]


def read_mapping(path: Path) -> dict[str, list[str]]:
    """An edited mapping file; ValueError when it is not one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not a mapping file: {error}") from None
    if not isinstance(data, dict) or not all(
            isinstance(value, list | type(None)) for value in data.values()):
        raise ValueError(f"{path}: each line is 'question_id: [criteria, ...]'")
    return {str(key): [str(item) for item in value or []] for key, value in data.items()}


def default_criteria(folder: Path) -> set[str]:
    """The ids a mapping may name: the newest consignee-selection file's section and
    question ids (empty when that file is not there)."""
    files = sorted((folder / "consignee-selection").glob("v*.yaml"),
                   key=lambda path: int(re.sub(r"\D", "", path.stem) or 0))
    if not files:
        return set()
    definition, _data, _problems = read_definition(files[-1], folder)
    if definition is None:
        return set()
    return {section.id for section in definition.sections} | set(definition.questions)


def mapping_problems(mapping: dict[str, list[str]], questions: set[str],
                     known: set[str]) -> tuple[list[str], list[str]]:
    """(errors: criteria the default standard does not have, notes: question ids the
    import does not have)."""
    errors = [f"{qid}: unknown criterion {criterion!r}" for qid, criteria in mapping.items()
              for criterion in criteria if known and criterion not in known]
    notes = [f"{qid}: no such question in this import; its line is ignored"
             for qid in mapping if qid not in questions]
    return errors, notes
