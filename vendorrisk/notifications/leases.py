"""One deliverer per message at a time: a lease (``claimed_by``, ``claimed_until``) taken
by a conditional UPDATE and committed, with the attempt counted, before the message goes
out; the outcome is recorded after.

The scheduler, ``vendorrisk notifications deliver`` and web requests all deliver, in as
many processes as there are; each message is leased to one of them. A deliverer that
dies holding a lease (killed, its host gone) frees the message when the lease runs out
and the next attempt sends it again with the same Message-ID, so at most one copy per
dead deliverer reaches the receiving server, recognisably. A lease counts as an attempt
and moves the message along the backoff, so a message that kills every deliverer that
takes it stops after the configured retries like any other.
"""

import os
import re
import secrets
import socket
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, and_, or_, select, update

from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import DeliveryStatus, OutboxMessage

# Waits between attempts; after the last, every 6 hours until the message has waited
# OUTBOX_RETRY_HOURS (a mail server down over a weekend loses nothing), then failed.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2), timedelta(hours=6))
PENDING = (DeliveryStatus.QUEUED, DeliveryStatus.RETRYING)

# Every address under /portal/ carries a vendor's token (questionnaire, deletion,
# incident, request and any later kind): the whole path goes, whatever its shape.
PORTAL_LINK = re.compile(r"/portal/[^\s\"'<>]+")


def deliverer_name() -> str:
    """Who holds a lease: host, process and a random tag (one per delivery run)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"[:120]


def backoff(attempts: int) -> timedelta:
    """How long to wait after attempt number ``attempts`` before the next."""
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


def exhausted(attempts: int, created_at: datetime, now: datetime) -> bool:
    """True once a message has had every backoff step and waited OUTBOX_RETRY_HOURS."""
    give_up = timedelta(hours=int(current_app.config["OUTBOX_RETRY_HOURS"]))
    return attempts > len(BACKOFF) and now - created_at >= give_up


def forget_links(text: str) -> str:
    """``text`` without its vendor links: once a message is out (or given up), a link is
    as good as the vendor's password, and the database keeps only its hash."""
    return PORTAL_LINK.sub("/portal/[link removed after sending]", text)


def _free(moment: datetime) -> ColumnElement[bool]:
    """Waiting to be sent, and leased to nobody (or the lease has run out)."""
    return and_(OutboxMessage.status.in_(PENDING),
                or_(OutboxMessage.claimed_until.is_(None),
                    OutboxMessage.claimed_until <= moment))


def claim(now: datetime, owner: str, *, ids: list[int] | None = None
          ) -> OutboxMessage | None:
    """Lease the oldest due message (or the oldest of ``ids``, due or not) to ``owner``,
    its attempt counted, and commit; None when there is none to take.

    PostgreSQL reads the candidate with FOR UPDATE SKIP LOCKED; on both databases the
    UPDATE takes it only if it is still free and nobody counted an attempt meanwhile.
    """
    moment = max(now, utcnow())  # a long run: the clock, not the run's start, dates leases
    free = _free(moment)
    wanted = (OutboxMessage.id.in_(ids) if ids is not None
              else OutboxMessage.next_attempt_at <= moment)
    candidates = (select(OutboxMessage.id, OutboxMessage.attempts, OutboxMessage.created_at,
                         OutboxMessage.claimed_by)
                  .where(free, wanted).order_by(OutboxMessage.id).limit(1))
    if db.session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    while (row := db.session.execute(candidates).first()) is not None:
        same = (OutboxMessage.id == row.id, OutboxMessage.attempts == row.attempts, free)
        if row.claimed_by is not None and exhausted(row.attempts, row.created_at, moment):
            _give_up(row.id, same)
            continue
        values = {"claimed_by": owner, "claimed_until": moment + _lease(),
                  "attempts": row.attempts + 1,
                  "next_attempt_at": moment + backoff(row.attempts + 1)}
        if row.claimed_by is not None:
            values["last_error"] = (f"Attempt {row.attempts} ended without an outcome (its "
                                    "deliverer stopped); sent again with the same "
                                    "Message-ID.")
        taken = db.session.execute(update(OutboxMessage).where(*same).values(**values))
        db.session.commit()
        if taken.rowcount == 1:
            return db.session.get(OutboxMessage, row.id, populate_existing=True)
    db.session.commit()
    return None


def _lease() -> timedelta:
    return timedelta(seconds=float(current_app.config["OUTBOX_LEASE_SECONDS"]))


def _give_up(message_id: int, same: tuple) -> None:
    """A message whose deliverers kept stopping mid-attempt: failed, not sent again."""
    message = db.session.get(OutboxMessage, message_id, populate_existing=True)
    db.session.execute(update(OutboxMessage).where(*same).values(
        status=DeliveryStatus.FAILED, claimed_by=None, claimed_until=None,
        last_error=f"Given up after {message.attempts} attempts; the last ended without "
                   "an outcome (its deliverer stopped).",
        body_text=forget_links(message.body_text), body_html=forget_links(message.body_html)))
    db.session.commit()


def release(message: OutboxMessage, status: DeliveryStatus, *, error: str | None,
            now: datetime) -> None:
    """Record an attempt's outcome and end the lease (the caller commits)."""
    message.status, message.last_error = status, error
    message.claimed_by = message.claimed_until = None
    if status in (DeliveryStatus.SENT, DeliveryStatus.WRITTEN):
        message.delivered_at = now
    if status not in PENDING:
        message.body_text = forget_links(message.body_text)
        message.body_html = forget_links(message.body_html)
