"""APScheduler 3 wiring: the daily sweep at a set time (and once at start, so a scheduler
that was down catches up once), the outbox every few minutes, queued reports every few
seconds. Only `vendorrisk scheduler` or the single-process demo/serve start it; web
workers never do."""

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from vendorrisk.edges.scheduler.history import fold_idle
from vendorrisk.foundation.clock import utcnow
from vendorrisk.reports.queue import render_queued
from vendorrisk.supervision.runner import run_daily, run_job


def _daily(app: Flask) -> None:
    with app.app_context():
        for run in run_daily(utcnow()):
            fold_idle(run)  # a job with nothing to do is counted, not listed


def _outbox(app: Flask) -> None:
    with app.app_context():
        fold_idle(run_job("outbox", utcnow()))  # "delivered 0" each minute: counted


def _reports(app: Flask) -> None:
    with app.app_context():
        render_queued(utcnow())


def configure(scheduler: BaseScheduler, app: Flask) -> BaseScheduler:
    """Add the jobs to ``scheduler`` (blocking or background) for ``app``."""
    # Every run is recorded in job_runs; APScheduler's own chatter is only for trouble.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    hour, minute = (int(part) for part in str(app.config["SCHEDULER_DAILY_AT"]).split(":"))
    # coalesce + one instance: runs missed while the process was down collapse into one.
    options = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
    scheduler.add_job(_daily, CronTrigger(hour=hour, minute=minute, timezone=UTC),
                      args=[app], id="daily", next_run_time=datetime.now(UTC), **options)
    scheduler.add_job(_outbox, IntervalTrigger(
        minutes=int(app.config["SCHEDULER_OUTBOX_MINUTES"]), timezone=UTC),
        args=[app], id="outbox", **options)
    # Large reports render here, never in a web worker; the run row records each.
    scheduler.add_job(_reports, IntervalTrigger(
        seconds=int(app.config["SCHEDULER_REPORTS_SECONDS"]), timezone=UTC),
        args=[app], id="reports", **options)
    return scheduler
