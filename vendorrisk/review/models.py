"""What reviewers add to a submitted assessment: answer reviews and overrides, findings
and their history, exceptions (risk acceptance), signatures and the signed snapshot."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.assessments.models import Assessment, EvidenceFile, Respondent
from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db
from vendorrisk.review.decision import Stage
from vendorrisk.vendors.models import Vendor


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class FindingStatus(StrEnum):
    OPEN = "open"  # remediation requested
    PLANNED = "planned"  # the vendor agreed and gave a plan
    COMPLETED = "completed"  # the vendor reports it done, with evidence
    CLOSED = "closed"  # the reviewer accepted the completion
    WITHDRAWN = "withdrawn"  # the reviewer took it back before sign-off


FINISHED = (FindingStatus.CLOSED, FindingStatus.WITHDRAWN)  # nothing more to remediate


class Finding(db.Model):
    """A gap found in review, with the remediation the vendor is asked for."""

    __tablename__ = "assessment_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    question_id: Mapped[str | None] = mapped_column(String(80))
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("assessment_evidence.id"))
    audit_id: Mapped[int | None] = mapped_column(ForeignKey("vendor_audits.id"), index=True)
    severity: Mapped[Severity] = mapped_column(str_enum(Severity))
    description: Mapped[str] = mapped_column(Text)
    remediation: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[FindingStatus] = mapped_column(str_enum(FindingStatus), index=True)
    plan: Mapped[str | None] = mapped_column(Text)
    planned_on: Mapped[date | None] = mapped_column(Date)
    completion_note: Mapped[str | None] = mapped_column(Text)
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # shown to the vendor
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    assessment: Mapped[Assessment] = relationship()
    vendor: Mapped[Vendor] = relationship()
    evidence: Mapped[EvidenceFile | None] = relationship(foreign_keys=[evidence_id])
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    events: Mapped[list["FindingEvent"]] = relationship(
        back_populates="finding", cascade="all, delete-orphan", order_by="FindingEvent.id")

    @property
    def is_open(self) -> bool:
        return self.status not in FINISHED

    def overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


class FindingEvent(db.Model):
    """One step in a finding's history, by a user or by a vendor's respondent."""

    __tablename__ = "assessment_finding_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("assessment_findings.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    status: Mapped[FindingStatus] = mapped_column(str_enum(FindingStatus))
    text: Mapped[str | None] = mapped_column(Text)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("assessment_evidence.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("assessment_respondents.id"))
    # An edit's changes: field → [before, after] as plain JSON (a person by id, a day ISO)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)

    finding: Mapped[Finding] = relationship(back_populates="events")
    evidence: Mapped[EvidenceFile | None] = relationship()
    user: Mapped[User | None] = relationship()
    respondent: Mapped[Respondent | None] = relationship()


class Signature(db.Model):
    """A sign-off; one per stage and assessment, so two people racing to sign the same
    stage cannot both succeed."""

    __tablename__ = "assessment_signatures"
    __table_args__ = (UniqueConstraint("assessment_id", "stage", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    stage: Mapped[Stage] = mapped_column(str_enum(Stage))
    round: Mapped[int]  # a declined or withdrawn proposal starts a new round
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_sha256: Mapped[str] = mapped_column(String(64))  # what this person signed

    user: Mapped[User] = relationship()


class Snapshot(db.Model):
    """The signed record, frozen at the last signature: canonical JSON and its SHA-256."""

    __tablename__ = "assessment_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), unique=True)
    body: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
