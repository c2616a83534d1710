"""A web request hands only its own new e-mails to the mail server, never the rest of
the outbox: with a mail server that never answers and others' messages waiting, a
"Send a reminder" click comes back in about one SMTP timeout, having tried only its own
message; the scheduler's outbox job delivers the rest."""

import socket
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.notifications.conftest import queue_others
from tests.portal.conftest import create_and_send
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import DeliveryStatus, OutboxMessage
from vendorrisk.supervision.runner import run_job

OTHERS = 12


@pytest.fixture
def silent_smtp() -> Iterator[int]:
    """A port that takes connections and never says a word (a hung mail server)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


def test_a_click_with_a_hung_mail_server_tries_only_its_own_message(
        app, client, auth, smtp_server, silent_smtp, vendor_with_contact):
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    assert len(smtp_server.messages) == 1
    with app.app_context():
        queue_others(OTHERS)
    app.config.update(SMTP_PORT=silent_smtp, SMTP_TIMEOUT=1)
    auth.login_as(Role.PROCUREMENT)
    started = time.monotonic()
    response = client.post(f"/assessments/{assessment_id}/remind")
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 4, f"the click took {elapsed:.1f} s"
    with app.app_context():
        tried = db.session.execute(select(OutboxMessage.kind, OutboxMessage.attempts,
                                          OutboxMessage.status)
                                   .where(OutboxMessage.kind != "invitation")).all()
    assert sorted(tried) == [("incident_link", 0, DeliveryStatus.QUEUED)] * OTHERS + [
        ("reminder", 1, DeliveryStatus.RETRYING)]

    app.config.update(SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)  # the server recovers
    with app.app_context():
        assert run_job("outbox", utcnow() + timedelta(minutes=2)).counts == {
            "delivered": OTHERS + 1, "retrying": 0, "failed": 0}
    assert sorted(message["To"] for message in smtp_server.messages[1:]) == sorted(
        [f"other{number}@vendor.example.com" for number in range(OTHERS)]
        + ["hana@vendor.example.com"])


def test_a_click_waits_on_a_hung_mail_server_no_longer_than_its_web_allowance(
        app, client, auth, smtp_server, silent_smtp, vendor_with_contact):
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    app.config.update(SMTP_PORT=silent_smtp, SMTP_TIMEOUT=10, OUTBOX_WEB_SECONDS=1)
    auth.login_as(Role.PROCUREMENT)
    started = time.monotonic()
    response = client.post(f"/assessments/{assessment_id}/remind")
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 3, f"the click took {elapsed:.1f} s"  # not SMTP_TIMEOUT's 10 s
    with app.app_context():
        reminder = db.session.scalar(select(OutboxMessage).where(
            OutboxMessage.kind == "reminder"))
        assert (reminder.attempts, reminder.status) == (1, DeliveryStatus.RETRYING)
