"""Stored versions of selection standards (immutable once loaded), their approvals, the
assignments that say which version applies where, and the reviews of those."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db


class StandardVersion(db.Model):
    """One version of one standard: its file's content, frozen, with its checksum."""

    __tablename__ = "standard_versions"
    __table_args__ = (UniqueConstraint("slug", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int]
    checksum: Mapped[str] = mapped_column(String(64))
    # Loaded only when a version is first built in a process (see definition_of).
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, deferred=True)
    title_en: Mapped[str] = mapped_column(String(300))
    title_ja: Mapped[str] = mapped_column(String(300))
    use: Mapped[str] = mapped_column(String(40))
    tiers: Mapped[list[str]] = mapped_column(JSON)
    source_file: Mapped[str] = mapped_column(String(300))
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    loaded_by: Mapped[User | None] = relationship()


def _refuse_change(mapper: object, connection: object, target: StandardVersion) -> None:
    raise RuntimeError("a stored standard version never changes; load a new version")


event.listen(StandardVersion, "before_update", _refuse_change)
event.listen(StandardVersion, "before_delete", _refuse_change)


class ReviewOutcome(StrEnum):
    """What a review of an assignment decided."""

    KEPT = "kept"
    REPLACED = "replaced"


class StandardApproval(db.Model):
    """An approver's approval of one stored version (a version without one is a draft).
    Versions stored before approval was required have one with no approver and no note."""

    __tablename__ = "standard_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("standard_versions.id"), unique=True)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)

    version: Mapped[StandardVersion] = relationship()
    approved_by: Mapped[User | None] = relationship()


class StandardAssignment(db.Model):
    """Which version applies to a use, tier and classification (null: any classification)
    from ``assigned_at`` until ``ended_at`` (a new assignment for the same place ends it).
    Assignments made when they were introduced have no assigner and no reason."""

    __tablename__ = "standard_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    use: Mapped[str] = mapped_column(String(40))
    tier: Mapped[str] = mapped_column(String(40))
    classification: Mapped[str | None] = mapped_column(String(40))
    version_id: Mapped[int] = mapped_column(ForeignKey("standard_versions.id"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    review_by: Mapped[date] = mapped_column(Date, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    reason: Mapped[str | None] = mapped_column(Text)

    version: Mapped[StandardVersion] = relationship()
    assigned_by: Mapped[User | None] = relationship()
    reviews: Mapped[list["StandardReview"]] = relationship(
        back_populates="assignment", order_by="StandardReview.id",
        foreign_keys="StandardReview.assignment_id")


class StandardReview(db.Model):
    """An approver's review of an assignment: kept as it is, or replaced by a version."""

    __tablename__ = "standard_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("standard_assignments.id"),
                                               index=True)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[ReviewOutcome] = mapped_column(str_enum(ReviewOutcome))
    new_version_id: Mapped[int | None] = mapped_column(ForeignKey("standard_versions.id"))
    reason: Mapped[str] = mapped_column(Text)

    assignment: Mapped[StandardAssignment] = relationship(
        back_populates="reviews", foreign_keys=[assignment_id])
    reviewed_by: Mapped[User | None] = relationship()
    new_version: Mapped[StandardVersion | None] = relationship()
