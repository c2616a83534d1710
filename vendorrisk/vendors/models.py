"""The consignee register: vendors, their contacts, data profile, chain and countries."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import Language, User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.vocabulary import (
    AccessType,
    Classification,
    Criticality,
    DataCategory,
    IndividualsBand,
    SubConsignmentStatus,
    Tier,
    VendorStatus,
)


class Vendor(db.Model):
    """An outside party that handles (or might handle) the company's personal data."""

    __tablename__ = "vendors"
    __table_args__ = (
        Index("ix_vendors_sort_name", "sort_name"),
        # Lets a contains-search scan this narrow index instead of the wide rows.
        Index("ix_vendors_search_text", "search_text"),
        Index("ix_vendors_tier_sort_name", "tier", "sort_name"),
        Index("ix_vendors_status_sort_name", "status", "sort_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(300))
    legal_name_ja: Mapped[str | None] = mapped_column(String(300))
    # Lower-cased legal name: the register sorts on it with an index.
    sort_name: Mapped[str] = mapped_column(String(300))
    # Lower-cased names and identifiers in one column, for the register's search box.
    search_text: Mapped[str] = mapped_column(Text)
    corporate_number: Mapped[str | None] = mapped_column(String(13), unique=True)
    lei: Mapped[str | None] = mapped_column(String(20))
    vat_number: Mapped[str | None] = mapped_column(String(40))
    duns: Mapped[str | None] = mapped_column(String(9))
    address: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str] = mapped_column(String(2), index=True)
    website: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[VendorStatus] = mapped_column(str_enum(VendorStatus), index=True)
    # Suspended while in use, not yet assessed: back to in use only (statuses.py).
    suspended_unassessed: Mapped[bool] = mapped_column(default=False, server_default=false())
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)

    classification: Mapped[Classification] = mapped_column(str_enum(Classification), index=True)
    classification_reason: Mapped[str] = mapped_column(Text)

    # Data profile (what the vendor handles).
    services: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(Text)
    individuals: Mapped[IndividualsBand] = mapped_column(str_enum(IndividualsBand))
    access: Mapped[AccessType] = mapped_column(str_enum(AccessType))
    criticality: Mapped[Criticality] = mapped_column(str_enum(Criticality))
    # The data items handled (data_items.py codes, sorted), under the categories below
    data_items: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")

    # Tiering: the computed result, and an override that wins while it is set.
    tier: Mapped[Tier] = mapped_column(str_enum(Tier), index=True)
    computed_tier: Mapped[Tier] = mapped_column(str_enum(Tier))
    tier_score: Mapped[float] = mapped_column(Numeric(4, 2, asdecimal=False))
    tier_factors: Mapped[dict[str, Any]] = mapped_column(JSON)
    tier_reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    tier_rules_version: Mapped[str] = mapped_column(String(20))
    tier_computed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    tier_override: Mapped[Tier | None] = mapped_column(str_enum(Tier))
    tier_override_reason: Mapped[str | None] = mapped_column(Text)
    tier_override_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    tier_override_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Set by a signed decision from the tier's cadence (docs/rules.md).
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)
    next_review_kind: Mapped[str | None] = mapped_column(String(30))
    next_report_on: Mapped[date | None] = mapped_column(Date, index=True)  # handling status

    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    tier_override_by: Mapped[User | None] = relationship(foreign_keys=[tier_override_by_id])
    contacts: Mapped[list["VendorContact"]] = relationship(
        back_populates="vendor", cascade="all, delete-orphan",
        order_by="(VendorContact.is_primary.desc(), VendorContact.name)",
    )
    category_rows: Mapped[list["VendorCategory"]] = relationship(
        back_populates="vendor", cascade="all, delete-orphan"
    )
    country_rows: Mapped[list["VendorCountry"]] = relationship(
        back_populates="vendor", cascade="all, delete-orphan"
    )
    sites: Mapped[list["VendorSite"]] = relationship(
        back_populates="vendor", cascade="all, delete-orphan",
        order_by="(VendorSite.country, VendorSite.name)")
    sub_consignments: Mapped[list["SubConsignment"]] = relationship(
        back_populates="vendor", foreign_keys="SubConsignment.vendor_id",
        cascade="all, delete-orphan",
    )

    @property
    def categories(self) -> frozenset[DataCategory]:
        return frozenset(row.category for row in self.category_rows)

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(row.country for row in self.country_rows)

    @property
    def primary_contact(self) -> "VendorContact | None":
        return next((contact for contact in self.contacts if contact.is_primary), None)


class VendorCategory(db.Model):
    """One category of personal data the vendor handles."""

    __tablename__ = "vendor_categories"

    vendor_id: Mapped[int] = mapped_column(
        ForeignKey("vendors.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[DataCategory] = mapped_column(
        str_enum(DataCategory), primary_key=True, index=True
    )

    vendor: Mapped[Vendor] = relationship(back_populates="category_rows")


class VendorCountry(db.Model):
    """A country where the vendor (or its sub-consignees) stores, accesses or processes data."""

    __tablename__ = "vendor_countries"

    vendor_id: Mapped[int] = mapped_column(
        ForeignKey("vendors.id", ondelete="CASCADE"), primary_key=True
    )
    country: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)

    vendor: Mapped[Vendor] = relationship(back_populates="country_rows")


class VendorContact(db.Model):
    """A person at the vendor who answers questionnaires; one per vendor is primary."""

    __tablename__ = "vendor_contacts"
    __table_args__ = (
        # At most one primary contact per vendor, enforced by the database.
        Index("uq_vendor_contacts_primary", "vendor_id", unique=True,
              sqlite_where=db.text("is_primary"), postgresql_where=db.text("is_primary")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"),
                                           index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    is_primary: Mapped[bool] = mapped_column(default=False)

    vendor: Mapped[Vendor] = relationship(back_populates="contacts")


class SubConsignment(db.Model):
    """A re-consignment: ``vendor`` passes some work to ``sub_vendor`` (R13)."""

    __tablename__ = "sub_consignments"
    __table_args__ = (UniqueConstraint("vendor_id", "sub_vendor_id", "work"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"),
                                           index=True)
    sub_vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    work: Mapped[str] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(String(2))
    data_handled: Mapped[str] = mapped_column(Text)
    status: Mapped[SubConsignmentStatus] = mapped_column(str_enum(SubConsignmentStatus))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set when supervision finds the approved sub-consignee without a current evaluation
    # (vendors/services/chain_checks.py); names the lapse its triggered reassessment is for.
    lapsed_on: Mapped[date | None] = mapped_column(Date)

    vendor: Mapped[Vendor] = relationship(back_populates="sub_consignments",
                                          foreign_keys=[vendor_id])
    sub_vendor: Mapped[Vendor] = relationship(foreign_keys=[sub_vendor_id])
    decided_by: Mapped[User | None] = relationship()


class CountryRecord(db.Model):
    """What the company knows of a foreign country's data-protection regime (R16)."""

    __tablename__ = "country_records"

    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    regime_summary: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    checked_on: Mapped[date] = mapped_column(Date)
    measures: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    updated_by: Mapped[User | None] = relationship()


class VendorSite(db.Model):
    """A place where the vendor handles our data (R1): an office, a data centre, a
    warehouse — its address, in one of the countries of the vendor's profile."""

    __tablename__ = "vendor_sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text)
    country: Mapped[str] = mapped_column(String(2))
    handled: Mapped[str] = mapped_column(Text, default="")  # what is done with the data there
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    vendor: Mapped[Vendor] = relationship(back_populates="sites")
