"""The "audits" job: the audit programme (review/audit_programme.py) reminds the privacy
officers (approvers) and the vendor's owner of a tier-1 consignee's audit 30 days before
it is due, and once when it is overdue. Recording the audit moves the due date, so the
once-key (vendor, due date, step) never fires twice for the same audit."""

from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload

from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim_all
from vendorrisk.notifications.handoffs import active_with_role
from vendorrisk.notifications.services import notify_people
from vendorrisk.review.audit_programme import (
    YEARLY_CATEGORIES,
    AuditDue,
    periodic_audit,
    tier_1_interval,
)
from vendorrisk.review.audit_queries import first_approval_at, last_audit_day
from vendorrisk.vendors.models import Vendor, VendorCategory
from vendorrisk.vendors.vocabulary import Tier, VendorStatus

AHEAD = timedelta(days=30)
SUPERVISED = (VendorStatus.APPROVED, VendorStatus.CONDITIONALLY_APPROVED)


def audits_due(today: date) -> list[tuple[Vendor, AuditDue]]:
    """Supervised tier-1 vendors whose audit is due within 30 days or overdue. One query
    reads each one's last audit, first approval and whether it is audited yearly; only
    the vendors due are loaded."""
    yearly = exists().where(VendorCategory.vendor_id == Vendor.id,
                            VendorCategory.category.in_(YEARLY_CATEGORIES))
    rows = db.session.execute(
        select(Vendor.id, last_audit_day(Vendor.id), first_approval_at(Vendor.id), yearly)
        .where(Vendor.tier == Tier.TIER_1, Vendor.status.in_(SUPERVISED)))
    planned = {}
    for vendor_id, last_on, first_at, audited_yearly in rows:
        due = periodic_audit(tier_1_interval(yearly=audited_yearly), last_audit_on=last_on,
                             first_approved_on=first_at.date() if first_at else None)
        if due and due.on and due.on <= today + AHEAD:
            planned[vendor_id] = due
    vendors = db.session.scalars(select(Vendor).options(joinedload(Vendor.owner))
                                 .where(Vendor.id.in_(list(planned))).order_by(Vendor.id))
    return [(vendor, planned[vendor.id]) for vendor in vendors]


def remind_audits(now: datetime) -> dict[str, int]:
    """Remind of each audit due within 30 days, and once of each overdue one."""
    today = now.date()
    entries = {}
    for vendor, planned in audits_due(today):
        step = "overdue" if planned.overdue(today) else "due"
        entries[f"audit:{vendor.id}:{planned.on}:{step}"] = (vendor, planned, step)
    claimed = claim_all(list(entries), job="audits", now=now)
    counts = {"audits_due": 0, "audits_overdue": 0}
    base = current_app.config["BASE_URL"].rstrip("/")
    officers = active_with_role(Role.APPROVER)
    for key in claimed:
        vendor, planned, step = entries[key]
        people: list[User] = list(officers)
        if vendor.owner is not None and vendor.owner.active and vendor.owner not in people:
            people.append(vendor.owner)
        notify_people(f"audit_{step}", people, now=now, template="audit_due",
                      object_type="vendor", object_id=vendor.id,
                      context={"vendor": vendor, "step": step, "due_on": planned.on,
                               "years": planned.interval_years,
                               "link": f"{base}/vendors/{vendor.id}#audits"})
        counts[f"audits_{step}"] += 1
    return counts
