"""Reports rendered in the background: a page queues a ReportRun, the scheduler process
renders it (never a web worker), the requester downloads the file when it is ready.

The claim is one conditional UPDATE on the run's attempt counter, so two schedulers never
render the same run; progress is committed as it goes, so the page can show it; a run
whose process died (no heartbeat for REPORT_STALE_MINUTES) is taken up again, at most
MAX_ATTEMPTS times in all.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import and_, or_, select, update

from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.reports.models import ReportKind, ReportRun, RunStatus
from vendorrisk.reports.renderers import RENDERERS

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


class Progress:
    """What a renderer tells the page: the total, rows done, the stage. Each call commits
    (the renderer holds plain data only, so nothing it needs is expired by that)."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id

    def _write(self, **values: Any) -> None:
        db.session.execute(update(ReportRun).where(ReportRun.id == self.run_id)
                           .values(heartbeat_at=utcnow(), **values))
        db.session.commit()

    def total(self, total: int) -> None:
        self._write(total=total, stage="reading")

    def __call__(self, done: int) -> None:
        self._write(done=done)

    def stage(self, stage: str) -> None:
        self._write(stage=stage)


def request_report(kind: ReportKind, params: dict[str, Any], *, language: str, actor: User,
                   now: datetime) -> ReportRun:
    """Queue a report for ``actor``; the scheduler renders it within seconds."""
    run = ReportRun(kind=kind, params=params, language=language, requested_by=actor,
                    requested_at=now, status=RunStatus.QUEUED, done=0, attempts=0)
    db.session.add(run)
    db.session.flush()
    record("report.requested", actor=actor, object_type="report_run", object_id=run.id,
           now=now, details={"kind": kind.value, "params": params, "language": language})
    return run


def _claim(now: datetime) -> int | None:
    """Take the oldest queued (or abandoned) run; None when there is none to take."""
    stale = now - timedelta(minutes=int(current_app.config["REPORT_STALE_MINUTES"]))
    waiting = or_(ReportRun.status == RunStatus.QUEUED,
                  and_(ReportRun.status == RunStatus.RUNNING, ReportRun.heartbeat_at < stale))
    for run_id, attempts in db.session.execute(
            select(ReportRun.id, ReportRun.attempts).where(waiting).order_by(ReportRun.id)
            .limit(5)).all():
        if attempts >= MAX_ATTEMPTS:
            db.session.execute(update(ReportRun).where(ReportRun.id == run_id).values(
                status=RunStatus.FAILED, finished_at=now,
                error="The rendering stopped without finishing, three times."))
            db.session.commit()
            continue
        taken = db.session.execute(
            update(ReportRun).where(ReportRun.id == run_id, ReportRun.attempts == attempts,
                                    waiting)
            .values(status=RunStatus.RUNNING, attempts=attempts + 1, started_at=now,
                    heartbeat_at=now, done=0, stage=None))
        db.session.commit()
        if taken.rowcount == 1:
            return run_id
    return None


def _render(run_id: int, now: datetime) -> None:
    run = db.session.get(ReportRun, run_id)
    try:
        data, filename = RENDERERS[run.kind](run, Progress(run_id), now)
        sha256 = storage().put(data)
    except Exception as error:  # recorded on the run for its requester; not retried
        db.session.rollback()
        log.exception("Report run %s failed", run_id)
        db.session.execute(update(ReportRun).where(ReportRun.id == run_id).values(
            status=RunStatus.FAILED, finished_at=utcnow(),
            error=f"{type(error).__name__}: {error}"[:2000]))
        db.session.commit()
        return
    run = db.session.get(ReportRun, run_id)
    run.status, run.stage, run.finished_at = RunStatus.READY, None, utcnow()
    run.file_sha256, run.filename, run.size = sha256, filename, len(data)
    record("report.generated", actor=None, actor_label="scheduler", object_type="report_run",
           object_id=run_id, now=run.finished_at,
           details={"kind": run.kind.value, "sha256": sha256, "bytes": len(data)})
    db.session.commit()


def render_queued(now: datetime, *, limit: int = 20) -> int:
    """Render waiting runs, oldest first, up to ``limit``; return how many were taken."""
    taken = 0
    while taken < limit and (run_id := _claim(now)) is not None:
        _render(run_id, now)
        taken += 1
    return taken
