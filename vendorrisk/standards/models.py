"""Stored versions of selection standards: immutable once loaded."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.auth.models import User
from vendorrisk.foundation.dbtypes import UTCDateTime
from vendorrisk.foundation.extensions import db


class StandardVersion(db.Model):
    """One version of one standard: its file's content, frozen, with its checksum."""

    __tablename__ = "standard_versions"
    __table_args__ = (UniqueConstraint("slug", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int]
    checksum: Mapped[str] = mapped_column(String(64))
    # Loaded only when a version is first built in a process (see definition_of).
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, deferred=True)
    title_en: Mapped[str] = mapped_column(String(300))
    title_ja: Mapped[str] = mapped_column(String(300))
    use: Mapped[str] = mapped_column(String(40))
    tiers: Mapped[list[str]] = mapped_column(JSON)
    source_file: Mapped[str] = mapped_column(String(300))
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    loaded_by: Mapped[User | None] = relationship()


def _refuse_change(mapper: object, connection: object, target: StandardVersion) -> None:
    raise RuntimeError("a stored standard version never changes; load a new version")


event.listen(StandardVersion, "before_update", _refuse_change)
event.listen(StandardVersion, "before_delete", _refuse_change)
