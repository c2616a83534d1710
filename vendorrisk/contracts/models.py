"""Contracts per vendor, the clause references ticked on them, and their signed documents
(each upload a new version; none is ever overwritten)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor


class ContractType(StrEnum):
    NDA = "nda"
    CONSIGNMENT_CONTRACT = "consignment_contract"
    DPA = "dpa"
    SLA = "sla"
    OTHER = "other"
    # Not contracts in the usual sense but the record the gate needs instead (issue 22):
    STORAGE_TERMS = "storage_terms"  # storage-only cloud: terms barring the provider
    PROVISION_BASIS = "provision_basis"  # third-party provision: Art. 27 ground, record


# The clause checklist applies to these (issue 7).
WITH_CHECKLIST = frozenset({ContractType.CONSIGNMENT_CONTRACT, ContractType.DPA})


class TechnicalMeasure(StrEnum):
    """How a storage-only provider is kept from the data (PPC Q&A 7-53)."""

    ENCRYPTION_OWN_KEYS = "encryption_own_keys"  # encrypted with keys only we hold
    NO_PROVIDER_ACCESS = "no_provider_access"  # access control shuts the provider out
    OTHER = "other"


class ProvisionBasis(StrEnum):
    """The ground of a provision to a third party: APPI Art. 27(1) (consent and its items
    i–vii), 27(2) (opt-out notified to the PPC) and 27(5)(ii)–(iii) (not a third party).
    27(5)(i), consignment, is the consignment classification, not a ground here."""

    CONSENT = "consent"
    LAW = "law"  # 27(1)(i)
    LIFE_PROPERTY = "life_property"  # 27(1)(ii)
    PUBLIC_HEALTH = "public_health"  # 27(1)(iii)
    PUBLIC_AUTHORITY = "public_authority"  # 27(1)(iv)
    ACADEMIC_TEACHING = "academic_teaching"  # 27(1)(v)
    ACADEMIC_RESEARCH = "academic_research"  # 27(1)(vi)
    ACADEMIC_RECIPIENT = "academic_recipient"  # 27(1)(vii)
    OPT_OUT = "opt_out"  # 27(2)
    SUCCESSION = "succession"  # 27(5)(ii)
    JOINT_USE = "joint_use"  # 27(5)(iii)


class Contract(db.Model):
    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    type: Mapped[ContractType] = mapped_column(str_enum(ContractType), index=True)
    title: Mapped[str] = mapped_column(String(300))
    reference: Mapped[str | None] = mapped_column(String(120))
    counterparty_signatory: Mapped[str | None] = mapped_column(String(200))
    signed_on: Mapped[date | None] = mapped_column(Date)
    effective_from: Mapped[date | None] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date, index=True)
    auto_renewal: Mapped[bool] = mapped_column(default=False)
    notice_days: Mapped[int | None]
    notice_given_on: Mapped[date | None] = mapped_column(Date)
    # Kept at least as long as the entrusted data is held (R10).
    retention_until: Mapped[date] = mapped_column(Date)
    terminated_on: Mapped[date | None] = mapped_column(Date)
    # Storage-only cloud (storage terms): the clause barring the provider from handling
    # the data, the technical measure keeping it out, and how that was confirmed.
    no_handling_reference: Mapped[str | None] = mapped_column(String(120))
    technical_measure: Mapped[TechnicalMeasure | None] = mapped_column(
        str_enum(TechnicalMeasure))
    technical_note: Mapped[str | None] = mapped_column(Text)
    # Third-party provision (provision basis): the Art. 27 ground, its evidence, and where
    # the Art. 29 record of provision is kept.
    provision_basis: Mapped[ProvisionBasis | None] = mapped_column(str_enum(ProvisionBasis))
    basis_reference: Mapped[str | None] = mapped_column(String(300))
    provision_record: Mapped[str | None] = mapped_column(String(300))
    termination_id: Mapped[int | None] = mapped_column(ForeignKey("contract_terminations.id"),
                                                       index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    vendor: Mapped[Vendor] = relationship()
    created_by: Mapped[User | None] = relationship()
    termination: Mapped["Termination | None"] = relationship(back_populates="contracts")
    clauses: Mapped[list["ContractClause"]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractClause.id")
    documents: Mapped[list["ContractDocument"]] = relationship(
        back_populates="contract", cascade="all, delete-orphan",
        order_by="ContractDocument.version")
    reviews: Mapped[list["ContractReview"]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractReview.id")


class ContractClause(db.Model):
    """Where in the document a checklist item is covered ("Art. 7.2")."""

    __tablename__ = "contract_clauses"
    __table_args__ = (UniqueConstraint("contract_id", "clause_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    clause_key: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(120))

    contract: Mapped[Contract] = relationship(back_populates="clauses")


class ContractDocument(db.Model):
    """One version of the signed document, kept by SHA-256 in the storage."""

    __tablename__ = "contract_documents"
    __table_args__ = (UniqueConstraint("contract_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    version: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)

    contract: Mapped[Contract] = relationship(back_populates="documents")


class ContractReview(db.Model):
    """A renewal's task: the clause checklist is confirmed again (issue 22). One per
    renewal event — the first day of the renewed term — so a job run twice opens one."""

    __tablename__ = "contract_reviews"
    __table_args__ = (UniqueConstraint("contract_id", "term_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    term_start: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(20))  # auto_renewal, manual_renewal
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    contract: Mapped[Contract] = relationship(back_populates="reviews")
    confirmed_by: Mapped[User | None] = relationship()


class TerminationStatus(StrEnum):
    AWAITING_CERTIFICATE = "awaiting_certificate"
    CERTIFICATE_RECEIVED = "certificate_received"
    VERIFIED = "verified"  # a reviewer accepted a deletion certificate
    EXCEPTED = "excepted"  # an approver accepted ending without one (an exception)


SETTLED = frozenset({TerminationStatus.VERIFIED, TerminationStatus.EXCEPTED})
OPEN = (TerminationStatus.AWAITING_CERTIFICATE, TerminationStatus.CERTIFICATE_RECEIVED)


class Termination(db.Model):
    """The end of a vendor's contracts and the return/deletion obligation it opens (R19).

    The vendor becomes ``terminated`` only once the obligation is settled. The certificate
    link's token is stored as its SHA-256 only, like a respondent's.
    """

    __tablename__ = "contract_terminations"
    __table_args__ = (
        # One open obligation per vendor, enforced by the database.
        Index("uq_contract_terminations_open", "vendor_id", unique=True,
              sqlite_where=text("status IN ('awaiting_certificate', 'certificate_received')"),
              postgresql_where=text(
                  "status IN ('awaiting_certificate', 'certificate_received')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    terminated_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)  # certificate due
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[TerminationStatus] = mapped_column(str_enum(TerminationStatus), index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    link_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_email: Mapped[str | None] = mapped_column(String(254))
    link_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    vendor: Mapped[Vendor] = relationship()
    recorded_by: Mapped[User | None] = relationship()
    contracts: Mapped[list[Contract]] = relationship(back_populates="termination",
                                                     order_by="Contract.id")
    certificates: Mapped[list["DeletionCertificate"]] = relationship(
        back_populates="termination", order_by="DeletionCertificate.id")

    @property
    def settled(self) -> bool:
        return self.status in SETTLED

    def overdue(self, today: date) -> bool:
        return not self.settled and self.due_on < today


class CertificateVerdict(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class DeletionCertificate(db.Model):
    """A certificate of return or deletion, sent by the vendor through its link or recorded
    by procurement; a reviewer verifies or rejects it. Rejected ones are kept."""

    __tablename__ = "deletion_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    termination_id: Mapped[int] = mapped_column(ForeignKey("contract_terminations.id"),
                                                index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    deleted_on: Mapped[date] = mapped_column(Date)
    statement: Mapped[str] = mapped_column(Text)  # what was returned or deleted, and how
    submitted_by_name: Mapped[str] = mapped_column(String(200))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # staff
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    verdict: Mapped[CertificateVerdict] = mapped_column(str_enum(CertificateVerdict))
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)

    termination: Mapped[Termination] = relationship(back_populates="certificates")
    uploaded_by: Mapped[User | None] = relationship(foreign_keys=[uploaded_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
