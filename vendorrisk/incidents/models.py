"""Incidents at consignees (R14) with their timeline and the standing link each vendor
reports through; individuals' requests (R18) and the task each holding consignee answers.
Link tokens are stored as their SHA-256 only, like a respondent's."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.dbtypes import UTCDateTime, str_enum
from vendorrisk.extensions import db
from vendorrisk.incidents.vocabulary import (
    IncidentSource,
    IncidentStatus,
    RequestKind,
    RequestStatus,
    TaskOutcome,
)
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


class DataRequest(db.Model):
    """An individual's request that consignees holding their data must help with."""

    __tablename__ = "data_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[RequestKind] = mapped_column(str_enum(RequestKind), index=True)
    reference: Mapped[str] = mapped_column(String(120))  # the company's own case number
    # What lets a consignee find the person's records, and no more (an ID, not a CV).
    subject: Mapped[str] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text)  # what to correct, which use to stop, ...
    categories: Mapped[list[str]] = mapped_column(JSON)
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[RequestStatus] = mapped_column(str_enum(RequestStatus), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by: Mapped[User | None] = relationship()
    tasks: Mapped[list["DataRequestTask"]] = relationship(
        back_populates="request", order_by="DataRequestTask.id",
        cascade="all, delete-orphan")


class DataRequestTask(db.Model):
    """What one consignee was asked to do for a request, and its answer."""

    __tablename__ = "data_request_tasks"
    __table_args__ = (UniqueConstraint("request_id", "vendor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("data_requests.id"), index=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[TaskOutcome] = mapped_column(str_enum(TaskOutcome), index=True)
    note: Mapped[str | None] = mapped_column(Text)  # what was done, or why refused
    answered_by_name: Mapped[str | None] = mapped_column(String(200))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # staff
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    evidence_filename: Mapped[str | None] = mapped_column(String(255))
    evidence_content_type: Mapped[str | None] = mapped_column(String(120))
    evidence_size: Mapped[int | None]

    request: Mapped[DataRequest] = relationship(back_populates="tasks")
    vendor: Mapped[Vendor] = relationship()
    recorded_by: Mapped[User | None] = relationship()
