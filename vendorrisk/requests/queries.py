"""The list of individuals' requests and the rows of its exports."""

from collections.abc import Iterator

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.queries import iso
from vendorrisk.requests.models import DataRequest, DataRequestTask
from vendorrisk.requests.vocabulary import RequestStatus
from vendorrisk.vendors.labels import label


def requests_list(status: str = "") -> Select:
    statement = select(DataRequest).order_by(DataRequest.received_on.desc(),
                                             DataRequest.id.desc())
    if status in {item.value for item in RequestStatus}:
        statement = statement.where(DataRequest.status == status)
    return statement


REQUEST_HEADERS = ["request_id", "reference", "kind", "categories", "received_on", "due_on",
                   "request_status", "vendor", "sent_to", "sent_at", "outcome",
                   "answered_by", "answered_at", "note", "evidence_sha256"]


def request_rows(statement: Select) -> Iterator[list[object]]:
    """One row per consignee task (a request without any has one row of its own)."""
    for request in db.session.scalars(statement.options(
            joinedload(DataRequest.tasks).joinedload(DataRequestTask.vendor))).unique():
        head = [request.id, request.reference, label(request.kind),
                " ".join(request.categories), iso(request.received_on),
                iso(request.due_on), label(request.status)]
        for task in request.tasks or [None]:
            yield head + ([task.vendor.legal_name, task.email or "", iso(task.sent_at),
                           label(task.outcome), task.answered_by_name or "",
                           iso(task.answered_at), task.note or "",
                           task.evidence_sha256 or ""] if task else [""] * 8)
