"""The "audits" job: the audit programme (review/audit_programme.py) reminds the privacy
officers (approvers) and the vendor's owner of a tier-1 consignee's audit 30 days before
it is due, and once when it is overdue. Recording the audit moves the due date, so the
once-key (vendor, due date, step) never fires twice for the same audit."""

from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim_all
from vendorrisk.notifications.handoffs import active_with_role
from vendorrisk.notifications.services import notify_people
from vendorrisk.review.audit_programme import AuditDue, next_audit
from vendorrisk.review.audit_queries import first_approvals, last_audits
from vendorrisk.vendors.models import Vendor, VendorCategory
from vendorrisk.vendors.vocabulary import Tier, VendorStatus

AHEAD = timedelta(days=30)
SUPERVISED = (VendorStatus.APPROVED, VendorStatus.CONDITIONALLY_APPROVED)


def audits_due(today: date) -> list[tuple[Vendor, AuditDue]]:
    """Supervised tier-1 vendors whose audit is due within 30 days or overdue."""
    vendors = db.session.scalars(
        select(Vendor).options(joinedload(Vendor.owner))
        .where(Vendor.tier == Tier.TIER_1, Vendor.status.in_(SUPERVISED))
        .order_by(Vendor.id)).all()
    ids = [vendor.id for vendor in vendors]
    categories: dict[int, set] = {}
    for vendor_id, category in db.session.execute(
            select(VendorCategory.vendor_id, VendorCategory.category)
            .where(VendorCategory.vendor_id.in_(ids))):
        categories.setdefault(vendor_id, set()).add(category)
    audited, approved = last_audits(ids), first_approvals(ids)
    due = []
    for vendor in vendors:
        planned = next_audit(vendor.tier, categories.get(vendor.id, set()),
                             last_audit_on=audited.get(vendor.id),
                             first_approved_on=approved.get(vendor.id), before_go_live=False)
        if planned and planned.on and planned.on <= today + AHEAD:
            due.append((vendor, planned))
    return due


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
