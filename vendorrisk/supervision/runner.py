"""Running one job: one transaction for its work, a JobRun row for the record (written
before and after, so a run that is still going, or that died, shows too)."""

import logging
from datetime import datetime

from vendorrisk.contracts.renewal import open_renewal_reviews
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.jobs import incident_deadlines
from vendorrisk.notifications.digest import send_digests
from vendorrisk.requests.jobs import request_deadlines
from vendorrisk.supervision.audit_anchor import anchor_audit_log
from vendorrisk.supervision.audits_due import remind_audits
from vendorrisk.supervision.jobs import (
    Job,
    create_due_reviews,
    deliver_outbox,
    remind_respondents,
    request_handling_reports,
)
from vendorrisk.supervision.models import JobRun, RunOutcome
from vendorrisk.supervision.notices import send_due_notices
from vendorrisk.supervision.onboarding_plan import send_onboarding
from vendorrisk.supervision.retention import dispose_expired
from vendorrisk.supervision.review_actions import remind_review_actions
from vendorrisk.supervision.standard_reviews import remind_standard_reviews
from vendorrisk.supervision.triggers import open_triggered_reviews

log = logging.getLogger(__name__)


def incident_and_request_deadlines(now: datetime) -> dict[str, int]:
    """The "incidents" job: the PPC deadlines of incidents, then requests' overdue tasks."""
    return {**incident_deadlines(now), **request_deadlines(now)}


JOBS: dict[str, Job] = {
    "outbox": deliver_outbox,
    "reviews": create_due_reviews,
    "triggers": open_triggered_reviews,
    "reports": request_handling_reports,
    "reminders": remind_respondents,
    "notices": send_due_notices,
    "incidents": incident_and_request_deadlines,
    "onboarding": send_onboarding,
    "contract_reviews": open_renewal_reviews,  # a renewal's checklist, confirmed again
    "standard_reviews": remind_standard_reviews,  # approvers: a standard's review is due
    "digests": send_digests,  # hand-off notices of those who take them once a day
    "audit_anchor": anchor_audit_log,  # the audit log's head, kept outside the database
    "review_actions": remind_review_actions,  # owners of management review actions
    "retention": dispose_expired,  # what is past its retention period
    "audits": remind_audits,  # tier-1 consignees' audits, by the programme
}
# Onboarding runs daily but sends at most the week's capacity (onboarding_plan.py).
DAILY = ("reviews", "triggers", "reports", "reminders", "notices", "incidents", "onboarding",
         "contract_reviews", "standard_reviews", "digests", "review_actions", "retention",
         "audits", "audit_anchor")


def run_job(name: str, now: datetime, *, started_by: str = "scheduler") -> JobRun:
    """Run job ``name`` as of ``now``; commit its work or none of it; return the run."""
    job = JOBS[name]
    run = JobRun(job=name, started_at=utcnow(), outcome=RunOutcome.RUNNING, counts={},
                 started_by=started_by[:120])
    db.session.add(run)
    db.session.commit()
    run_id = run.id
    try:
        counts = job(now)
        db.session.commit()
    except Exception as error:  # the run is recorded as failed; the next run tries again
        db.session.rollback()
        log.exception("Job %s failed", name)
        run = db.session.get(JobRun, run_id)
        run.outcome, run.error = RunOutcome.FAILED, f"{type(error).__name__}: {error}"[:4000]
    else:
        run = db.session.get(JobRun, run_id)
        run.outcome, run.counts = RunOutcome.OK, counts
    run.finished_at = utcnow()
    db.session.commit()
    return run


def run_daily(now: datetime, *, started_by: str = "scheduler") -> list[JobRun]:
    """The daily sweep: every daily job, then the outbox, each in its own transaction."""
    return [run_job(name, now, started_by=started_by) for name in (*DAILY, "outbox")]
