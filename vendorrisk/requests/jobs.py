"""Escalation of consignees that have not answered an individual's request by its due
date, once each (ledger keys naming the due date). Part of the scheduler's "incidents" job
(supervision/runner.py)."""

from collections import Counter
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim
from vendorrisk.incidents.services import responsible_people
from vendorrisk.notifications.services import notify_people, queue_email
from vendorrisk.requests.models import DataRequest, DataRequestTask
from vendorrisk.requests.vocabulary import RequestStatus, TaskOutcome


def request_deadlines(now: datetime) -> dict[str, int]:
    counts: Counter = Counter()
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
