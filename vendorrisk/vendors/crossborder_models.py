"""Cross-border provision (APPI Art. 28; R15): per vendor and per foreign country where
its data is handled (itself or down its chain), the basis the provision rests on, with
its evidence and date; where the basis is a system conforming to the PPC's standards,
the Rule 18 periodic checks, whose outcome can suspend the provision (a state the
vendor page, the register export and the approval gate show)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db


class TransferBasis(StrEnum):
    CONSENT = "consent"  # (a) after informing the person of the country and its regime
    DESIGNATED_COUNTRY = "designated_country"  # (b) EEA, UK
    CONFORMING_CONTRACT = "conforming_contract"  # (c) a contract ensuring equivalent measures
    CONFORMING_CBPR = "conforming_cbpr"  # (c) APEC CBPR certification
    NOT_A_PROVISION = "not_a_provision"  # e.g. a cloud barred from handling the data


class CheckOutcome(StrEnum):
    CONTINUE = "continue"
    MEASURES_REQUIRED = "measures_required"
    SUSPEND = "suspend"


class CrossBorderRecord(db.Model):
    __tablename__ = "crossborder_records"
    __table_args__ = (UniqueConstraint("vendor_id", "country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    country: Mapped[str] = mapped_column(String(2))
    basis: Mapped[TransferBasis] = mapped_column(str_enum(TransferBasis))
    evidence: Mapped[str] = mapped_column(Text)
    evidenced_on: Mapped[date] = mapped_column(Date)
    suspended: Mapped[bool] = mapped_column(default=False)  # by a Rule 18 check
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    recorded_by: Mapped[User | None] = relationship()
    checks: Mapped[list["Rule18Check"]] = relationship(
        back_populates="record", order_by="Rule18Check.checked_on.desc(), Rule18Check.id.desc()")


class Rule18Check(db.Model):
    __tablename__ = "rule18_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("crossborder_records.id"), index=True)
    checked_on: Mapped[date] = mapped_column(Date)
    implementation: Mapped[str] = mapped_column(Text)  # the recipient's measures, as found
    foreign_law: Mapped[str] = mapped_column(Text)  # laws there that could prevent them
    outcome: Mapped[CheckOutcome] = mapped_column(str_enum(CheckOutcome))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    record: Mapped[CrossBorderRecord] = relationship(back_populates="checks")
    recorded_by: Mapped[User | None] = relationship()
