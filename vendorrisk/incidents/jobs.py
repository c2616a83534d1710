"""The scheduler's incident job: reminders of the PPC deadlines of reportable incidents
(the preliminary report on its warning day and once overdue; the final report as many
days ahead and once overdue), and escalation of consignees that have not answered an
individual's request by its due date. Each goes out once (ledger keys naming the due
date, so a changed deadline is reminded afresh)."""

from collections import Counter
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from vendorrisk.clock import JAPAN
from vendorrisk.extensions import db
from vendorrisk.incidents.models import DataRequest, DataRequestTask, Incident
from vendorrisk.incidents.reportability import policy_from
from vendorrisk.incidents.services import notify, responsible_people
from vendorrisk.incidents.vocabulary import IncidentStatus, RequestStatus, TaskOutcome
from vendorrisk.notifications.services import queue_email
from vendorrisk.supervision.ledger import claim
from vendorrisk.supervision.notices import notify_people


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
    _overdue_tasks(now, counts)
    return dict(counts)


def _overdue_tasks(now: datetime, counts: Counter) -> None:
    """A consignee that has not answered by the due date: it is reminded, and the
    request's author and the approvers hear of it, once."""
    tasks = db.session.scalars(select(DataRequestTask).join(DataRequest).where(
        DataRequest.status == RequestStatus.OPEN, DataRequest.due_on < now.date(),
        DataRequestTask.outcome == TaskOutcome.PENDING).order_by(DataRequestTask.id))
    for task in tasks:
        if not claim(f"request-task:{task.id}:overdue:{task.request.due_on}",
                     job="incidents", now=now):
            continue
        if task.email:
            queue_email("request_overdue", recipient=task.email,
                        language=_language_of(task),
                        context={"vendor": task.vendor, "request": task.request,
                                 "sent_at": task.sent_at,
                                 "company": current_app.config["COMPANY_NAME"]},
                        object_type="data_request", object_id=task.request_id, now=now)
        people = responsible_people(task.vendor)
        if task.request.created_by and task.request.created_by.active and all(
                person.id != task.request.created_by_id for person in people):
            people.append(task.request.created_by)
        notify_people("request_task_overdue", people, now=now,
                      context={"vendor": task.vendor, "request": task.request, "task": task},
                      object_type="data_request", object_id=task.request_id,
                      template="incident_notice")
        counts["request_tasks_overdue"] += 1


def _language_of(task: DataRequestTask) -> str:
    contact = next((contact for contact in task.vendor.contacts
                    if contact.email == task.email), None)
    return contact.language.value if contact else "en"
