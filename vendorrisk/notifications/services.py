"""Queueing e-mails in the caller's transaction and delivering them after commit."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import or_, select

from vendorrisk.extensions import db
from vendorrisk.notifications.delivery import (
    FileTransport,
    PermanentFailure,
    TemporaryFailure,
    Transport,
    configured_transport,
)
from vendorrisk.notifications.models import DeliveryStatus, OutboxMessage

# Waits between attempts; after the last, every 6 hours until the message has waited
# OUTBOX_RETRY_HOURS (a mail server down over a weekend loses nothing), then failed.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2), timedelta(hours=6))
PENDING = (DeliveryStatus.QUEUED, DeliveryStatus.RETRYING)


def queue_email(kind: str, *, recipient: str, language: str, context: dict[str, Any],
                object_type: str, object_id: object, now: datetime,
                sent_by_id: int | None = None) -> OutboxMessage:
    """Render ``notifications/<kind>`` in ``language`` and add it to the outbox (no commit).

    The templates give the subject (first line of ``<kind>.subject.txt``), the text and
    the HTML body.
    """
    with force_locale(language):
        subject = render_template(f"notifications/{kind}.subject.txt", **context).strip()
        text = render_template(f"notifications/{kind}.txt", **context)
        html = render_template(f"notifications/{kind}.html", **context)
    message = OutboxMessage(
        kind=kind, recipient=recipient, language=language, subject=subject.splitlines()[0],
        body_text=text, body_html=html, status=DeliveryStatus.QUEUED, attempts=0,
        next_attempt_at=now, created_at=now, object_type=object_type,
        object_id=str(object_id), sent_by_id=sent_by_id)
    db.session.add(message)  # flushed with the rest: a day's notices go in one INSERT
    return message


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int
    retrying: int
    failed: int


def deliver_pending(now: datetime, *, transport: Transport | None = None,
                    ids: list[int] | None = None, limit: int = 100) -> DeliveryReport:
    """Try every due message (or just ``ids``); commit each outcome as it happens.

    Safe to run in several processes at once: on PostgreSQL each message is claimed with
    SKIP LOCKED, and a delivered message is never picked again.
    """
    transport = transport or configured_transport()
    statement = (select(OutboxMessage)
                 .where(OutboxMessage.status.in_(PENDING),
                        or_(OutboxMessage.next_attempt_at <= now,
                            OutboxMessage.id.in_(ids or [])))
                 .order_by(OutboxMessage.id).limit(limit)
                 .with_for_update(skip_locked=True))
    if ids is not None:
        statement = statement.where(OutboxMessage.id.in_(ids))
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    for message in db.session.scalars(statement).all():
        counts[_attempt(message, transport, now)] += 1
        db.session.commit()
    return DeliveryReport(**counts)


# Every address under /portal/ carries a vendor's token (questionnaire, deletion,
# incident, request and any later kind): the whole path goes, whatever its shape.
PORTAL_LINK = re.compile(r"/portal/[^\s\"'<>]+")


def _forget_links(message: OutboxMessage) -> None:
    """Once a message is out (or given up), no vendor link may stay in the database: a
    link is as good as the vendor's password, and we keep only its hash."""
    message.body_text = PORTAL_LINK.sub("/portal/[link removed after sending]",
                                        message.body_text)
    message.body_html = PORTAL_LINK.sub("/portal/[link removed after sending]",
                                        message.body_html)


def _attempt(message: OutboxMessage, transport: Transport, now: datetime) -> str:
    message.attempts += 1
    try:
        transport.send(message)
    except PermanentFailure as error:
        message.status, message.last_error = DeliveryStatus.FAILED, str(error)
        _forget_links(message)
        return "failed"
    except TemporaryFailure as error:
        message.last_error = str(error)
        give_up = timedelta(hours=int(current_app.config["OUTBOX_RETRY_HOURS"]))
        if message.attempts > len(BACKOFF) and now - message.created_at >= give_up:
            message.status = DeliveryStatus.FAILED
            _forget_links(message)
            return "failed"
        message.status = DeliveryStatus.RETRYING
        message.next_attempt_at = now + BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
        return "retrying"
    message.status = (DeliveryStatus.WRITTEN if isinstance(transport, FileTransport)
                      else DeliveryStatus.SENT)
    message.delivered_at, message.last_error = now, None
    _forget_links(message)
    return "delivered"


def retry_now(message: OutboxMessage, now: datetime) -> None:
    """Put a failed or waiting message back at the front of the queue."""
    message.status = DeliveryStatus.QUEUED
    message.next_attempt_at = now
    db.session.flush()


def messages_about(object_type: str, object_id: object) -> list[OutboxMessage]:
    """Every e-mail about one object, oldest first (shown with its delivery state)."""
    return list(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.object_type == object_type, OutboxMessage.object_id == str(object_id))
        .order_by(OutboxMessage.id)))


def undelivered_by(user_id: int, limit: int = 20) -> list[OutboxMessage]:
    """E-mails a user caused that failed or wait for a retry: never silent to the sender."""
    return list(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.sent_by_id == user_id,
        OutboxMessage.status.in_([DeliveryStatus.FAILED, DeliveryStatus.RETRYING]))
        .order_by(OutboxMessage.id.desc()).limit(limit)))
