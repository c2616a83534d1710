"""The dashboard's recent activity in words: each audit event's action by its label and
its subject by name ("Minato Print & Mail Inc.", "Assessment 4 · Sakura Contact Center"),
with a link where the reader has a page for it; never ``user.login`` or ``vendor 6``."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from vendorrisk.assessments.models import Assessment
from vendorrisk.audit.labels import action_label, object_label
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import User
from vendorrisk.contracts.models import Contract, Termination
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.models import Incident
from vendorrisk.vendors.models import Vendor

# object type → the page that shows it (endpoint, its id argument)
PAGES = {"vendor": ("vendors.show", "vendor_id"),
         "assessment": ("assessments.show", "assessment_id"),
         "contract": ("contracts.show", "contract_id"),
         "incident": ("incidents.show", "incident_id"),
         "data_request": ("incidents.request_page", "request_id"),
         "termination": ("contracts.termination", "termination_id")}


@dataclass(frozen=True)
class ActivityLine:
    occurred_at: datetime
    actor: str
    action: str
    subject: str
    endpoint: str | None = None
    arguments: dict | None = None


def subject_name(object_type: str, object_id: str) -> str:
    """The audited object by name, or its kind and number when it has none (or is gone)."""
    number = int(object_id) if object_id.isdigit() else None
    named = {"vendor": (Vendor, lambda row: row.legal_name),
             "assessment": (Assessment, lambda row: _(
                 "Assessment %(id)s · %(vendor)s", id=row.id, vendor=row.vendor.legal_name)),
             "contract": (Contract, lambda row: f"{row.title} · {row.vendor.legal_name}"),
             "incident": (Incident, lambda row: _(
                 "Incident %(id)s · %(vendor)s", id=row.id, vendor=row.vendor.legal_name)),
             "termination": (Termination, lambda row: _(
                 "Termination · %(vendor)s", vendor=row.vendor.legal_name)),
             "user": (User, lambda row: row.name)}
    if number is not None and object_type in named:
        model, name = named[object_type]
        row = db.session.get(model, number)
        if row is not None:
            return name(row)
    return f"{object_label(object_type)} {object_id}".strip()


def activity_lines(events: list[AuditEvent]) -> list[ActivityLine]:
    """The events as the dashboard shows them."""
    lines = []
    for event in events:
        page = PAGES.get(event.object_type) if event.object_id.isdigit() else None
        lines.append(ActivityLine(
            event.occurred_at, event.actor_label, action_label(event.action),
            subject_name(event.object_type, event.object_id),
            page[0] if page else None,
            {page[1]: int(event.object_id)} if page else None))
    return lines
