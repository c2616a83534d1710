"""PostgreSQL restarted while the scheduler is in the middle of a run (a real restart of
the local server, where the test may restart it): the run ends failed with nothing of
its work kept, and the next run does all of it, once."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import ON_POSTGRESQL, TEST_DATABASE_URL
from tests.exclusive import alone
from tests.faults.conftest import DAY, VENDORS, periodic_reviews, reviews_due
from tests.supervision.conftest import at
from vendorrisk.foundation.extensions import db
from vendorrisk.supervision.models import JobRun
from vendorrisk.supervision.runner import run_job

ROOT = Path(__file__).resolve().parents[2]
SCHEDULER = """
import sys, time
from pathlib import Path
from vendorrisk import create_app
from vendorrisk.supervision import jobs
from vendorrisk.supervision.runner import run_job
from tests.supervision.conftest import at
from datetime import date
marker, sent, original = Path(sys.argv[1]), [], jobs.send_assessment
def pausing(assessment, **kwargs):
    sent.append(1)
    if len(sent) == 4:  # mid-run: wait here while the server restarts
        marker.write_text("paused")
        time.sleep(8)
    return original(assessment, **kwargs)
jobs.send_assessment = pausing
app = create_app()
with app.app_context():
    print(run_job("reviews", at(date(2027, 3, 1)), started_by="restart test").outcome.value)
"""


def _cluster() -> list[str] | None:
    """The command that restarts the local server, where this process may run it."""
    clusters = Path("/etc/postgresql")
    if shutil.which("pg_ctlcluster") is None or not clusters.is_dir() or os.geteuid() != 0:
        return None
    version = sorted(clusters.iterdir(), key=lambda path: [int(part) for part in
                                                           path.name.split(".")])[-1].name
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"]



@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs a PostgreSQL server to restart")
@alone()  # the other test workers' connections would cross the restart (tests/exclusive.py)
def test_a_restart_mid_run_loses_nothing_and_doubles_nothing(app, make_user, tmp_path):
    restart = _cluster()
    if restart is None or "127.0.0.1" not in TEST_DATABASE_URL:
        pytest.skip("the local PostgreSQL cannot be restarted from here (needs root and "
                    "pg_ctlcluster)")
    reviews_due(app, make_user, "Restart")
    with app.app_context():
        db.engine.dispose()  # no connection of ours crosses the restart
    marker = tmp_path / "paused"
    env = {**os.environ, "VENDORRISK_ENV": "testing", "VENDORRISK_DATABASE_URL":
           TEST_DATABASE_URL, "VENDORRISK_INSTANCE_PATH": str(tmp_path / "instance")}
    scheduler = subprocess.Popen([sys.executable, "-c", SCHEDULER, str(marker)], env=env,
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
    for _ in range(300):
        if marker.exists():
            break
        time.sleep(0.05)
    assert marker.exists(), scheduler.communicate(timeout=30)
    subprocess.run(restart, check=True, capture_output=True, timeout=60)
    for _ in range(60):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0:
            break
        time.sleep(0.5)
    output, errors = scheduler.communicate(timeout=60)
    assert output.strip().endswith("failed"), (output, errors[-2000:])
    with app.app_context():
        assert periodic_reviews() == 0  # the four sent before the restart went with it
        assert db.session.scalar(select(JobRun.outcome).where(
            JobRun.started_by == "restart test")).value == "failed"
        assert run_job("reviews", at(DAY)).outcome.value == "ok"
        assert periodic_reviews() == VENDORS
        assert run_job("reviews", at(DAY)).counts.get("sent_periodic", 0) == 0
        assert periodic_reviews() == VENDORS
