"""The supervision page: upcoming reviews and reports, overdue work by age, the
scheduler's runs, and "run now" for admins (the same function the scheduler runs)."""

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.supervision import (
    bp,
    chain_exception_views,  # noqa: F401  (its routes)
)
from vendorrisk.supervision.labels import (
    JOB_LABELS,
    RUN_OUTCOME_LABELS,
    SKIP_LABELS,
    UPCOMING_LABELS,
    count_label,
    trigger_text,
)
from vendorrisk.supervision.onboarding_plan import backlog
from vendorrisk.supervision.queries import by_age, overdue, recent_runs, upcoming
from vendorrisk.supervision.runner import JOBS, run_job
from vendorrisk.supervision.triggers import recent_triggers
from vendorrisk.vendors.labels import pairs
from vendorrisk.vendors.vocabulary import Tier


@bp.get("/")
@require_role(*ALL_ROLES)
def index() -> ResponseReturnValue:
    now = utcnow()
    today = now.date()
    return render_template("supervision/index.html", today=today, upcoming=upcoming(today),
                           overdue=by_age(overdue(today)), runs=recent_runs(),
                           onboarding=backlog(now), skip_labels=SKIP_LABELS,
                           tiers=pairs(Tier),
                           jobs=JOBS, job_labels=JOB_LABELS, labels=UPCOMING_LABELS,
                           can_run=current_user.has_role(Role.ADMIN),
                           triggered=recent_triggers(), trigger_text=trigger_text,
                           count_label=count_label, run_outcome_labels=RUN_OUTCOME_LABELS)


@bp.post("/run/<job>")
@require_role(Role.ADMIN)
def run_now(job: str) -> ResponseReturnValue:
    if job not in JOBS:
        abort(404)
    run = run_job(job, utcnow(), started_by=current_user.email)
    if run.outcome.value == "ok":
        flash(_("%(job)s ran: %(counts)s", job=JOB_LABELS[job],
                counts=", ".join(f"{count_label(key)}: {value}"
                                 for key, value in sorted(run.counts.items()))
                or _("nothing to do")), "success")
    else:
        flash(_("%(job)s failed: %(error)s", job=JOB_LABELS[job], error=run.error), "danger")
    return redirect(url_for("supervision.index", _anchor="runs"))
