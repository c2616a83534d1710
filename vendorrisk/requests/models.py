"""Individuals' requests (R18) and the task each consignee holding the data gets."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db
from vendorrisk.requests.vocabulary import RequestKind, RequestStatus, TaskOutcome
from vendorrisk.vendors.models import Vendor


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
