"""Individuals' requests (R18, APPI Art. 33–35): a request names the data categories it
concerns; every consignee whose data profile holds one of them gets a task through its
own link and confirms it (done, not held, or refused with a reason, with evidence). The
request closes when the last consignee has answered. Each function audits; the caller
commits."""

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.assessments.evidence import check_file
from vendorrisk.assessments.links import (
    find_resent_link,
    link_expiry,
    new_token,
    refuse_expired,
)
from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.foundation.clock import people_today
from vendorrisk.foundation.errors import Conflict, NotFound, Problems, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.locking import hold
from vendorrisk.foundation.storage import storage
from vendorrisk.incidents.vocabulary import HOLDING
from vendorrisk.notifications.services import queue_email
from vendorrisk.requests.models import DataRequest, DataRequestTask
from vendorrisk.requests.vocabulary import ANSWERED, RequestKind, RequestStatus, TaskOutcome
from vendorrisk.vendors.models import Vendor, VendorCategory, VendorContact
from vendorrisk.vendors.vocabulary import DataCategory

MAX_TEXT = 5000


@dataclass(frozen=True)
class RequestInput:
    kind: str
    reference: str
    subject: str  # what lets a consignee find the person's records
    details: str
    categories: tuple[str, ...]
    received_on: date | None
    due_on: date | None


def holding_vendors(categories: tuple[str, ...]) -> list[Vendor]:
    """The consignees that hold our data and whose profile has any of ``categories``."""
    return list(db.session.scalars(
        select(Vendor).where(Vendor.status.in_(HOLDING), Vendor.category_rows.any(
            VendorCategory.category.in_([DataCategory(name) for name in categories])))
        .order_by(Vendor.sort_name, Vendor.id)))


def _checked(data: RequestInput, now: datetime) -> RequestInput:
    """Every input checked at once. A day received is to come only after today where the
    people are (the display time zone); a due day has passed only before today in UTC
    too: either reading of "today" is accepted, never refused."""
    latest, earliest = people_today(now), now.date()
    problems = Problems()
    if data.kind not in {kind.value for kind in RequestKind}:
        problems.add(_("Choose what the person asks for."), "kind")
    if not data.reference.strip():
        problems.add(_("Give the case number of the request."), "reference")
    if not data.subject.strip():
        problems.add(_("Say how a consignee can find the person's records (a customer or "
                       "employee number)."), "subject")
    if not data.categories:
        problems.add(_("Tick the kinds of data the request concerns."), "categories")
    unknown = set(data.categories) - {category.value for category in DataCategory}
    if unknown:
        problems.add(_("Unknown data category: %(names)s.", names=", ".join(sorted(unknown))),
                     "categories")
    if data.received_on is None or data.received_on > latest:
        problems.add(_("Give the day the request was received (not in the future)."),
                     "received_on")
    if data.due_on is None or data.due_on < min(latest, earliest):
        problems.add(_("Give the day the consignees must answer by (today or later)."),
                     "due_on")
    for name in ("subject", "details"):
        if len(getattr(data, name)) > MAX_TEXT:
            problems.add(_("Keep this under %(count)d characters.", count=MAX_TEXT), name)
    problems.raise_any()
    return data


def create_request(data: RequestInput, *, actor: User, now: datetime) -> DataRequest:
    """Record the request and send a task to each holding consignee's primary contact
    (one without a contact waits for staff to choose one)."""
    data = _checked(data, now)
    request = DataRequest(
        kind=RequestKind(data.kind), reference=data.reference.strip()[:120],
        subject=data.subject.strip(), details=data.details.strip(),
        categories=sorted(set(data.categories)), received_on=data.received_on,
        due_on=data.due_on, status=RequestStatus.OPEN, created_by_id=actor.id,
        created_at=now)
    db.session.add(request)
    vendors = holding_vendors(tuple(request.categories))
    for vendor in vendors:
        request.tasks.append(DataRequestTask(vendor=vendor, outcome=TaskOutcome.PENDING))
    db.session.flush()
    record("data_request.created", actor=actor, object_type="data_request",
           object_id=request.id, now=now,
           details={"kind": request.kind.value, "reference": request.reference,
                    "categories": request.categories, "due_on": request.due_on.isoformat(),
                    "vendors": [vendor.id for vendor in vendors]})
    for task in request.tasks:
        contact = task.vendor.primary_contact or next(iter(task.vendor.contacts), None)
        if contact is not None:
            send_task(task, contact, actor=actor, now=now)
    if not request.tasks:
        _close(request, actor=actor, now=now)  # nobody holds it: nothing to wait for
    return request


def task_url(token: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/portal/requests/{token}"


def send_task(task: DataRequestTask, contact: VendorContact, *, actor: User,
              now: datetime) -> str:
    """E-mail ``contact`` a fresh link to the task (an earlier one stops working)."""
    _ensure_pending(task)
    if contact.vendor_id != task.vendor_id:
        raise NotFound(_("There is no such contact."))
    token, task.token_hash = new_token()
    task.email, task.sent_at = contact.email, now
    task.expires_at = link_expiry(max(task.request.due_on, now.date()), now)
    url = task_url(token)
    queue_email("request_task", recipient=contact.email, language=contact.language.value,
                context={"contact": contact, "vendor": task.vendor, "request": task.request,
                         "url": url, "company": current_app.config["COMPANY_NAME"]},
                object_type="data_request", object_id=task.request_id, now=now,
                sent_by_id=actor.id)
    db.session.flush()
    record("data_request.task_sent", actor=actor, object_type="data_request",
           object_id=task.request_id, now=now,
           details={"task_id": task.id, "vendor_id": task.vendor_id, "to": contact.email})
    return url


def resolve_task_link(token: str, now: datetime, *, for_change: bool = False
                      ) -> DataRequestTask:
    """The task of a live link. An answered task's link still shows the answer."""
    task = find_resent_link(DataRequestTask.token_hash, token, for_change=for_change)
    if task.outcome == TaskOutcome.PENDING:
        refuse_expired(task.expires_at, now)
    return task


@dataclass(frozen=True)
class TaskAnswer:
    outcome: str
    note: str
    answered_by_name: str
    filename: str = ""
    data: bytes = b""


def answer_task(task: DataRequestTask, answer: TaskAnswer, *, actor: User | None,
                now: datetime) -> None:
    """The consignee's confirmation, through its link (``actor`` None) or recorded by
    staff; the request closes with its last answer."""
    _ensure_pending(task)
    if answer.outcome not in {outcome.value for outcome in ANSWERED}:
        raise ValidationError(_("Choose what was done."), field="outcome")
    if not answer.answered_by_name.strip():
        raise ValidationError(_("Give the name of the person confirming."),
                              field="answered_by_name")
    if answer.outcome != TaskOutcome.NOT_HELD and not answer.note.strip():
        raise ValidationError(_("Say why the request is refused.")
                              if answer.outcome == TaskOutcome.REFUSED
                              else _("Say what was done and when."), field="note")
    if len(answer.note) > MAX_TEXT:
        raise ValidationError(_("Keep this under %(count)d characters.", count=MAX_TEXT),
                              field="note")
    if answer.filename or answer.data:
        checked = check_file(answer.filename, answer.data, field="file")
        task.evidence_sha256 = storage().put(answer.data)
        task.evidence_filename, task.evidence_content_type = checked.name, checked.mime
        task.evidence_size = len(answer.data)
    task.outcome = TaskOutcome(answer.outcome)
    task.note = answer.note.strip() or None
    task.answered_by_name = answer.answered_by_name.strip()[:200]
    task.answered_at, task.recorded_by_id = now, actor.id if actor else None
    db.session.flush()
    record("data_request.task_answered", actor=actor,
           actor_label=None if actor else f"{task.answered_by_name} (request link)",
           object_type="data_request", object_id=task.request_id, now=now,
           details={"task_id": task.id, "vendor_id": task.vendor_id,
                    "outcome": task.outcome.value, "note": task.note,
                    "evidence_sha256": task.evidence_sha256})
    request = task.request
    if all(item.outcome in ANSWERED for item in request.tasks):
        _close(request, actor=actor, now=now)


def _close(request: DataRequest, *, actor: User | None, now: datetime) -> None:
    request.status, request.closed_at = RequestStatus.CLOSED, now
    db.session.flush()
    record("data_request.closed", actor=actor,
           actor_label=None if actor else "the last consignee's answer",
           object_type="data_request", object_id=request.id, now=now,
           details={"outcomes": {str(task.vendor_id): task.outcome.value
                                 for task in request.tasks}})


def _ensure_pending(task: DataRequestTask) -> None:
    hold(task.request)  # the last two answers cannot both miss closing the request
    db.session.refresh(task)
    if task.request.status == RequestStatus.CLOSED:
        raise Conflict(_("This request is closed; nothing about it changes any more."))
    if task.outcome != TaskOutcome.PENDING:
        raise Conflict(_("This task has been answered already."))
