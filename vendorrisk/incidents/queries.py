"""The incident and request lists, and the rows of their exports."""

from collections.abc import Iterator

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.auth.models import User
from vendorrisk.extensions import db
from vendorrisk.incidents.models import DataRequest, DataRequestTask, Incident
from vendorrisk.incidents.permissions import SEES_ALL
from vendorrisk.incidents.vocabulary import IncidentStatus, RequestStatus
from vendorrisk.vendors.labels import label
from vendorrisk.vendors.models import Vendor


def incidents_for(user: User, *, status: str = "", vendor_id: int | None = None) -> Select:
    """The incidents ``user`` may see (procurement: of the vendors it owns), newest
    first."""
    statement = (select(Incident).join(Incident.vendor).options(joinedload(Incident.vendor))
                 .order_by(Incident.notified_at.desc(), Incident.id.desc()))
    if not user.has_role(*SEES_ALL):
        statement = statement.where(Vendor.owner_id == user.id)
    if status in {item.value for item in IncidentStatus}:
        statement = statement.where(Incident.status == status)
    if vendor_id:
        statement = statement.where(Incident.vendor_id == vendor_id)
    return statement


def reassessment_after(incident: Incident) -> Assessment | None:
    """The triggered reassessment of the incident's vendor opened since it was reported."""
    return db.session.scalar(select(Assessment).where(
        Assessment.vendor_id == incident.vendor_id,
        Assessment.kind == AssessmentKind.TRIGGERED,
        Assessment.created_at >= incident.created_at).order_by(Assessment.id))


def open_incident_count(vendor_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Incident).where(
        Incident.vendor_id == vendor_id, Incident.status == IncidentStatus.OPEN)) or 0


def vendor_incidents(vendor_id: int) -> list[Incident]:
    """All of one vendor's incidents, newest first (what its link shows)."""
    return list(db.session.scalars(select(Incident).where(
        Incident.vendor_id == vendor_id).order_by(Incident.id.desc())))


def requests_list(status: str = "") -> Select:
    statement = select(DataRequest).order_by(DataRequest.received_on.desc(),
                                             DataRequest.id.desc())
    if status in {item.value for item in RequestStatus}:
        statement = statement.where(DataRequest.status == status)
    return statement


INCIDENT_HEADERS = ["id", "vendor", "status", "source", "reported_by", "occurred_at",
                    "notified_at", "aware_at", "reportable", "reasons", "individuals",
                    "categories", "preliminary_due", "preliminary_reported_at", "final_due",
                    "final_reported_at", "closed_at", "overview", "cause",
                    "recurrence_prevention"]


def _iso(value: object) -> str:
    return value.isoformat() if value else ""


def incident_rows(statement: Select) -> Iterator[list[object]]:
    for incident in db.session.scalars(statement).unique():
        yield [incident.id, incident.vendor.legal_name, label(incident.status),
               label(incident.source), incident.reporter_name, _iso(incident.occurred_at),
               _iso(incident.notified_at), _iso(incident.aware_at),
               "yes" if incident.reportable else "no", " ".join(incident.reasons),
               "" if incident.individuals is None else incident.individuals,
               " ".join(incident.categories), _iso(incident.preliminary_due),
               _iso(incident.preliminary_reported_at), _iso(incident.final_due),
               _iso(incident.final_reported_at), _iso(incident.closed_at),
               incident.overview, incident.cause, incident.recurrence_prevention]


REQUEST_HEADERS = ["request_id", "reference", "kind", "categories", "received_on", "due_on",
                   "request_status", "vendor", "sent_to", "sent_at", "outcome",
                   "answered_by", "answered_at", "note", "evidence_sha256"]


def request_rows(statement: Select) -> Iterator[list[object]]:
    """One row per consignee task (a request without any has one row of its own)."""
    for request in db.session.scalars(statement.options(
            joinedload(DataRequest.tasks).joinedload(DataRequestTask.vendor))).unique():
        head = [request.id, request.reference, label(request.kind),
                " ".join(request.categories), _iso(request.received_on),
                _iso(request.due_on), label(request.status)]
        for task in request.tasks or [None]:
            yield head + ([task.vendor.legal_name, task.email or "", _iso(task.sent_at),
                           label(task.outcome), task.answered_by_name or "",
                           _iso(task.answered_at), task.note or "",
                           task.evidence_sha256 or ""] if task else [""] * 8)
