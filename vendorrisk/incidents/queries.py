"""The incident and request lists, and the rows of their exports."""

from collections.abc import Iterator

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.models import Incident
from vendorrisk.incidents.permissions import SEES_ALL
from vendorrisk.incidents.vocabulary import IncidentStatus
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


INCIDENT_HEADERS = ["id", "vendor", "status", "source", "reported_by", "occurred_at",
                    "notified_at", "aware_at", "reportable", "reasons", "individuals",
                    "categories", "preliminary_due", "preliminary_reported_at", "final_due",
                    "final_reported_at", "closed_at", "overview", "cause",
                    "recurrence_prevention"]


def iso(value: object) -> str:
    return value.isoformat() if value else ""


def incident_rows(statement: Select) -> Iterator[list[object]]:
    for incident in db.session.scalars(statement).unique():
        yield [incident.id, incident.vendor.legal_name, label(incident.status),
               label(incident.source), incident.reporter_name, iso(incident.occurred_at),
               iso(incident.notified_at), iso(incident.aware_at),
               "yes" if incident.reportable else "no", " ".join(incident.reasons),
               "" if incident.individuals is None else incident.individuals,
               " ".join(incident.categories), iso(incident.preliminary_due),
               iso(incident.preliminary_reported_at), iso(incident.final_due),
               iso(incident.final_reported_at), iso(incident.closed_at),
               incident.overview, incident.cause, incident.recurrence_prevention]


