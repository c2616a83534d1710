"""A test that needs the machine to itself while the tests run in parallel.

The default run spreads the tests over one worker process per core (pytest-xdist). The
load test measures latencies, which a neighbouring worker's tests would distort, so it
runs alone: it claims the machine, waits until no other worker is inside a test, and
the others, before each test, wait while a claim stands. A worker marks itself as
inside a test before it looks for a claim, and the claimant writes its claim before it
looks for them, so one of the two always sees the other.
"""

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
FOLDER = Path(tempfile.gettempdir()) / (
    "vendorrisk-tests-" + os.environ.get("PYTEST_XDIST_TESTRUNUID", "serial"))
CLAIM = FOLDER / "claim"
POLL = 0.1


def _inside(worker: str) -> Path:
    return FOLDER / f"inside-{worker}"


def _claimed_by_another() -> bool:
    try:
        return CLAIM.read_text() != WORKER
    except FileNotFoundError:
        return False


@contextmanager
def inside_a_test() -> Iterator[None]:
    """Around each test on a worker: wait while another test has the machine."""
    if not WORKER:
        yield
        return
    FOLDER.mkdir(exist_ok=True)
    marker = _inside(WORKER)
    marker.touch()
    while _claimed_by_another():
        marker.unlink(missing_ok=True)
        time.sleep(POLL)
        marker.touch()
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)


@contextmanager
def alone() -> Iterator[None]:
    """Run the block while no other worker is inside a test."""
    if not WORKER:
        yield
        return
    FOLDER.mkdir(exist_ok=True)
    mine = _inside(WORKER)
    while True:  # one claimant at a time; a waiting one is not inside a test meanwhile
        try:
            with open(CLAIM, "x") as claim:
                claim.write(WORKER)
            break
        except FileExistsError:
            mine.unlink(missing_ok=True)
            time.sleep(POLL)
    mine.touch()
    try:
        while any(path != mine for path in FOLDER.glob("inside-*")):
            time.sleep(POLL)
        yield
    finally:
        CLAIM.unlink(missing_ok=True)
