"""The web process killed (SIGKILL) in the middle of a vendor's submission, on SQLite
and on PostgreSQL: afterwards the submission is absent — every answer as it was, still
editable, no state change, no audit row — and submitting again completes it, once."""

import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from tests.assessments.conftest import ANSWERS, ATTESTATION
from tests.conftest import ON_POSTGRESQL, TEST_DATABASE_URL, app_config, free_port
from tests.faults import server as web_process
from tests.faults.conftest import sent_questionnaire
from vendorrisk import create_app
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.audit.models import AuditEvent
from vendorrisk.foundation.extensions import db


@pytest.fixture
def database(tmp_path, request) -> str:
    """A database two processes can share: a SQLite file, or the PostgreSQL test one
    (emptied by the app fixture)."""
    if ON_POSTGRESQL:
        request.getfixturevalue("app")
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path / 'shared.db'}"


def _seed(url: str, tmp_path: Path):  # noqa: ANN202
    app = create_app(app_config(tmp_path, DATABASE_URL=url))
    with app.app_context():
        link, assessment = sent_questionnaire(tmp_path)
        db.session.commit()
        path, assessment_id = urlsplit(link).path, assessment.id
    vendor_client = app.test_client()
    page = vendor_client.get(path).get_data(as_text=True)
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    assert vendor_client.post(f"{path}/save", data={**ANSWERS, "csrf_token": token}
                              ).status_code == 302
    return app, path, assessment_id


def _serve(url: str, tmp_path: Path, port: int, marker: Path | None) -> subprocess.Popen:
    env = {**os.environ, "FAULT_DATABASE_URL": url,
           "FAULT_INSTANCE_PATH": str(tmp_path / "server")}
    if marker:
        env["FAULT_PAUSE_MARKER"] = str(marker)
    return web_process.start(port, env)


def _submit(port: int, path: str, outcome: list) -> None:
    web_process.post_portal_form(port, path, "submit", ATTESTATION, outcome, timeout=150)


def _state(app, assessment_id: int) -> tuple:
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        answers = sorted(db.session.execute(select(Answer.question_id, Answer.value).where(
            Answer.assessment_id == assessment_id)).all())
        submitted = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "assessment.submit"))
        state = (assessment.status.value, assessment.submitted_at is not None,
                 assessment.attested_name, submitted, answers)
        db.session.remove()
        return state


def test_a_submission_killed_midway_is_absent_and_then_completes_once(database, tmp_path):
    app, path, assessment_id = _seed(database, tmp_path)
    before = _state(app, assessment_id)
    assert before[:4] == ("in_progress", False, None, 0)
    marker = tmp_path / "paused"
    port = free_port()
    server = _serve(database, tmp_path, port, marker)
    outcome: list = []
    client = threading.Thread(target=_submit, args=(port, path, outcome))
    client.start()
    for _ in range(300):
        if marker.exists():
            break
        time.sleep(0.05)
    assert marker.exists(), "the submission never reached its pause"
    os.kill(server.pid, signal.SIGKILL)  # mid-transaction: its writes are not committed
    server.wait(timeout=10)
    client.join(timeout=10)
    assert isinstance(outcome[0], OSError)  # the vendor's browser saw the connection drop
    assert _state(app, assessment_id) == before  # absent, not half

    port = free_port()
    server = _serve(database, tmp_path, port, None)
    try:
        outcome = []
        _submit(port, path, outcome)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert outcome == [302]
    after = _state(app, assessment_id)
    assert after[:4] == ("submitted", True, "Hana Sato", 1)  # complete, once
    assert after[4] == before[4]  # the same answers
    with app.app_context():
        db.engine.dispose()
