"""The mail server down for a whole day: every message waits (retried with backoff, never
failed), and once the server is back each is delivered, exactly once."""

from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import select

from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import DeliveryStatus, OutboxMessage
from vendorrisk.notifications.services import queue_email
from vendorrisk.supervision.runner import run_job

RECIPIENTS = [f"person{number}@vendor.example.com" for number in range(5)]


def _statuses(app) -> list[str]:
    with app.app_context():
        return sorted(status.value for status in db.session.scalars(
            select(OutboxMessage.status)))


def test_a_day_without_the_mail_server_loses_and_doubles_nothing(app, smtp_server):
    start = utcnow()
    with app.app_context():
        for recipient in RECIPIENTS:
            queue_email("incident_link", recipient=recipient, language="en", context={
                "contact": SimpleNamespace(name=recipient,
                                           language=SimpleNamespace(value="en")),
                "vendor": SimpleNamespace(legal_name="Down Day K.K."),
                "url": "http://127.0.0.1/portal/incidents/x",
                "link": SimpleNamespace(expires_at=start),
                "company": "Example Holdings K.K."},
                object_type="vendor", object_id=1, now=start)
        db.session.commit()
    smtp_server.stop()
    attempts = 0
    for minutes in range(0, 24 * 60 + 1, 10):  # the outbox job every ten minutes, a day
        with app.app_context():
            run = run_job("outbox", start + timedelta(minutes=minutes))
            attempts += run.counts.get("retrying", 0)
    assert _statuses(app) == ["retrying"] * 5  # none failed, none lost
    assert attempts >= 5 * 6  # each tried again and again meanwhile
    smtp_server.start()
    for minutes in range(24 * 60, 31 * 60, 10):  # back: the next runs deliver
        with app.app_context():
            run_job("outbox", start + timedelta(minutes=minutes))
    assert _statuses(app) == [DeliveryStatus.SENT.value] * 5
    assert sorted(message["To"] for message in smtp_server.messages) == RECIPIENTS
