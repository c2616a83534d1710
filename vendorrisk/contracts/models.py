"""Contracts per vendor, the clause references ticked on them, and their signed documents
(each upload a new version; none is ever overwritten)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.dbtypes import UTCDateTime, str_enum
from vendorrisk.extensions import db
from vendorrisk.vendors.models import Vendor


class ContractType(StrEnum):
    NDA = "nda"
    CONSIGNMENT_CONTRACT = "consignment_contract"
    DPA = "dpa"
    SLA = "sla"
    OTHER = "other"


# The clause checklist applies to these (issue 7).
WITH_CHECKLIST = frozenset({ContractType.CONSIGNMENT_CONTRACT, ContractType.DPA})


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
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    vendor: Mapped[Vendor] = relationship()
    created_by: Mapped[User | None] = relationship()
    clauses: Mapped[list["ContractClause"]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractClause.id")
    documents: Mapped[list["ContractDocument"]] = relationship(
        back_populates="contract", cascade="all, delete-orphan",
        order_by="ContractDocument.version")


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
