"""The outbox: every e-mail the product sends, with its delivery state."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vendorrisk.auth.models import Language
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    RETRYING = "retrying"
    SENT = "sent"
    WRITTEN = "written"  # no SMTP configured: kept as an .eml file
    FAILED = "failed"


class OutboxMessage(db.Model):
    """One e-mail to one recipient."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_due", "status", "next_attempt_at"),
                      Index("ix_outbox_messages_subject_object", "object_type", "object_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    recipient: Mapped[str] = mapped_column(String(254))
    # Where a reply goes (the assessment's owner, for e-mails to a vendor); None: the sender.
    reply_to: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[DeliveryStatus] = mapped_column(str_enum(DeliveryStatus))
    # The same Message-ID on every attempt: a copy sent again after a deliverer died
    # between sending and recording can be recognised and dropped by the receiver.
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    attempts: Mapped[int] = mapped_column(default=0)  # counted before each attempt
    # The deliverer sending it now, and until when (leases.py): nobody else takes it.
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the message is about, so the page of that object can show its delivery.
    object_type: Mapped[str] = mapped_column(String(60))
    object_id: Mapped[str] = mapped_column(String(80))
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class DigestItem(db.Model):
    """A hand-off notice waiting for its user's daily digest (digest.py), with its subject
    already in the user's language and the link to the page it is about."""

    __tablename__ = "notification_digest_items"
    __table_args__ = (Index("ix_notification_digest_items_waiting", "user_id", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(300))
    link: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # listed in a digest
    object_type: Mapped[str] = mapped_column(String(60))
    object_id: Mapped[str] = mapped_column(String(80))
