"""Audits of consignees (R11, DOMAIN §7): on site, remote or on documents; what was
checked (a checklist drawn from the vendor's standard), what was seen, the result. Its
findings are ordinary findings (models.Finding with ``audit_id``) on the assessment the
audit verified, so they go through the same remediation with the vendor."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Finding
from vendorrisk.vendors.models import Vendor


class AuditKind(StrEnum):
    ON_SITE = "on_site"
    REMOTE = "remote"
    DOCUMENT = "document"


class AuditPurpose(StrEnum):
    PERIODIC = "periodic"  # the programme of its tier
    BEFORE_GO_LIVE = "before_go_live"  # before the first approval (tier 1, by choice)
    ON_DEMAND = "on_demand"  # after an incident, a complaint, a change


class AuditResult(StrEnum):
    SATISFACTORY = "satisfactory"
    IMPROVEMENT_REQUIRED = "improvement_required"
    UNSATISFACTORY = "unsatisfactory"


class CriterionCheck(StrEnum):
    CONFIRMED = "confirmed"  # seen to be as answered
    NOT_CONFIRMED = "not_confirmed"  # not as answered: a finding is expected
    NOT_CHECKED = "not_checked"


class VendorAudit(db.Model):
    __tablename__ = "vendor_audits"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    # The assessment whose answers were verified (its standard gave the checklist, its
    # remediation takes the findings); none when the vendor had no assessment to verify.
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    kind: Mapped[AuditKind] = mapped_column(str_enum(AuditKind))
    purpose: Mapped[AuditPurpose] = mapped_column(str_enum(AuditPurpose))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    auditors: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    # [{question_id, outcome, note}] in the standard's order
    checklist: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    observations: Mapped[str] = mapped_column(Text)
    result: Mapped[AuditResult] = mapped_column(str_enum(AuditResult))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    vendor: Mapped[Vendor] = relationship()
    assessment: Mapped[Assessment | None] = relationship()
    recorded_by: Mapped[User] = relationship()
    findings: Mapped[list[Finding]] = relationship(
        primaryjoin="VendorAudit.id == foreign(Finding.audit_id)", order_by="Finding.id",
        viewonly=True)
