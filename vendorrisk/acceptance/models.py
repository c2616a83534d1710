"""Exceptions (risk acceptance, R8): a gap accepted for a time, with rationale and
compensating measures, asked for by one person and decided by another."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor


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
    # Who decides it (rules.deciding_role): an approver, or top management (an executive)
    # for an exception that lets a tier 1 vendor graded C go ahead.
    authority: Mapped[Role] = mapped_column(str_enum(Role), default=Role.APPROVER,
                                            server_default=Role.APPROVER.value)

    vendor: Mapped[Vendor] = relationship()
    assessment: Mapped[Assessment | None] = relationship()
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    def in_force(self, today: date) -> bool:
        return self.status == ExceptionStatus.APPROVED and self.expires_on >= today
