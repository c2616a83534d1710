"""The scheduler's history without its idle chatter: a run the scheduler started that
found nothing to do (ended well, every count 0) is not kept as a row of its own; it is
counted on one row per job and idle stretch, "runs with nothing to do since <time>: N".
That row is a JobRun like any other (no table of its own): its ``started_at`` is the
first idle run's start, its ``finished_at`` the last one's end, and its counts hold
IDLE_RUNS. A run that did something, failed, or was started by a person stays a row."""

from sqlalchemy import select

from vendorrisk.foundation.extensions import db
from vendorrisk.supervision.models import JobRun, RunOutcome

IDLE_RUNS = "idle_runs"  # the counts key of a job's idle stretch


def did_nothing(run: JobRun) -> bool:
    """Ended well with nothing counted (no e-mail delivered, no review opened, ...)."""
    return (run.outcome == RunOutcome.OK and IDLE_RUNS not in run.counts
            and not any(value for value in run.counts.values()))


def fold_idle(run: JobRun) -> None:
    """Fold ``run`` into its job's idle stretch when it did nothing: the job's latest
    other row, if it is that stretch, counts one more and ends when ``run`` ended, and
    ``run``'s own row goes; otherwise ``run`` starts a stretch. Commits."""
    if not did_nothing(run):
        return
    latest = db.session.scalars(select(JobRun).where(JobRun.job == run.job,
                                                     JobRun.id != run.id)
                                .order_by(JobRun.id.desc()).limit(1)).first()
    if latest is not None and IDLE_RUNS in latest.counts:
        latest.counts = {IDLE_RUNS: int(latest.counts[IDLE_RUNS]) + 1}
        latest.finished_at = run.finished_at
        db.session.delete(run)
    else:
        run.counts = {IDLE_RUNS: 1}
    db.session.commit()
