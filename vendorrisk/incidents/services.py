"""Recording consignee incidents (R14): the report, from the vendor's link or by staff;
its evaluation (reportability.py) kept on the row; the timeline both sides write; the
reports made to the PPC; closing. Each function audits; the caller commits."""

from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, RoleGrant, User
from vendorrisk.foundation.errors import Conflict, Problems, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.locking import hold
from vendorrisk.incidents.models import NINE_ITEMS, Incident, IncidentUpdate
from vendorrisk.incidents.reportability import (
    Evaluation,
    evaluate,
    facts_for,
    late_notice,
    policy_from,
)
from vendorrisk.incidents.vocabulary import IncidentSource, IncidentStatus
from vendorrisk.notifications.services import notify_people
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import DataCategory

TEXT_ITEMS = tuple(item for item in NINE_ITEMS if item != "individuals")
MAX_TEXT = 10_000


@dataclass(frozen=True, kw_only=True)
class IncidentInput:
    """What a report says; a first report may say little more than what happened.
    ``notified_at`` and ``aware_at`` are given by staff only: a report through the link
    is the notification, and the company knows from then."""

    reporter_name: str
    overview: str
    reporter_contact: str = ""
    occurred_at: datetime | None = None
    consignee_aware_at: datetime | None = None
    categories: tuple[str, ...] = ()
    special_care: bool = False
    financial_damage_risk: bool = False
    wrongful_purpose: bool = False
    individuals: int | None = None
    data_items: str = ""
    cause: str = ""
    secondary_damage: str = ""
    response_to_individuals: str = ""
    public_announcement: str = ""
    recurrence_prevention: str = ""
    other: str = ""
    notified_at: datetime | None = None
    aware_at: datetime | None = None


EDITABLE = tuple(field.name for field in fields(IncidentInput))


def _checked(data: IncidentInput, now: datetime) -> IncidentInput:
    """``data`` with its text trimmed; ValidationErrors naming every wrong field at once."""
    problems = Problems()
    if not data.reporter_name.strip():
        problems.add(_("Give the name of the person reporting."), "reporter_name")
    if not data.overview.strip():
        problems.add(_("Say what happened (the overview)."), "overview")
    unknown = set(data.categories) - {category.value for category in DataCategory}
    if unknown:
        problems.add(_("Unknown data category: %(names)s.", names=", ".join(sorted(unknown))),
                     "categories")
    if data.individuals is not None and not 0 <= data.individuals <= 10**10:
        problems.add(_("Give the number of people possibly affected (0 or more)."),
                     "individuals")
    for name in ("occurred_at", "consignee_aware_at", "notified_at", "aware_at"):
        value = getattr(data, name)
        if value is not None and value > now:
            problems.add(_("This time is in the future."), name)
    if (data.consignee_aware_at and data.notified_at
            and data.notified_at < data.consignee_aware_at):
        problems.add(_("The consignee cannot have told us before it knew."), "notified_at")
    for name in TEXT_ITEMS:
        if len(getattr(data, name)) > MAX_TEXT:
            problems.add(_("Keep this under %(count)d characters.", count=MAX_TEXT), name)
    problems.raise_any()
    return replace(data, reporter_name=data.reporter_name.strip()[:200],
                   reporter_contact=data.reporter_contact.strip()[:254],
                   categories=tuple(sorted(set(data.categories))),
                   **{name: getattr(data, name).strip() for name in TEXT_ITEMS})


def notice_delay_of(incident: Incident) -> timedelta | None:
    """How late the consignee told us, beyond its contract's hours (None: in time)."""
    return late_notice(incident.consignee_aware_at, incident.notified_at,
                       policy_from(current_app.config))


def evaluation_of(incident: Incident) -> Evaluation:
    """The incident's evaluation under the current settings."""
    return evaluate(facts_for(
        incident.categories, special_care=incident.special_care,
        financial_damage_risk=incident.financial_damage_risk,
        wrongful_purpose=incident.wrongful_purpose, individuals=incident.individuals,
        aware_at=incident.aware_at), policy_from(current_app.config))


def _evaluate(incident: Incident) -> Evaluation:
    result = evaluation_of(incident)
    incident.reportable = result.reportable
    incident.reasons = [reason.value for reason in result.reasons]
    incident.warn_on = result.warn_on
    incident.preliminary_due, incident.final_due = result.preliminary_due, result.final_due
    return result


def report_incident(vendor: Vendor, data: IncidentInput, *, actor: User | None,
                    now: datetime) -> Incident:
    """A new incident at ``vendor``: through its link (``actor`` None) or recorded by
    staff. It is evaluated, the approvers and the vendor's owner are e-mailed, and the
    audit event makes the scheduler open a triggered reassessment."""
    data = _checked(data, now)
    notified_at = (data.notified_at or now) if actor else now
    incident = Incident(
        vendor_id=vendor.id, vendor=vendor, status=IncidentStatus.OPEN,
        source=IncidentSource.STAFF if actor else IncidentSource.VENDOR_LINK,
        notified_at=notified_at, aware_at=(data.aware_at or notified_at) if actor else now,
        recorded_by_id=actor.id if actor else None, created_at=now, updated_at=now,
        **{name: getattr(data, name) for name in EDITABLE
           if name not in ("notified_at", "aware_at")})
    incident.categories = list(data.categories)
    result = _evaluate(incident)
    db.session.add(incident)
    db.session.flush()
    record("incident.reported", actor=actor,
           actor_label=None if actor else f"{incident.reporter_name} (incident link)",
           object_type="incident", object_id=incident.id, now=now,
           details={"vendor_id": vendor.id, "source": incident.source.value,
                    "reportable": result.reportable, "reasons": incident.reasons,
                    "individuals": incident.individuals, "categories": incident.categories,
                    "aware_at": incident.aware_at.isoformat()})
    notify("incident_reported", incident, now=now)
    return incident


def update_incident(incident: Incident, data: IncidentInput, *, note: str, actor: User,
                    now: datetime) -> IncidentUpdate | None:
    """Staff correct or complete the report; each change lands in the timeline with its
    before and after, and the evaluation is made again. None when nothing changed."""
    _ensure_open(incident)
    data = _checked(data, now)
    changes: dict[str, list] = {}
    for name in EDITABLE:
        before, after = getattr(incident, name), getattr(data, name)
        if name == "categories":
            before, after = list(before), list(after)
        if name in ("notified_at", "aware_at") and after is None:
            continue  # left empty: unchanged
        if before != after:
            changes[name] = [_plain(before), _plain(after)]
            setattr(incident, name, after if name != "categories" else list(after))
    if not changes:
        return None
    was_reportable = incident.reportable
    _evaluate(incident)
    incident.updated_at = now
    entry = _add_entry(incident, body=note.strip()[:MAX_TEXT] or _("Report updated."),
                       actor=actor, shared=True, changes=changes, now=now)
    record("incident.updated", actor=actor, object_type="incident", object_id=incident.id,
           now=now, details={"changes": changes, "reportable": incident.reportable,
                             "reasons": incident.reasons})
    if incident.reportable and not was_reportable:
        notify("incident_reportable", incident, now=now)
    return entry


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def add_update(incident: Incident, body: str, *, actor: User | None, author_label: str,
               shared: bool, now: datetime) -> IncidentUpdate:
    """A timeline entry: from the vendor's link (``actor`` None; always shared) or from
    staff (``shared`` False keeps it from the vendor)."""
    _ensure_open(incident)
    if not body.strip():
        raise ValidationError(_("Write the update."), field="body")
    if len(body) > MAX_TEXT:
        raise ValidationError(_("Keep this under %(count)d characters.", count=MAX_TEXT),
                              field="body")
    entry = _add_entry(incident, body=body.strip(), actor=actor,
                       shared=shared or actor is None, now=now,
                       author_label=author_label if actor is None else None)
    incident.updated_at = now
    record("incident.update_added", actor=actor,
           actor_label=None if actor else f"{entry.author_label} (incident link)",
           object_type="incident", object_id=incident.id, now=now,
           details={"update_id": entry.id, "shared": entry.shared, "body": entry.body})
    return entry


def _add_entry(incident: Incident, *, body: str, actor: User | None, shared: bool,
               now: datetime, changes: dict | None = None,
               author_label: str | None = None) -> IncidentUpdate:
    label = actor.name if actor else (author_label or "").strip()[:200]
    if actor is None and not label:
        raise ValidationError(_("Give your name."), field="author")
    entry = IncidentUpdate(incident=incident, at=now, author_id=actor.id if actor else None,
                           author_label=label, from_vendor=actor is None, shared=shared,
                           body=body, changes=changes)
    db.session.add(entry)
    db.session.flush()
    return entry


REPORTS = ("preliminary", "final")


def mark_reported(incident: Incident, which: str, *, reported_at: datetime | None,
                  actor: User, now: datetime) -> None:
    """Record that the preliminary or final report went to the PPC (reminders stop)."""
    _ensure_open(incident)
    if which not in REPORTS:
        raise ValidationError(_("Say which report was made."), field="which")
    if not incident.reportable:
        raise Conflict(_("This incident is not reportable; there is no report to record."))
    if reported_at is None or reported_at > now:
        raise ValidationError(_("Give when the report was made (not in the future)."),
                              field="reported_at")
    if reported_at < incident.aware_at:
        raise ValidationError(_("The report cannot precede the day we became aware."),
                              field="reported_at")
    column = f"{which}_reported_at"
    if getattr(incident, column) is not None:
        raise Conflict(_("That report is already recorded."))
    if which == "final" and incident.preliminary_reported_at is None:
        incident.preliminary_reported_at = reported_at  # a final report covers both
    setattr(incident, column, reported_at)
    incident.updated_at = now
    db.session.flush()
    record(f"incident.{which}_reported", actor=actor, object_type="incident",
           object_id=incident.id, now=now, details={"reported_at": reported_at.isoformat()})


def close_incident(incident: Incident, *, note: str, actor: User, now: datetime) -> None:
    """Closed with a note; a reportable one only once its final report is recorded."""
    _ensure_open(incident)
    if not note.strip():
        raise ValidationError(_("Say how the incident was resolved."), field="note")
    if incident.reportable and incident.final_reported_at is None:
        raise Conflict(_("Record the final report to the PPC before closing this "
                         "incident."))
    incident.status, incident.closed_at = IncidentStatus.CLOSED, now
    incident.close_note, incident.updated_at = note.strip()[:MAX_TEXT], now
    db.session.flush()
    record("incident.closed", actor=actor, object_type="incident", object_id=incident.id,
           now=now, details={"note": incident.close_note})


def _ensure_open(incident: Incident) -> None:
    hold(incident)  # two editors act one after the other
    if incident.status == IncidentStatus.CLOSED:
        raise Conflict(_("This incident is closed; nothing about it changes any more."))


def responsible_people(vendor: Vendor) -> list[User]:
    """Who hears of a vendor's incident: every active approver (the personal-information
    protection manager) and the vendor's owner."""
    approvers = db.session.scalars(select(User).where(
        User.active.is_(True), User.role_grants.any(RoleGrant.role == Role.APPROVER))
        .order_by(User.id)).all()
    people = {person.id: person for person in approvers}
    if vendor.owner is not None and vendor.owner.active:
        people.setdefault(vendor.owner.id, vendor.owner)
    return list(people.values())


def notify(notice: str, incident: Incident, *, now: datetime, **context: object) -> int:
    """E-mail the responsible people about ``incident``; return how many."""
    return notify_people(notice, responsible_people(incident.vendor), now=now,
                         context={"incident": incident, "vendor": incident.vendor, **context},
                         object_type="incident", object_id=incident.id,
                         template="incident_notice")
