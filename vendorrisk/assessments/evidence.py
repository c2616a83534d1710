"""Attaching evidence files to questions: checked by size and content, kept by SHA-256."""

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from vendorrisk.assessments.filetypes import sniff
from vendorrisk.assessments.models import Assessment, EvidenceFile, Respondent
from vendorrisk.assessments.services import save_answer
from vendorrisk.assessments.workflow import EDITABLE
from vendorrisk.audit.services import record
from vendorrisk.foundation.errors import Conflict, NotFound, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.standards.definition import MAX_POINTS, Definition, Question, QuestionType
from vendorrisk.standards.scoring import ScoreResult, Status
from vendorrisk.standards.services import definition_of

MAX_FILES = 200  # per assessment: a link cannot fill the disk


def display_name(filename: str) -> str:
    """The name as the vendor gave it (Japanese included), without folders or control
    characters; downloads send it in an RFC 6266 header, never as a path."""
    name = unicodedata.normalize("NFC", filename).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    name = name.lstrip(".") or "evidence"
    return name[-255:]


def attach(assessment: Assessment, respondent: Respondent, question_id: str, *,
           filename: str, data: bytes, now: datetime) -> EvidenceFile:
    """Store ``data`` as evidence for a question, or say why it is refused. The same
    content again on the same question returns the file attached, with nothing written."""
    if assessment.status not in EDITABLE:
        raise Conflict(_("The questionnaire has been submitted; files can no longer change."))
    if question_id not in definition_of(assessment.standard_version).questions:
        raise NotFound(_("There is no such question."))
    kept = attached_copy(assessment, question_id, data)
    if kept is not None:  # a retry whose first answer was lost: the file is there already
        return kept
    evidence = store_evidence(assessment, respondent, question_id, filename=filename,
                              data=data, now=now)
    _sync_file_answer(assessment, respondent, question_id, now)
    record("assessment.evidence_added", actor=None, actor_label=respondent.email,
           object_type="assessment", object_id=assessment.id, now=now,
           details={"question": question_id, "file": evidence.filename,
                    "sha256": evidence.sha256, "size": len(data), "type": evidence.content_type})
    return evidence


def attached_copy(assessment: Assessment, question_id: str,
                  data: bytes) -> EvidenceFile | None:
    """The file with this content already attached to the question (not removed), if any:
    storage keeps content by SHA-256, so uploading it again changes nothing."""
    digest = hashlib.sha256(data).hexdigest()
    return next((item for item in assessment.evidence if item.question_id == question_id
                 and item.removed_at is None and item.sha256 == digest), None)


@dataclass(frozen=True)
class CheckedFile:
    name: str  # as shown and sent back (display_name)
    mime: str  # judged by content


def check_file(filename: str, data: bytes, *, field: str) -> CheckedFile:
    """Size and content checks every upload passes (evidence, contracts, certificates);
    ValidationError on ``field`` saying why a file is refused."""
    limit = int(current_app.config["EVIDENCE_MAX_BYTES"])
    if not data:
        raise ValidationError(_("The file is empty."), field=field)
    if len(data) > limit:
        raise ValidationError(_("The file is larger than %(size)s. Nothing was saved.",
                                size=readable_size(limit)), field=field)
    name = display_name(filename)
    sniffed = sniff(data, name)
    if sniffed is None:
        raise ValidationError(_(
            "%(name)s is not a PDF, image, Office document, text or CSV file (judged by its "
            "content, not its name). Nothing was saved.", name=name), field=field)
    return CheckedFile(name, sniffed.mime)


def store_evidence(assessment: Assessment, respondent: Respondent, question_id: str, *,
                   filename: str, data: bytes, now: datetime) -> EvidenceFile:
    """Check a file by size and content, keep it by SHA-256 and add its row; ValidationError
    (field ``question_id``) saying why a file is refused, with nothing saved."""
    kept = [item for item in assessment.evidence if item.removed_at is None]
    if len(kept) >= MAX_FILES:
        raise ValidationError(_("This questionnaire already holds %(count)d files; remove "
                                "some before adding more.", count=MAX_FILES),
                              field=question_id)
    checked = check_file(filename, data, field=question_id)
    evidence = EvidenceFile(assessment=assessment, question_id=question_id,
                            sha256=storage().put(data), filename=checked.name,
                            content_type=checked.mime, size=len(data), uploaded_at=now,
                            uploaded_by_id=respondent.id)
    db.session.add(evidence)
    db.session.flush()
    return evidence


def file_answer(assessment: Assessment, question_id: str) -> list[str] | None:
    """A file question's answer: the SHA-256 of its files (None: no file, unanswered)."""
    return [e.sha256 for e in assessment.evidence
            if e.question_id == question_id and e.removed_at is None] or None


def _sync_file_answer(assessment: Assessment, respondent: Respondent, question_id: str,
                      now: datetime) -> None:
    """Keep a file question's answer equal to its files (file_answer)."""
    question = definition_of(assessment.standard_version).questions[question_id]
    if question.type != QuestionType.FILE:
        return
    save_answer(assessment, respondent, question_id,
                value=file_answer(assessment, question_id),
                not_applicable=False, justification="", comment="", expected_version=None,
                now=now)


def readable_size(size: int) -> str:
    """A byte count as people say it: "25 MB", "512 KB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


def remove(evidence: EvidenceFile, respondent: Respondent, now: datetime) -> None:
    """Take a file off its question (the content and the audit trail stay)."""
    if evidence.assessment.status not in EDITABLE:
        raise Conflict(_("The questionnaire has been submitted; files can no longer change."))
    if evidence.for_finding:  # it shows a remediation: part of that finding's history
        raise NotFound(_("There is no such question."))
    evidence.removed_at = now
    db.session.flush()
    _sync_file_answer(evidence.assessment, respondent, evidence.question_id, now)
    record("assessment.evidence_removed", actor=None, actor_label=respondent.email,
           object_type="assessment", object_id=evidence.assessment_id, now=now,
           details={"question": evidence.question_id, "file": evidence.filename,
                    "sha256": evidence.sha256})


def current_files(assessment: Assessment) -> dict[str, list[EvidenceFile]]:
    """Question id → the files attached and not removed."""
    files: dict[str, list[EvidenceFile]] = {}
    for evidence in assessment.evidence:
        if evidence.removed_at is None:
            files.setdefault(evidence.question_id, []).append(evidence)
    return files


EVIDENCE_POINTS = 2  # an answer worth this many points or more needs its evidence file


@dataclass(frozen=True)
class EvidenceNeed:
    """Which answers to a question need a file, for the vendor to read before answering."""

    always: bool = False  # a required file question: the file is the answer
    answers: tuple[Any, ...] = ()  # these answers need one (levels, "yes", choice ids)
    combined: bool = False  # several choices: also when the chosen ones add up to enough


def wants_evidence(question: Question, points: int | None) -> bool:
    """Whether an answer worth ``points`` needs a file: a required file question always,
    an answer worth EVIDENCE_POINTS or more when the question's evidence is required."""
    if question.type == QuestionType.FILE and question.required:
        return True
    return bool(question.evidence and question.evidence.required
                and (points or 0) >= EVIDENCE_POINTS)


def evidence_need(question: Question) -> EvidenceNeed | None:
    """The answers to ``question`` that need a file (None: none does), as wants_evidence
    decides at submission."""
    if question.type == QuestionType.FILE:
        return EvidenceNeed(always=True) if question.required else None
    if not (question.evidence and question.evidence.required):
        return None
    if question.type is QuestionType.MATURITY:
        return EvidenceNeed(answers=tuple(range(EVIDENCE_POINTS, MAX_POINTS + 1)))
    if question.type == QuestionType.YES_NO:
        return EvidenceNeed(answers=("yes",))
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        several = question.type == QuestionType.MULTI_CHOICE
        return EvidenceNeed(answers=tuple(c.id for c in question.choices
                                          if c.score >= EVIDENCE_POINTS),
                            combined=several and sum(c.score for c in question.choices
                                                     if c.score < EVIDENCE_POINTS)
                            >= EVIDENCE_POINTS)
    return None  # text, number, date: never scored, so never worth a file


def wanting_evidence(definition: Definition, result: ScoreResult) -> list[str]:
    """Shown questions whose answer now needs a file (with or without one)."""
    return [qid for qid, item in result.questions.items()
            if item.status != Status.HIDDEN
            and wants_evidence(definition.questions[qid], item.points)]


def missing_evidence(assessment: Assessment, result: ScoreResult) -> list[str]:
    """Shown questions that ask for evidence — at an answer worth 2 or more points, or as a
    required file question — and have no file. The files are read only when some answer
    wants one (the portal asks on every autosave)."""
    wanting = wanting_evidence(definition_of(assessment.standard_version), result)
    if not wanting:
        return []
    files = current_files(assessment)
    return [qid for qid in wanting if not files.get(qid)]
