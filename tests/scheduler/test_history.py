"""The scheduler's history keeps what happened: a run it started that found nothing to do
is counted on its job's idle row ("runs with nothing to do since <time>: N"), not listed
as a row a minute saying "delivered 0"."""

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select

from tests.helpers import page_text
from vendorrisk.auth.models import Role, User
from vendorrisk.edges.scheduler.history import IDLE_RUNS, did_nothing
from vendorrisk.edges.scheduler.wiring import configure
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.templating import format_datetime
from vendorrisk.notifications.services import queue_email
from vendorrisk.supervision.models import JobRun, RunOutcome
from vendorrisk.supervision.runner import DAILY
from vendorrisk.supervision.triggers import OVERLAP, _since
from vendorrisk.vendors.models import Vendor


def _run(app, job_id: str) -> None:
    """What the scheduler does when job ``job_id`` is due (its wiring, called)."""
    job = configure(BackgroundScheduler(timezone="UTC"), app).get_job(job_id)
    job.func(*job.args)


def _rows(app, job: str = "outbox") -> list[dict]:
    with app.app_context():
        return [run.counts for run in db.session.scalars(
            select(JobRun).where(JobRun.job == job).order_by(JobRun.id))]


def _queue_one(app, vendor_id: int, user_id: int) -> None:
    with app.app_context():
        vendor = db.session.get(Vendor, vendor_id)
        queue_email("owner_changed", recipient="owner@example.com", language="en",
                    context={"role": "current", "user": db.session.get(User, user_id),
                             "actor": None, "vendor": vendor, "when": utcnow(),
                             "base_url": "http://127.0.0.1"},
                    object_type="vendor", object_id=vendor.id, now=utcnow())
        db.session.commit()


def test_empty_outbox_runs_are_counted_on_one_row(app, smtp_server, make_vendor, make_user):
    for _ in range(3):
        _run(app, "outbox")
    assert _rows(app) == [{IDLE_RUNS: 3}]
    with app.app_context():
        idle = db.session.scalars(select(JobRun).where(JobRun.job == "outbox")).one()
        assert idle.outcome == RunOutcome.OK
        assert idle.finished_at >= idle.started_at  # the first run's start, the last's end

    _queue_one(app, make_vendor().id, make_user().id)
    _run(app, "outbox")  # this one delivers: a row of its own
    _run(app, "outbox")  # and the next idle stretch begins
    assert _rows(app) == [{IDLE_RUNS: 3}, {"delivered": 1, "retrying": 0, "failed": 0},
                          {IDLE_RUNS: 1}]
    assert len(smtp_server.messages) == 1


def test_a_daily_sweep_with_nothing_due_leaves_one_idle_row_per_job(app):
    _run(app, "daily")
    _run(app, "daily")
    for job in (*DAILY, "outbox"):
        assert _rows(app, job) == [{IDLE_RUNS: 2}], job


def test_a_run_someone_asked_for_stays_in_the_history(app, client, auth):
    auth.login_as(Role.ADMIN)
    assert client.post("/supervision/run/outbox").status_code == 302
    assert _rows(app) == [{"delivered": 0, "retrying": 0, "failed": 0}]
    _run(app, "outbox")  # the scheduler's own empty run starts a stretch beside it
    assert _rows(app) == [{"delivered": 0, "retrying": 0, "failed": 0}, {IDLE_RUNS: 1}]


def test_only_a_run_that_ended_well_with_nothing_counted_did_nothing():
    def run(outcome, counts):  # noqa: ANN001, ANN202
        return JobRun(job="outbox", outcome=outcome, counts=counts)
    assert did_nothing(run(RunOutcome.OK, {"delivered": 0, "failed": 0}))
    assert did_nothing(run(RunOutcome.OK, {}))
    assert not did_nothing(run(RunOutcome.OK, {"delivered": 0, "failed": 1}))
    assert not did_nothing(run(RunOutcome.FAILED, {}))
    assert not did_nothing(run(RunOutcome.RUNNING, {}))
    assert not did_nothing(run(RunOutcome.OK, {IDLE_RUNS: 4}))


def test_the_page_says_how_many_runs_had_nothing_to_do_and_since_when(app, client, auth):
    for _ in range(4):
        _run(app, "outbox")
    with app.app_context():
        idle = db.session.scalars(select(JobRun).where(JobRun.job == "outbox")).one()
        since, last = format_datetime(idle.started_at), format_datetime(idle.finished_at)
    auth.login_as(Role.ADMIN)
    page = page_text(client.get("/supervision/"))
    assert f"Runs with nothing to do since {since}: 4 (the last at {last})" in page
    assert "delivered 0" not in page


def test_triggers_read_on_from_the_last_idle_run_not_the_first(app):
    _run(app, "daily")
    _run(app, "daily")
    with app.app_context():
        idle = db.session.scalars(select(JobRun).where(JobRun.job == "triggers")).one()
        assert idle.counts == {IDLE_RUNS: 2}
        assert _since(utcnow()) == idle.finished_at - OVERLAP
