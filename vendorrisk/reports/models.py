"""Reports too large to render during a request (the register of thousands of vendors, the
annual summary): asked for on a page, rendered by the scheduler process, fetched when
ready. The row is the request, its progress and its result."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db


class ReportKind(StrEnum):
    REGISTER = "register"
    SUMMARY = "summary"


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"


class ReportRun(db.Model):
    __tablename__ = "report_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReportKind] = mapped_column(str_enum(ReportKind))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(5))
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[RunStatus] = mapped_column(str_enum(RunStatus), index=True)
    # Rows done of total while reading; the stage says what the renderer is doing now.
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int | None]
    stage: Mapped[str | None] = mapped_column(String(20))
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Written with every progress step: a run whose heartbeat stops was lost with its
    # process and is taken up again.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    filename: Mapped[str | None] = mapped_column(String(200))
    size: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)

    requested_by: Mapped[User] = relationship()

    @property
    def percent(self) -> int:
        if self.status == RunStatus.READY:
            return 100
        if not self.total:
            return 0
        if self.stage == "parts":  # laid out in parts while read: rows laid out count
            return min(95, self.done * 95 // self.total)
        # Reading the rows is the first 80 %; laying out the pages is the rest.
        return min(80, self.done * 80 // self.total) + (15 if self.stage == "layout" else 0)
