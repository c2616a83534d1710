"""Incidents at consignees (R14) with their timeline and the standing link each vendor
reports through; individuals' requests (R18) and the task each holding consignee answers.
Link tokens are stored as their SHA-256 only, like a respondent's."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.vocabulary import IncidentSource, IncidentStatus
from vendorrisk.vendors.models import Vendor

# The nine items of a report to the PPC (Rules Art. 8), in their order; the number of
# individuals is ``Incident.individuals``, between the data items and the cause.
NINE_ITEMS = ("overview", "data_items", "individuals", "cause", "secondary_damage",
              "response_to_individuals", "public_announcement", "recurrence_prevention",
              "other")


class IncidentLink(db.Model):
    """A vendor's standing "report an incident" link: one per vendor, reissued to replace
    it, revocable."""

    __tablename__ = "incident_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), unique=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    vendor: Mapped[Vendor] = relationship()
    issued_by: Mapped[User | None] = relationship()


class Incident(db.Model):
    """A leak, loss or damage (or a suspected one) of personal data at a consignee."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    status: Mapped[IncidentStatus] = mapped_column(str_enum(IncidentStatus), index=True)
    source: Mapped[IncidentSource] = mapped_column(str_enum(IncidentSource))
    reporter_name: Mapped[str] = mapped_column(String(200))
    reporter_contact: Mapped[str | None] = mapped_column(String(254))

    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consignee_aware_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the consignee told us
    aware_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the company knew: deadlines

    categories: Mapped[list[str]] = mapped_column(JSON)
    special_care: Mapped[bool] = mapped_column(default=False)
    financial_damage_risk: Mapped[bool] = mapped_column(default=False)
    wrongful_purpose: Mapped[bool] = mapped_column(default=False)
    individuals: Mapped[int | None]  # possibly affected

    overview: Mapped[str] = mapped_column(Text)
    data_items: Mapped[str] = mapped_column(Text)
    cause: Mapped[str] = mapped_column(Text)
    secondary_damage: Mapped[str] = mapped_column(Text)
    response_to_individuals: Mapped[str] = mapped_column(Text)
    public_announcement: Mapped[str] = mapped_column(Text)
    recurrence_prevention: Mapped[str] = mapped_column(Text)
    other: Mapped[str] = mapped_column(Text)

    # The evaluation as last computed (reportability.py), kept for lists and reminders.
    reportable: Mapped[bool] = mapped_column(default=False, index=True)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    warn_on: Mapped[date | None] = mapped_column(Date)
    preliminary_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    final_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    preliminary_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    final_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    close_note: Mapped[str | None] = mapped_column(Text)

    vendor: Mapped[Vendor] = relationship()
    recorded_by: Mapped[User | None] = relationship()
    updates: Mapped[list["IncidentUpdate"]] = relationship(
        back_populates="incident", order_by="IncidentUpdate.id",
        cascade="all, delete-orphan")


class IncidentUpdate(db.Model):
    """One entry of an incident's timeline, from the vendor or from staff. Staff notes
    the vendor should not read are not ``shared``."""

    __tablename__ = "incident_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author_label: Mapped[str] = mapped_column(String(250))
    from_vendor: Mapped[bool] = mapped_column(default=False)
    shared: Mapped[bool] = mapped_column(default=True)
    body: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # field: [before, after]

    incident: Mapped[Incident] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()


