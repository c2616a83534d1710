"""Filling a questionnaire from a vendor's existing answers file (VSAQ or CAIQ).

Each answer the file gives is stored "carried over — confirm or change", by the respondent
who uploaded it, and only where the vendor has given no answer yet: an answer already
given, or one carried over from the last assessment, is never replaced. (A choice list
saved with nothing chosen counts as not given here: the file fills it, and the vendor
confirms or changes it like any other.)
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.assessments.models import Answer, Assessment, Respondent
from vendorrisk.assessments.prefill import Filled, Mapped, Unmapped, from_caiq, from_vsaq
from vendorrisk.assessments.prefill_files import read_caiq, read_vsaq, sniff
from vendorrisk.assessments.services import answer_of, transition
from vendorrisk.assessments.workflow import EDITABLE, Event, State
from vendorrisk.audit.models import AuditEvent
from vendorrisk.audit.services import record
from vendorrisk.foundation.errors import Conflict, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import definition_of


@dataclass(frozen=True)
class PrefillReport:
    kind: str  # "vsaq" or "caiq"
    filled: tuple[str, ...]  # question ids now carried over
    kept: tuple[str, ...]  # question ids whose answer was already given
    unmapped: tuple[Unmapped, ...]
    unmapped_total: int  # how many were not filled in (the list keeps the first 500)


KEPT_UNMAPPED = 500  # items of a file listed in the record and on the page
PREFILLED = "assessment.answers_prefilled"


def _given(answer: Answer | None) -> bool:
    return answer is not None and (answer.not_applicable or answer.carried_over
                                   or answer.value not in (None, "", []))


def _store(assessment: Assessment, respondent: Respondent, filled: Filled,
           answer: Answer | None, now: datetime) -> None:
    values = {"value": filled.value, "not_applicable": filled.not_applicable,
              "justification": filled.justification, "comment": filled.comment,
              "carried_over": True, "updated_at": now, "updated_by": respondent}
    if answer is None:
        assessment.answers.append(Answer(question_id=filled.question_id, version=1,
                                         **values))
        return
    for key, value in values.items():  # the database keeps the replaced row as a revision
        setattr(answer, key, value)
    answer.version += 1


def _mapped(assessment: Assessment, data: bytes) -> tuple[str, Mapped]:
    kind = sniff(data)
    definition = definition_of(assessment.standard_version)
    mapped = from_caiq(definition, read_caiq(data)) if kind == "caiq" \
        else from_vsaq(definition, read_vsaq(data))
    if not mapped.filled:
        raise ValidationError(_("None of the answers in the file matches a question of this "
                                "questionnaire. Nothing was changed."))
    return kind, mapped


def prefill_answers(assessment: Assessment, respondent: Respondent, *, filename: str,
                    data: bytes, now: datetime) -> PrefillReport:
    """Fill unanswered questions from an uploaded VSAQ export or CAIQ workbook; a file
    that cannot be read or fills nothing is refused (ValidationError), changing nothing."""
    if assessment.status not in EDITABLE:
        raise Conflict(_("The answers are locked: the questionnaire has been submitted."))
    kind, mapped = _mapped(assessment, data)
    filled, kept = [], []
    for item in mapped.filled:
        answer = answer_of(assessment, item.question_id)
        if _given(answer):
            kept.append(item.question_id)
            continue
        _store(assessment, respondent, item, answer, now)
        filled.append(item.question_id)
    if filled and assessment.status in {State.SENT, State.RETURNED}:
        transition(assessment, Event.START, actor=None, actor_label=respondent.email, now=now)
    db.session.flush()
    unmapped = [[item.item, item.reason, item.text[:120]]
                for item in mapped.unmapped[:KEPT_UNMAPPED]]
    record(PREFILLED, actor=None, actor_label=respondent.email,
           object_type="assessment", object_id=assessment.id, now=now,
           details={"format": kind, "file": filename[:200], "filled": sorted(filled),
                    "kept": sorted(kept), "unmapped": len(mapped.unmapped),
                    "unmapped_items": unmapped})
    return PrefillReport(kind, tuple(filled), tuple(kept), mapped.unmapped,
                         len(mapped.unmapped))


def last_report(assessment: Assessment) -> PrefillReport | None:
    """What the latest answers file filled in, read back from its record: the page the
    upload redirects to shows it (Post/Redirect/Get)."""
    details = db.session.scalar(
        select(AuditEvent.details).where(AuditEvent.action == PREFILLED,
                                         AuditEvent.object_type == "assessment",
                                         AuditEvent.object_id == str(assessment.id))
        .order_by(AuditEvent.seq.desc()).limit(1))
    if details is None:
        return None
    return PrefillReport(details["format"], tuple(details["filled"]), tuple(details["kept"]),
                         tuple(Unmapped(*item) for item in details.get("unmapped_items", [])),
                         details.get("unmapped", 0))
