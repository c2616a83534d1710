"""Queueing e-mails in the caller's transaction and delivering them after commit.

A web request delivers only the messages it queued itself (``deliver_own``), for a few
seconds at most; everything else — others' messages, retries, what a request left — is
the scheduler's outbox job (``deliver_pending``), so no click waits on the mail server
for someone else's e-mail.
"""

import time
from dataclasses import dataclass
from datetime import datetime
from email.utils import make_msgid, parseaddr
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.delivery import (
    FileTransport,
    PermanentFailure,
    TemporaryFailure,
    Transport,
    configured_transport,
)
from vendorrisk.notifications.leases import claim, deliverer_name, exhausted, release
from vendorrisk.notifications.models import DeliveryStatus, OutboxMessage

_QUEUED = "notifications.queued"  # session.info: ids of the messages this session wrote


def render_email(kind: str, *, language: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """``notifications/<kind>`` in ``language``: (subject line, text body, HTML body)."""
    with force_locale(language):
        subject = render_template(f"notifications/{kind}.subject.txt", **context).strip()
        text = render_template(f"notifications/{kind}.txt", **context)
        html = render_template(f"notifications/{kind}.html", **context)
    return subject.splitlines()[0], text, html


def queue_email(kind: str, *, recipient: str, language: str, context: dict[str, Any],
                object_type: str, object_id: object, now: datetime,
                sent_by_id: int | None = None, reply_to: str | None = None) -> OutboxMessage:
    """Render ``notifications/<kind>`` in ``language`` and add it to the outbox (no commit).

    The templates give the subject (first line of ``<kind>.subject.txt``), the text and
    the HTML body; ``reply_to`` is where the recipient's reply goes (None: the sender).
    """
    subject, text, html = render_email(kind, language=language, context=context)
    message = OutboxMessage(
        kind=kind, recipient=recipient, reply_to=reply_to, language=language,
        subject=subject,
        body_text=text, body_html=html, status=DeliveryStatus.QUEUED, attempts=0,
        message_id=_new_message_id(), next_attempt_at=now, created_at=now,
        object_type=object_type, object_id=str(object_id), sent_by_id=sent_by_id)
    db.session.add(message)  # flushed with the rest: a day's notices go in one INSERT
    return message


def _new_message_id() -> str:
    """A Message-ID kept for every attempt at one message, in the sender's domain."""
    domain = parseaddr(current_app.config["SMTP_SENDER"])[1].rpartition("@")[2]
    return make_msgid(idstring="outbox", domain=domain or "localhost")


@event.listens_for(Session, "pending_to_persistent")
def _note_queued(session: Session, instance: object) -> None:
    if isinstance(instance, OutboxMessage):
        session.info.setdefault(_QUEUED, []).append(instance.id)


@event.listens_for(Session, "after_soft_rollback")
def _forget_queued(session: Session, previous_transaction: object) -> None:
    # Rolled back (a savepoint's too): those rows may be gone; what remains, the
    # scheduler sends.
    session.info.pop(_QUEUED, None)


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int
    retrying: int
    failed: int
    left: int = 0  # not tried in the time a web request may spend (the scheduler will)


def deliver_pending(now: datetime, *, transport: Transport | None = None,
                    ids: list[int] | None = None, limit: int = 100,
                    seconds: float | None = None) -> DeliveryReport:
    """Try every due message (or just ``ids``), up to ``limit`` and for about ``seconds``;
    commit each step as it happens.

    Safe in any number of processes at once: each message is leased to one deliverer
    (leases.py), so none is sent twice unless its deliverer died mid-attempt.
    """
    transport = transport or configured_transport()
    owner, tried, left = deliverer_name(), 0, 0
    deadline = None if seconds is None else time.monotonic() + seconds
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    while tried < limit:
        if deadline is not None and time.monotonic() >= deadline:
            left = len(ids) - tried if ids is not None else 0
            break
        message = claim(now, owner, ids=ids)
        if message is None:
            break
        tried += 1
        counts[_attempt(message, transport, now)] += 1
        db.session.commit()
    return DeliveryReport(**counts, left=left)


def deliver_own(now: datetime) -> DeliveryReport:
    """After a web request's commit: deliver the messages it queued itself, starting none
    after OUTBOX_WEB_SECONDS and waiting on the mail server no longer than that for any
    one reply; the scheduler delivers what is left, and everyone else's."""
    ids = db.session.info.pop(_QUEUED, [])
    if not ids:
        return DeliveryReport(0, 0, 0)
    seconds = float(current_app.config["OUTBOX_WEB_SECONDS"])
    return deliver_pending(now, transport=configured_transport(at_most=seconds), ids=ids,
                           limit=len(ids), seconds=seconds)


def _attempt(message: OutboxMessage, transport: Transport, now: datetime) -> str:
    """Send a leased message (its attempt already counted) and record the outcome."""
    try:
        transport.send(message)
    except PermanentFailure as error:
        release(message, DeliveryStatus.FAILED, error=str(error), now=now)
        return "failed"
    except TemporaryFailure as error:
        gone = exhausted(message.attempts, message.created_at, now)
        release(message, DeliveryStatus.FAILED if gone else DeliveryStatus.RETRYING,
                error=str(error), now=now)
        return "failed" if gone else "retrying"
    release(message, DeliveryStatus.WRITTEN if isinstance(transport, FileTransport)
            else DeliveryStatus.SENT, error=None, now=now)
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


def notify_people(notice: str, people: list[User], *, now: datetime, context: dict[str, Any],
                  object_type: str, object_id: object,
                  template: str = "supervision_notice") -> int:
    """Queue the ``notice`` e-mail (one of ``template``'s) to each of ``people``, in their
    language; return how many."""
    base = current_app.config["BASE_URL"].rstrip("/")
    for person in people:
        queue_email(template, recipient=person.email,
                    language=person.language.value,
                    context={"notice": notice, "user": person, "base_url": base, **context},
                    object_type=object_type, object_id=object_id, now=now)
    return len(people)
