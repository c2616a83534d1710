"""Creating, sending, answering, submitting and returning assessments.

Each function checks the lifecycle (workflow.py), changes rows, audits and queues the
e-mails it causes; the caller commits and then delivers the outbox.
"""

from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm.attributes import set_committed_value

from vendorrisk.assessments.carry import carry_over
from vendorrisk.assessments.handoffs import reply_to_of
from vendorrisk.assessments.invitation import invitation_context
from vendorrisk.assessments.labels import EVENT_LABELS, STATE_LABELS
from vendorrisk.assessments.links import issue_token, lock_without_row_locks, portal_url
from vendorrisk.assessments.models import (
    Answer,
    Assessment,
    AssessmentKind,
    Respondent,
)
from vendorrisk.assessments.profile import vendor_profile
from vendorrisk.assessments.vendor_status import follow_selection
from vendorrisk.assessments.workflow import EDITABLE, Event, IllegalTransition, State, next_state
from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.foundation.errors import Conflict, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.services import queue_email
from vendorrisk.standards.governance import assigned_version, is_approved
from vendorrisk.standards.models import StandardVersion
from vendorrisk.vendors.models import Vendor, VendorContact
from vendorrisk.vendors.vocabulary import VendorStatus

KIND_USES = {
    AssessmentKind.SELECTION: ("selection",),
    AssessmentKind.PERIODIC: ("periodic", "selection"),
    AssessmentKind.TRIGGERED: ("periodic", "selection"),
    AssessmentKind.HANDLING_STATUS_REPORT: ("handling_status_report",),
    AssessmentKind.CONFIRMATION: ("confirmation",),
}


def transition(assessment: Assessment, event: Event, *, actor: User | None, now: datetime,
               actor_label: str | None = None, details: dict | None = None) -> None:
    """Move ``assessment`` along its lifecycle and audit it; Conflict (409) if not allowed."""
    try:
        new = next_state(assessment.status, event)
    except IllegalTransition as error:
        raise Conflict(_("This assessment is %(state)s; you cannot %(event)s now.",
                         state=STATE_LABELS[assessment.status.value],
                         event=EVENT_LABELS[event.value])) from error
    previous, assessment.status = assessment.status, new
    # record's flush writes the new state with the event
    record(f"assessment.{event.value}", actor=actor, actor_label=actor_label,
           object_type="assessment", object_id=assessment.id, now=now,
           details={"from": previous.value, "to": new.value, **(details or {})})
    follow_selection(assessment, event, actor=actor, actor_label=actor_label, now=now)


def lock_for_change(assessment: Assessment) -> None:
    """Hold ``assessment`` for the rest of the transaction and read it again as it now
    stands, so that two people acting on it at once act one after the other (the second
    sees what the first did). PostgreSQL locks the row; SQLite takes its write lock."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(Assessment.id).where(Assessment.id == assessment.id)
                           .with_for_update())
    else:
        lock_without_row_locks(assessment)
    db.session.refresh(assessment)


def propose_version(vendor: Vendor, kind: AssessmentKind) -> StandardVersion | None:
    """The standard assigned to the vendor's tier and classification for the first use
    of ``kind`` that has one (standards/governance.py: assignments are read once a
    transaction, so the daily sweep asks for every questionnaire at no cost)."""
    for use in KIND_USES[kind]:
        version = assigned_version(use, vendor.tier.value, vendor.classification.value)
        if version is not None:
            return version
    return None


def create_assessment(vendor: Vendor, *, kind: str, version: StandardVersion | None,
                      version_reason: str, due_on: date, contacts: list[VendorContact],
                      actor: User, now: datetime, profile: dict[str, Any] | None = None
                      ) -> Assessment:
    """A draft assessment with its respondents; a standard other than the proposed one
    needs a reason. ``profile``: the vendor's, if the caller read it (the daily sweep
    reads a batch of vendors' at once)."""
    kind = AssessmentKind(kind)
    if vendor.status == VendorStatus.TERMINATED:
        raise Conflict(_("The relationship with this vendor has ended; it is no longer "
                         "assessed."))
    proposed = propose_version(vendor, kind)
    chosen = version or proposed
    if chosen is None:
        raise ValidationError(_("No standard is assigned to this vendor's tier; an "
                                "approver assigns one on the standards page."),
                              field="version_id")
    if not is_approved(chosen):
        raise ValidationError(_("This version of the standard is a draft; only an approved "
                                "version can be sent."), field="version_id")
    if proposed is not None and chosen.id != proposed.id and not version_reason.strip():
        raise ValidationError(_("Say why another standard than the proposed one is used."),
                              field="version_reason")
    if due_on <= now.date():
        raise ValidationError(_("The due date must be in the future."), field="due_on")
    if not contacts:
        raise ValidationError(_("Choose at least one respondent; add contacts to the vendor "
                                "first."), field="contacts")
    assessment = Assessment(
        vendor=vendor, kind=kind, standard_version=chosen, proposed_version=proposed,
        version_reason=version_reason.strip() or None, status=State.DRAFT, due_on=due_on,
        tier=vendor.tier.value, profile=profile or vendor_profile(vendor), created_by=actor,
        created_at=now, respondents=[
            Respondent(contact_id=c.id, name=c.name, email=c.email, language=c.language,
                       created_at=now) for c in contacts])
    db.session.add(assessment)
    db.session.flush()
    record("assessment.created", actor=actor, object_type="assessment",
           object_id=assessment.id, now=now,
           details={"vendor_id": vendor.id, "kind": kind.value,
                    "standard": f"{chosen.slug} v{chosen.version}",
                    "proposed": proposed and f"{proposed.slug} v{proposed.version}",
                    "reason": assessment.version_reason, "due_on": due_on.isoformat(),
                    "respondents": [c.email for c in contacts]})
    carry_over(assessment, now=now)
    return assessment


def invite(respondent: Respondent, *, kind: str, actor: User | None, now: datetime,
           until: date | None = None, extra: dict[str, Any] | None = None) -> str:
    """Issue ``respondent`` a fresh link (valid to ``until`` + grace, by default the due
    date) and queue the e-mail that carries it; return the link (shown to nobody but the
    recipient; the demo prints one)."""
    token = issue_token(respondent, now, until=until)
    assessment = respondent.assessment
    queue_email(kind, recipient=respondent.email, language=respondent.language.value,
                context={**invitation_context(respondent, portal_url(token)), **(extra or {})},
                object_type="assessment", object_id=assessment.id, now=now,
                sent_by_id=actor.id if actor else None, reply_to=reply_to_of(assessment))
    return portal_url(token)


def send_assessment(assessment: Assessment, *, actor: User | None, now: datetime,
                    profile: dict[str, Any] | None = None) -> list[str]:
    """Freeze the vendor's profile (``profile``, if the caller has just read it) and
    tier, give each respondent a link, e-mail them; return the links."""
    transition(assessment, Event.SEND, actor=actor, now=now)
    assessment.sent_at, assessment.sent_by = now, actor
    assessment.tier = assessment.vendor.tier.value
    assessment.profile = profile or vendor_profile(assessment.vendor)
    return [invite(respondent, kind="invitation", actor=actor, now=now)
            for respondent in assessment.respondents]


def remind(assessment: Assessment, *, actor: User | None, now: datetime,
           until: date | None = None) -> int:
    """E-mail every respondent whose link still works a reminder with a fresh link (valid
    to ``until``, by default the due date, plus the grace days)."""
    if assessment.status not in EDITABLE:
        raise Conflict(_("Reminders go out only while the vendor can still answer."))
    count = 0
    for respondent in assessment.respondents:
        if respondent.revoked_at is None:
            invite(respondent, kind="reminder", actor=actor, now=now, until=until)
            count += 1
    record("assessment.reminded", actor=actor, object_type="assessment",
           object_id=assessment.id, now=now, details={"respondents": count})
    return count


def revoke_link(respondent: Respondent, *, actor: User, now: datetime) -> None:
    respondent.revoked_at = now
    db.session.flush()
    record("assessment.link_revoked", actor=actor, object_type="assessment",
           object_id=respondent.assessment_id, now=now,
           details={"respondent": respondent.email})


def reissue_link(respondent: Respondent, *, actor: User, now: datetime) -> None:
    """A new link for ``respondent`` (the old one stops working), sent by e-mail."""
    if respondent.assessment.status not in EDITABLE:
        raise Conflict(_("Links can be re-issued only while the vendor can still answer."))
    invite(respondent, kind="invitation", actor=actor, now=now)
    record("assessment.link_reissued", actor=actor, object_type="assessment",
           object_id=respondent.assessment_id, now=now,
           details={"respondent": respondent.email})


def answer_of(assessment: Assessment, question_id: str) -> Answer | None:
    # The collection is loaded once per request and then serves the scoring too.
    return next((answer for answer in assessment.answers
                 if answer.question_id == question_id), None)


_ANSWER_COLUMNS = ("value", "not_applicable", "justification", "comment", "carried_over",
                   "version", "updated_at", "updated_by_id")
# A Core statement built once: the ORM has nothing to synchronise, and nothing to rebuild.
_REPLACE_ANSWER = (update(Answer.__table__)
                   .where(Answer.__table__.c.id == bindparam("answer_id"))
                   .values({name: bindparam(name) for name in _ANSWER_COLUMNS}))


def _replace_answer(answer: Answer, values: dict[str, Any], respondent: Respondent) -> None:
    """One UPDATE, and the object made to match it without a second write; the database
    keeps the replaced row as a revision (ANSWER_HISTORY_TRIGGERS). The portal saves on
    every change, so this is its hottest path: a flush of the object would cost more."""
    db.session.execute(_REPLACE_ANSWER, {"answer_id": answer.id, **values})
    for key, value in values.items():
        set_committed_value(answer, key, value)
    set_committed_value(answer, "updated_by", respondent)


class StaleAnswer(Conflict):
    """Someone saved this answer since the form was loaded."""

    def __init__(self, message: str, *, question_id: str, theirs: Answer) -> None:
        super().__init__(message, field=question_id)
        self.theirs = theirs


def save_answer(assessment: Assessment, respondent: Respondent, question_id: str, *,
                value: Any, not_applicable: bool, justification: str, comment: str,
                expected_version: int | None, now: datetime, confirm: bool = False) -> Answer:
    """Store one answer; a save based on an older version is refused, losing nothing.

    A carried-over answer stays marked until it is changed, or saved unchanged with
    ``confirm`` (the vendor ticked "still true"): either is a new version, by this
    respondent, at this time.
    """
    if assessment.status not in EDITABLE:
        raise Conflict(_("The answers are locked: the questionnaire has been submitted."))
    answer = answer_of(assessment, question_id)
    new = {"value": None if not_applicable else value, "not_applicable": not_applicable,
           "justification": justification.strip() or None, "comment": comment.strip() or None}
    if answer is not None:
        if expected_version is not None and expected_version != answer.version:
            raise StaleAnswer(_("%(name)s changed this answer meanwhile; compare and save "
                                "again.", name=answer.updated_by.name if answer.updated_by
                                else _("someone")), question_id=question_id, theirs=answer)
        if {key: getattr(answer, key) for key in new} == new and not (
                answer.carried_over and confirm):
            return answer
        _replace_answer(answer, {**new, "carried_over": False, "version": answer.version + 1,
                                 "updated_at": now, "updated_by_id": respondent.id},
                        respondent)
    else:
        answer = Answer(question_id=question_id, version=1, updated_at=now,
                        updated_by=respondent, **new)
        assessment.answers.append(answer)
    if assessment.status in {State.SENT, State.RETURNED}:
        transition(assessment, Event.START, actor=None, actor_label=respondent.email,
                   now=now)
    db.session.flush()
    return answer
