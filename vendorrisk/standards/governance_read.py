"""What the governance pages, the review reminder and the annual summary read: a
version's status, the assignments grouped by place with their history, those due for
review, and the approvals and reviews of a period."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vendorrisk.foundation.extensions import db
from vendorrisk.standards.governance import approval_of
from vendorrisk.standards.models import (
    StandardApproval,
    StandardAssignment,
    StandardReview,
    StandardVersion,
)
from vendorrisk.standards.services import definition_of
from vendorrisk.standards.translation import untranslated

Place = tuple[str, str, str | None]  # use, tier, classification (None: any)


@dataclass(frozen=True)
class VersionStatus:
    """A version's place in governance, for its page."""

    version: StandardVersion
    approval: StandardApproval | None
    assignments: list[StandardAssignment]  # in force, naming this version
    untranslated: list[str]  # places still marked untranslated (drafts only)


def version_status(version: StandardVersion) -> VersionStatus:
    """``version``'s approval, the assignments in force that name it and, for a draft,
    where its texts are still untranslated."""
    approval = approval_of(version)
    assignments = list(db.session.scalars(select(StandardAssignment).where(
        StandardAssignment.version_id == version.id, StandardAssignment.ended_at.is_(None))
        .order_by(StandardAssignment.use, StandardAssignment.tier, StandardAssignment.id)))
    places = [] if approval else untranslated(definition_of(version))
    return VersionStatus(version, approval, assignments, places)


@dataclass
class AssignmentGroup:
    """One use, tier and classification: the assignment in force and the earlier ones."""

    place: Place
    current: StandardAssignment | None = None
    history: list[StandardAssignment] = field(default_factory=list)  # newest first


def assignment_groups() -> list[AssignmentGroup]:
    """Every place ever assigned, by use, tier and classification (any first)."""
    groups: dict[Place, AssignmentGroup] = {}
    for assignment in db.session.scalars(select(StandardAssignment).options(
            selectinload(StandardAssignment.reviews).selectinload(StandardReview.reviewed_by),
            selectinload(StandardAssignment.version),
            selectinload(StandardAssignment.assigned_by)).order_by(
            StandardAssignment.id.desc())):
        place = (assignment.use, assignment.tier, assignment.classification)
        group = groups.setdefault(place, AssignmentGroup(place))
        if assignment.ended_at is None and group.current is None:
            group.current = assignment
        else:
            group.history.append(assignment)
    return sorted(groups.values(), key=lambda group: (
        group.place[0], group.place[1], group.place[2] is not None, group.place[2] or ""))


def approved_versions() -> list[StandardVersion]:
    """Every approved version, by standard and newest first."""
    return list(db.session.scalars(select(StandardVersion).join(
        StandardApproval, StandardApproval.version_id == StandardVersion.id).order_by(
        StandardVersion.slug, StandardVersion.version.desc())))


def due_for_review(today: date) -> list[StandardAssignment]:
    """The assignments in force whose review-by date has come."""
    return list(db.session.scalars(select(StandardAssignment).where(
        StandardAssignment.ended_at.is_(None), StandardAssignment.review_by <= today)
        .order_by(StandardAssignment.review_by, StandardAssignment.id)))


def approvals_between(start: datetime, end: datetime) -> list[StandardApproval]:
    """Approvals given by a person in [start, end) (not those made by the upgrade)."""
    return list(db.session.scalars(select(StandardApproval).where(
        StandardApproval.approved_by_id.is_not(None), StandardApproval.approved_at >= start,
        StandardApproval.approved_at < end).order_by(StandardApproval.approved_at)))


def reviews_between(start: datetime, end: datetime) -> list[StandardReview]:
    """Reviews recorded in [start, end)."""
    return list(db.session.scalars(select(StandardReview).where(
        StandardReview.reviewed_at >= start, StandardReview.reviewed_at < end)
        .order_by(StandardReview.reviewed_at)))


def last_reviewed(assignment: StandardAssignment) -> datetime | None:
    """When the standard in force at ``assignment``'s place was last reviewed: its own
    latest review, else the review of the assignment it replaced that chose it."""
    reviews = [review.reviewed_at for review in assignment.reviews]
    chosen_by = db.session.scalar(select(StandardReview.reviewed_at).join(
        StandardAssignment, StandardReview.assignment_id == StandardAssignment.id).where(
        StandardAssignment.use == assignment.use, StandardAssignment.tier == assignment.tier,
        StandardAssignment.classification.is_(None) if assignment.classification is None
        else StandardAssignment.classification == assignment.classification,
        StandardReview.new_version_id == assignment.version_id).order_by(
        StandardReview.reviewed_at.desc()))
    found = [when for when in (*reviews, chosen_by) if when is not None]
    return max(found) if found else None
