"""The lease on an outbox message: one deliverer at a time, the attempt counted before
sending, one Message-ID for every attempt, and an end to a message whose deliverers keep
dying."""

from datetime import timedelta

from sqlalchemy import select

from tests.notifications.conftest import queue_others
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.leases import claim
from vendorrisk.notifications.models import DeliveryStatus, OutboxMessage
from vendorrisk.notifications.services import deliver_pending


def test_a_leased_message_is_nobody_elses_until_the_lease_ends(app):
    now = utcnow()
    with app.app_context():
        queue_others(2)
        first = claim(now, "one")
        second = claim(now, "two")
        assert (first.id, first.claimed_by, first.attempts) == (1, "one", 1)
        assert (second.id, second.claimed_by) == (2, "two")
        assert claim(now, "three") is None  # both are held
        lease = timedelta(seconds=app.config["OUTBOX_LEASE_SECONDS"])
        again = claim(now + lease + timedelta(minutes=1), "three")  # "one" died
        assert (again.id, again.claimed_by, again.attempts) == (1, "three", 2)
        assert "ended without an outcome" in again.last_error


def test_every_attempt_carries_the_same_message_id(app, smtp_server):
    now = utcnow()
    with app.app_context():
        queue_others(1)
        smtp_server.stop()
        assert deliver_pending(now).retrying == 1
        smtp_server.start()
        assert deliver_pending(now + timedelta(minutes=2)).delivered == 1
        message = db.session.scalar(select(OutboxMessage))
        assert message.attempts == 2
        assert message.message_id.endswith("@example.com>")  # the sender's domain
    assert [received["Message-ID"] for received in smtp_server.messages] == [
        message.message_id]


def test_a_message_whose_deliverers_keep_dying_stops_after_the_retries(app):
    start = utcnow()
    with app.app_context():
        queue_others(1)
        claims = 0
        for minutes in range(0, 100 * 60, 10):  # the outbox job every ten minutes
            if claim(start + timedelta(minutes=minutes), f"doomed {minutes}") is not None:
                claims += 1  # ... and the deliverer dies before it records anything
        message = db.session.scalar(select(OutboxMessage))
        assert message.status == DeliveryStatus.FAILED
        hours = app.config["OUTBOX_RETRY_HOURS"]
        assert claims == message.attempts <= 5 + hours // 6 + 1
        assert message.last_error.startswith(f"Given up after {claims} attempts")
        assert "/portal/incidents/x" not in message.body_text
        assert message.claimed_by is None
