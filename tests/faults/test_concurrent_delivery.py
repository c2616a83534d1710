"""Several deliverers on one outbox, in processes of their own, against a real SMTP server
that counts what it receives by Message-ID (SQLite file and PostgreSQL):

- the scheduler's outbox job, ``vendorrisk notifications deliver`` and a vendor's click
  that sends an e-mail, all at once: every message arrives exactly once;
- a deliverer killed (SIGKILL) after the server took a message and before it could
  record it: every message arrives, and that one at most twice, with the same
  Message-ID (so the receiving server can drop the copy).
"""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from tests.conftest import ON_POSTGRESQL, TEST_DATABASE_URL, app_config, free_port
from tests.faults import server as web_process
from tests.faults.conftest import sent_questionnaire
from tests.notifications.conftest import queue_others
from vendorrisk import create_app
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.supervision.runner import run_job

ROOT = Path(__file__).resolve().parents[2]
CLI = "from vendorrisk.console import main; main()"


class CountingMailbox:
    """Counts received messages by Message-ID; each takes ``delay`` seconds to accept.
    With ``hold_at``, the n-th message is taken in and then its answer withheld (the
    moment a deliverer can die with the message out but not recorded)."""

    def __init__(self, delay: float, hold_at: int | None = None) -> None:
        self.ids: Counter[str] = Counter()
        self.delay, self.hold_at = delay, hold_at
        self.holding = threading.Event()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        headers = BytesParser(policy=policy.default).parsebytes(envelope.content,
                                                                 headersonly=True)
        self.ids[headers["Message-ID"]] += 1
        if self.hold_at is not None and self.ids.total() == self.hold_at:
            self.holding.set()
            await asyncio.sleep(5)
        await asyncio.sleep(self.delay)
        return "250 OK"

    def report(self, queued: int) -> dict[str, int]:
        received = self.ids.total()
        counts = {"queued": queued, "received": received, "message_ids": len(self.ids),
                  "extra_copies": received - queued,
                  "duplicates": received - len(self.ids)}  # copies sharing a Message-ID
        print(f"\n{'PostgreSQL' if ON_POSTGRESQL else 'SQLite'}: {counts}")  # noqa: T201
        return counts


@pytest.fixture
def database(tmp_path, request) -> str:
    """A database processes can share: a SQLite file, or the PostgreSQL test one."""
    if ON_POSTGRESQL:
        request.getfixturevalue("app")  # empties the tables
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path / 'outbox.db'}"


def _app(url: str, tmp_path: Path, mailbox: CountingMailbox):  # noqa: ANN202
    return create_app(app_config(tmp_path, DATABASE_URL=url, SMTP_HOST="127.0.0.1",
                                 SMTP_PORT=mailbox.port, SMTP_SECURITY="none"))


def _seed(app, tmp_path: Path, count: int) -> str:  # noqa: ANN001
    """``count`` queued e-mails, and a sent questionnaire whose link is returned."""
    with app.app_context():
        link, _assessment = sent_questionnaire(tmp_path)
        queue_others(count - 1, prefix="p")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return urlsplit(link).path


def _env(url: str, tmp_path: Path, mailbox: CountingMailbox) -> dict[str, str]:
    return {**os.environ, "VENDORRISK_ENV": "testing", "VENDORRISK_DATABASE_URL": url,
            "VENDORRISK_INSTANCE_PATH": str(tmp_path / "instance"),
            "FAULT_DATABASE_URL": url, "FAULT_INSTANCE_PATH": str(tmp_path / "web"),
            "VENDORRISK_SMTP_HOST": "127.0.0.1", "VENDORRISK_SMTP_PORT": str(mailbox.port),
            "VENDORRISK_SMTP_SECURITY": "none"}


def _command(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CLI, *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _web(env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    return web_process.start(port, env), port


def _add_colleague(port: int, path: str, outcome: list) -> None:
    """The vendor's click that sends an e-mail (a colleague's own link)."""
    web_process.post_portal_form(port, path, "colleague", {
        "name": "Kenji", "email": "kenji@v.example.com", "language": "en"}, outcome,
        timeout=120)


def _finish(app, mailbox: CountingMailbox) -> int:  # noqa: ANN001
    """A later run of the outbox job takes up whatever is left; the number queued."""
    with app.app_context():
        run_job("outbox", utcnow() + timedelta(hours=1))
        statuses = Counter(db.session.scalars(select(OutboxMessage.status)))
        db.session.remove()
        db.engine.dispose()
    assert set(statuses) == {"sent"}, statuses
    return statuses.total()


def test_two_deliverers_and_a_click_send_every_message_once(database, tmp_path):
    mailbox = CountingMailbox(delay=0.005)
    mailbox.controller.start()
    app = _app(database, tmp_path, mailbox)
    path = _seed(app, tmp_path, 300)
    env = _env(database, tmp_path, mailbox)
    web, port = _web(env)
    try:
        deliverers = [_command(env, "scheduler", "run", "outbox"),
                      _command(env, "notifications", "deliver")]
        while mailbox.ids.total() < 10 and all(p.poll() is None for p in deliverers):
            time.sleep(0.02)
        outcome: list = []
        _add_colleague(port, path, outcome)
        outputs = [process.communicate(timeout=300)[0] for process in deliverers]
    finally:
        web.terminate()
        web.wait(timeout=10)
    assert outcome == [302]
    assert all(process.returncode == 0 for process in deliverers), outputs
    print("\n" + " | ".join(output.strip() for output in outputs))  # noqa: T201  (who sent)
    counts = mailbox.report(_finish(app, mailbox))
    mailbox.controller.stop()
    assert counts["received"] == counts["message_ids"] == counts["queued"] == 301


def test_a_deliverer_killed_midway_costs_at_most_one_copy(database, tmp_path):
    mailbox = CountingMailbox(delay=0.005, hold_at=20)
    mailbox.controller.start()
    app = _app(database, tmp_path, mailbox)
    _seed(app, tmp_path, 60)
    env = _env(database, tmp_path, mailbox)
    doomed = _command(env, "notifications", "deliver")
    assert mailbox.holding.wait(timeout=120), "the deliverer never reached the 20th message"
    os.kill(doomed.pid, signal.SIGKILL)  # the server has the message; its row does not know
    doomed.communicate(timeout=10)
    survivors = [_command(env, "scheduler", "run", "outbox"),
                 _command(env, "notifications", "deliver")]
    outputs = [process.communicate(timeout=300)[0] for process in survivors]
    assert all(process.returncode == 0 for process in survivors), outputs
    counts = mailbox.report(_finish(app, mailbox))
    mailbox.controller.stop()
    assert counts["message_ids"] == counts["queued"] == 60  # every message arrived
    assert counts["duplicates"] <= 1  # one killed deliverer: at most one copy, same ID
