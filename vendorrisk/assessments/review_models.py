"""What reviewers add to a submitted assessment: answer reviews and overrides, findings
and their history, exceptions (risk acceptance), signatures and the signed snapshot."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.assessments.decision import Stage
from vendorrisk.assessments.models import Assessment, EvidenceFile, Respondent
from vendorrisk.auth.models import User
from vendorrisk.dbtypes import UTCDateTime, str_enum
from vendorrisk.extensions import db
from vendorrisk.vendors.models import Vendor


class AnswerMark(StrEnum):
    ACCEPTED = "accepted"
    NEEDS_INFORMATION = "needs_information"
    FINDING = "finding"


class AnswerReview(db.Model):
    """A reviewer's mark on one answer and, optionally, their points instead of the
    computed ones (with the justification; the computed points stay in the score rule)."""

    __tablename__ = "assessment_answer_reviews"
    __table_args__ = (UniqueConstraint("assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    question_id: Mapped[str] = mapped_column(String(80))
    mark: Mapped[AnswerMark | None] = mapped_column(str_enum(AnswerMark))
    note: Mapped[str | None] = mapped_column(Text)
    override_points: Mapped[int | None]
    override_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    assessment: Mapped[Assessment] = relationship()
    reviewed_by: Mapped[User] = relationship()


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
    at: Mapped[datetime] = mapped_column(UTCDateTime)

    finding: Mapped[Finding] = relationship(back_populates="events")
    evidence: Mapped[EvidenceFile | None] = relationship()
    user: Mapped[User | None] = relationship()
    respondent: Mapped[Respondent | None] = relationship()


class ExceptionStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"


class RiskException(db.Model):
    """Risk acceptance for a gap (a failed knockout, a score below the pass mark):
    rationale, compensating measures, an approver and an expiry date (R8)."""

    __tablename__ = "risk_exceptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"),
                                                      index=True)
    subject: Mapped[str] = mapped_column(String(120))  # decision.knockout_subject, BELOW_PASS
    rationale: Mapped[str] = mapped_column(Text)
    compensating_measures: Mapped[str] = mapped_column(Text)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[ExceptionStatus] = mapped_column(str_enum(ExceptionStatus), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)

    vendor: Mapped[Vendor] = relationship()
    assessment: Mapped[Assessment | None] = relationship()
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    def in_force(self, today: date) -> bool:
        return self.status == ExceptionStatus.APPROVED and self.expires_on >= today


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
