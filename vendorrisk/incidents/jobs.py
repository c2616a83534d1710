"""The scheduler's incident job: reminders of the PPC deadlines of reportable incidents
(the preliminary report on its warning day and once overdue; the final report as many
days ahead and once overdue). The same job escalates individuals' requests
(requests/jobs.py; supervision/runner.py runs both). Each goes out once (ledger keys naming the due
date, so a changed deadline is reminded afresh)."""

from collections import Counter
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from vendorrisk.foundation.clock import JAPAN
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim
from vendorrisk.incidents.models import Incident
from vendorrisk.incidents.reportability import policy_from
from vendorrisk.incidents.services import notify
from vendorrisk.incidents.vocabulary import IncidentStatus


def incident_deadlines(now: datetime) -> dict[str, int]:
    counts: Counter = Counter()
    policy = policy_from(current_app.config)
    ahead = timedelta(days=policy.preliminary_days - policy.warning_days)
    today = now.astimezone(JAPAN).date()
    incidents = db.session.scalars(select(Incident).where(
        Incident.status == IncidentStatus.OPEN, Incident.reportable.is_(True))
        .order_by(Incident.id))
    for incident in incidents:
        for which, due, warn_on in (
                ("preliminary", incident.preliminary_due, incident.warn_on),
                ("final", incident.final_due,
                 incident.final_due and incident.final_due.astimezone(JAPAN).date() - ahead)):
            if due is None or getattr(incident, f"{which}_reported_at") is not None:
                continue
            step = "overdue" if now > due else "due" if today >= warn_on else None
            key = f"incident:{incident.id}:{which}:{step}:{due.date()}"
            if step and claim(key, job="incidents", now=now):
                notify(f"{which}_{step}", incident, now=now,
                       due=due.astimezone(JAPAN))
                counts[f"{which}_{step}"] += 1
    return dict(counts)


