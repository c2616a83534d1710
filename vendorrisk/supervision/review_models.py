"""The management review (R20; JIS Q 15001 asks top management to review the system):
when it met, who took part, what it had before it — the annual supervision summary,
frozen as the very file it read — what it decided, and the actions it gave owners and
due dates, each tracked until it is closed. A review also keeps, as they stood when it
was recorded, the earlier reviews' actions it followed up."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class ManagementReview(db.Model):
    __tablename__ = "management_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    fiscal_year: Mapped[int]
    held_on: Mapped[date] = mapped_column(Date, index=True)
    participants: Mapped[str] = mapped_column(Text)
    # The annual summary it read: the report run, and its file as stored (content-
    # addressed, so the file cannot change under the record)
    summary_run_id: Mapped[int | None] = mapped_column(ForeignKey("report_runs.id"))
    summary_sha256: Mapped[str] = mapped_column(String(64))
    summary_filename: Mapped[str] = mapped_column(String(200))
    other_inputs: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text)
    # Earlier reviews' actions as this review found them: [{action_id, review_id,
    # description, owner, due_on, status, closed_on, note}]
    follow_up: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    recorded_by: Mapped[User] = relationship()
    actions: Mapped[list["ReviewAction"]] = relationship(
        back_populates="review", order_by="ReviewAction.id", cascade="all, delete-orphan")


class ReviewAction(db.Model):
    __tablename__ = "management_review_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("management_reviews.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(str_enum(ActionStatus), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closing_note: Mapped[str | None] = mapped_column(Text)

    review: Mapped[ManagementReview] = relationship(back_populates="actions")
    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
