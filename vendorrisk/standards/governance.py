"""Standards governed like policy (issue 23, docs/rules.md "Governance of standards").

A loaded version is a draft until an approver approves it with a change note; only an
approved version is sent. Which version a use, tier and classification get is an explicit
assignment made by an approver (history kept: a new assignment ends the one it replaces),
reviewed by its review-by date: kept as it is, or replaced by another version. Loading a
new version changes nothing until someone assigns it. Every step is audited.
"""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import event, select
from sqlalchemy.orm import Session, object_session

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.clock import add_months
from vendorrisk.foundation.errors import Conflict, PermissionDenied, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.models import (
    ReviewOutcome,
    StandardApproval,
    StandardAssignment,
    StandardReview,
    StandardVersion,
)
from vendorrisk.standards.services import definition_of
from vendorrisk.standards.translation import untranslated
from vendorrisk.vendors.vocabulary import Classification

REVIEW_MONTHS = 12  # an assignment is reviewed yearly unless the approver says otherwise
SHOWN_PLACES = 5  # how many untranslated places a refusal names


def default_review_by(now: datetime) -> date:
    """The review-by date an assignment made ``now`` gets unless one is given."""
    return add_months(now.date(), REVIEW_MONTHS)


def _require_approver(actor: User | None) -> None:
    if actor is None or not actor.has_role(Role.APPROVER):
        raise PermissionDenied(_("Only approvers approve, assign and review standards."))


def _required(text: str, field: str, message: str) -> str:
    if not (text or "").strip():
        raise ValidationError(message, field=field)
    return text.strip()


# -- approval -------------------------------------------------------------------------


def approval_of(version: StandardVersion) -> StandardApproval | None:
    """The approval of ``version``, if it has one."""
    return db.session.scalar(select(StandardApproval).where(
        StandardApproval.version_id == version.id))


def is_approved(version: StandardVersion) -> bool:
    """Whether ``version`` may be sent (it is not a draft)."""
    return version.id in approved_ids()


def approved_ids() -> set[int]:
    """The ids of every approved version, read once a transaction."""
    ids = db.session.info.get(_APPROVED)
    if ids is None:
        ids = db.session.info[_APPROVED] = set(db.session.scalars(
            select(StandardApproval.version_id)))
    return ids


def approve(version: StandardVersion, *, actor: User, note: str,
            now: datetime) -> StandardApproval:
    """An approver approves a draft with a change note. A standard whose texts still
    carry the importer's untranslated marks is refused unless it is single-language."""
    _require_approver(actor)
    note = _required(note, "note", _("Write a change note: what this version changes "
                                     "and why it is approved."))
    if approval_of(version) is not None:
        raise Conflict(_("This version is already approved."))
    places = untranslated(definition_of(version))
    if places:
        raise ValidationError(_(
            "This standard is not translated yet (%(count)d places, for example %(places)s). "
            "Translate those texts, load the file as a new version and approve that one, "
            "or declare the standard single-language with 'language: en' (or 'language: "
            "ja') at the top of its file.", count=len(places),
            places=", ".join(places[:SHOWN_PLACES])), field="note")
    approval = StandardApproval(version=version, approved_by=actor, approved_at=now,
                                note=note)
    db.session.add(approval)
    db.session.flush()
    db.session.info.pop(_APPROVED, None)
    record("standard.version_approved", actor=actor, object_type="standard_version",
           object_id=version.id, now=now,
           details={"slug": version.slug, "version": version.version,
                    "checksum": version.checksum, "note": note})
    return approval


# -- assignment -----------------------------------------------------------------------


def current_assignment(use: str, tier: str,
                       classification: str | None) -> StandardAssignment | None:
    """The assignment in force for exactly this use, tier and classification."""
    return db.session.scalar(select(StandardAssignment).where(
        StandardAssignment.use == use, StandardAssignment.tier == tier,
        StandardAssignment.classification.is_(None) if classification is None
        else StandardAssignment.classification == classification,
        StandardAssignment.ended_at.is_(None)).order_by(StandardAssignment.id.desc()))


def assign(version: StandardVersion, *, use: str | None = None, tier: str,
           classification: str | None = None, actor: User, reason: str, now: datetime,
           review_by: date | None = None) -> StandardAssignment:
    """An approver assigns an approved version to a use (the version's own by default),
    a tier it covers and a classification (None: any); the assignment it replaces ends."""
    _require_approver(actor)
    use = use or version.use
    if not is_approved(version):
        raise ValidationError(_("Only an approved version can be assigned; approve it "
                                "first."), field="version_id")
    if use != version.use:
        raise ValidationError(_("This standard is written for another use."), field="use")
    if tier not in version.tiers:
        raise ValidationError(_("This standard does not cover that tier."), field="tier")
    if classification is not None and classification not in {
            item.value for item in Classification}:
        raise ValidationError(_("Choose a classification from the list."),
                              field="classification")
    reason = _required(reason, "reason", _("Say why this version is assigned."))
    review_by = review_by or default_review_by(now)
    if review_by <= now.date():
        raise ValidationError(_("The review-by date must be in the future."),
                              field="review_by")
    previous = current_assignment(use, tier, classification)
    if previous is not None and previous.version_id == version.id:
        raise Conflict(_("This version is already assigned there."))
    if previous is not None:
        previous.ended_at = now
    assignment = StandardAssignment(
        use=use, tier=tier, classification=classification, version=version,
        assigned_by=actor, assigned_at=now, review_by=review_by, reason=reason)
    db.session.add(assignment)
    db.session.flush()
    record("standard.assigned", actor=actor, object_type="standard_assignment",
           object_id=assignment.id, now=now,
           details={"use": use, "tier": tier, "classification": classification,
                    "standard": f"{version.slug} v{version.version}",
                    "replaces": previous and previous.id, "reason": reason,
                    "review_by": review_by.isoformat()})
    return assignment


_APPROVED = "standard_approved_ids"  # session.info: this transaction's approved version ids
_ASSIGNED = "standard_assignment_map"  # session.info: (use, tier, classification) → id
# session.info: version id → the version, held: the session's identity map holds objects
# weakly, and the sweep would read the same version again for every questionnaire.
_HELD = "standard_versions_held"
_PER_TRANSACTION = (_APPROVED, _ASSIGNED, _HELD)


def assignment_map() -> dict[tuple[str, str, str | None], int]:
    """(use, tier, classification) → version id of every assignment in force, read once a
    transaction: the daily sweep proposes a version for every questionnaire it sends."""
    found = db.session.info.get(_ASSIGNED)
    if found is None:
        found = db.session.info[_ASSIGNED] = {
            (use, tier, classification): version_id
            for use, tier, classification, version_id in db.session.execute(select(
                StandardAssignment.use, StandardAssignment.tier,
                StandardAssignment.classification, StandardAssignment.version_id).where(
                StandardAssignment.ended_at.is_(None)).order_by(StandardAssignment.id))}
    return found


def assigned_version(use: str, tier: str,
                     classification: str | None) -> StandardVersion | None:
    """The version assigned to ``use`` and ``tier`` for ``classification``: the
    assignment for that classification first, else the one for any classification."""
    found = assignment_map()
    version_id = found.get((use, tier, classification)) or found.get((use, tier, None))
    if version_id is None:
        return None
    held = db.session.info.setdefault(_HELD, {})
    if version_id not in held:
        held[version_id] = db.session.get(StandardVersion, version_id)
    return held[version_id]


@event.listens_for(StandardAssignment, "after_insert")
@event.listens_for(StandardAssignment, "after_update")
@event.listens_for(StandardApproval, "after_insert")
def _forget_on_change(_mapper, _connection, target) -> None:  # noqa: ANN001
    session = object_session(target)
    if session is not None:
        for key in _PER_TRANSACTION:
            session.info.pop(key, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_at_end(session: Session, transaction) -> None:  # noqa: ANN001
    if transaction.parent is None:  # the root transaction: committed or rolled back
        for key in _PER_TRANSACTION:
            session.info.pop(key, None)


# -- review ---------------------------------------------------------------------------


def record_review(assignment: StandardAssignment, *, actor: User, outcome: str,
                  reason: str, now: datetime, new_version: StandardVersion | None = None,
                  review_by: date | None = None) -> StandardReview:
    """An approver reviews an assignment in force: kept as it is (its next review-by
    date follows, a year by default) or replaced by another approved version (a new
    assignment for the same place, which ends this one)."""
    _require_approver(actor)
    if outcome not in {item.value for item in ReviewOutcome}:
        raise ValidationError(_("Say whether the standard is kept or replaced."),
                              field="outcome")
    outcome = ReviewOutcome(outcome)
    reason = _required(reason, "reason", _("Say why the standard is kept or replaced."))
    if assignment.ended_at is not None:
        raise Conflict(_("This assignment has ended; review the one in force."))
    if outcome == ReviewOutcome.REPLACED:
        if new_version is None:
            raise ValidationError(_("Choose the version that replaces it."),
                                  field="new_version_id")
        assign(new_version, use=assignment.use, tier=assignment.tier,
               classification=assignment.classification, actor=actor, reason=reason,
               now=now, review_by=review_by)
    else:
        new_version = None
        next_by = review_by or default_review_by(now)
        if next_by <= now.date():
            raise ValidationError(_("The review-by date must be in the future."),
                                  field="review_by")
        assignment.review_by = next_by
    review = StandardReview(assignment=assignment, reviewed_by=actor, reviewed_at=now,
                            outcome=outcome, new_version=new_version, reason=reason)
    db.session.add(review)
    db.session.flush()
    record("standard.reviewed", actor=actor, object_type="standard_assignment",
           object_id=assignment.id, now=now,
           details={"outcome": outcome.value, "reason": reason,
                    "new_version": new_version and f"{new_version.slug} "
                                                   f"v{new_version.version}",
                    "review_by": assignment.review_by.isoformat()})
    return review
