"""Sub-consignees (R13): who a vendor passes work to, and the consignor's decision."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.errors import Conflict, PermissionDenied, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.chain import ChainNode, build_tree, creates_cycle
from vendorrisk.vendors.countries import normalise_country
from vendorrisk.vendors.models import SubConsignment, Vendor
from vendorrisk.vendors.services.chain_checks import check_approvable
from vendorrisk.vendors.services.locations import vendors_above
from vendorrisk.vendors.services.register import recompute_tier
from vendorrisk.vendors.vocabulary import SubConsignmentStatus

MAX_DEPTH = 20  # deeper chains than this are a data error, not a supply chain


def _edges_below(start: int) -> list[tuple[int, int]]:
    """Every (vendor, sub-vendor) pair reachable downwards from ``start``."""
    edges, frontier, seen = [], {start}, {start}
    for _level in range(MAX_DEPTH):
        if not frontier:
            break
        rows = db.session.execute(
            select(SubConsignment.vendor_id, SubConsignment.sub_vendor_id)
            .where(SubConsignment.vendor_id.in_(frontier))
        ).all()
        edges.extend((row[0], row[1]) for row in rows)
        frontier = {row[1] for row in rows} - seen
        seen |= frontier
    return edges


def _retier(vendor: Vendor, *, actor: User, now: datetime, cause: str) -> None:
    """Recompute the tier of ``vendor`` and of every vendor above it: their chain, and so
    where their data is handled, changed with it (services/locations.py)."""
    recompute_tier(vendor, actor=actor, now=now, cause=cause)
    for above in vendors_above(vendor.id):
        recompute_tier(db.session.get(Vendor, above), actor=actor, now=now,
                       cause=f"{cause} further down the chain")


def _check(work: str, country: str, data_handled: str) -> tuple[str, str, str]:
    code = normalise_country(country)
    if not work.strip():
        raise ValidationError(_("Describe the work passed to the sub-consignee."), field="work")
    if code is None:
        raise ValidationError(_("Choose the country where the sub-consignee handles the data."),
                              field="country")
    if not data_handled.strip():
        raise ValidationError(_("State which data the sub-consignee handles."),
                              field="data_handled")
    return work.strip(), code, data_handled.strip()


def add_sub_consignment(vendor: Vendor, sub_vendor: Vendor, *, work: str, country: str,
                        data_handled: str, actor: User, now: datetime) -> SubConsignment:
    """Record that ``vendor`` re-consigns ``work`` to ``sub_vendor``; awaits a decision."""
    work, code, data_handled = _check(work, country, data_handled)
    if creates_cycle(_edges_below(sub_vendor.id), vendor.id, sub_vendor.id):
        raise Conflict(_(
            "%(sub)s already passes work, directly or through others, to %(vendor)s; "
            "a chain cannot loop back.", sub=sub_vendor.legal_name, vendor=vendor.legal_name),
        )
    duplicate = db.session.scalar(select(SubConsignment).where(
        SubConsignment.vendor_id == vendor.id, SubConsignment.sub_vendor_id == sub_vendor.id,
        SubConsignment.work == work))
    if duplicate is not None:
        raise Conflict(_("This sub-consignment is already recorded."))
    link = SubConsignment(vendor=vendor, sub_vendor=sub_vendor, work=work, country=code,
                          data_handled=data_handled, status=SubConsignmentStatus.REQUESTED,
                          created_at=now)
    db.session.add(link)
    db.session.flush()
    record("vendor.sub_consignee_added", actor=actor, object_type="vendor",
           object_id=vendor.id, now=now,
           details={"link_id": link.id, "sub_vendor_id": sub_vendor.id, "work": work,
                    "country": code, "data_handled": data_handled})
    _retier(vendor, actor=actor, now=now, cause="sub-consignee added")
    return link


def update_sub_consignment(link: SubConsignment, *, work: str, country: str,
                           data_handled: str, actor: User, now: datetime) -> SubConsignment:
    """Change what a sub-consignee does; a changed link needs a new decision."""
    work, code, data_handled = _check(work, country, data_handled)
    before = {"work": link.work, "country": link.country, "data_handled": link.data_handled}
    after = {"work": work, "country": code, "data_handled": data_handled}
    if before == after:
        return link
    link.work, link.country, link.data_handled = work, code, data_handled
    previous_status = link.status
    link.status, link.decided_by, link.decided_on = SubConsignmentStatus.REQUESTED, None, None
    link.lapsed_on = None
    db.session.flush()
    record("vendor.sub_consignee_changed", actor=actor, object_type="vendor",
           object_id=link.vendor_id, now=now,
           details={"link_id": link.id, "before": before, "after": after,
                    "status_before": str(previous_status)})
    _retier(link.vendor, actor=actor, now=now, cause="sub-consignee changed")
    return link


def decide_sub_consignment(link: SubConsignment, *, approve: bool, note: str, actor: User,
                           now: datetime) -> SubConsignment:
    """Approve or refuse a re-consignment (reviewers and approvers)."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers decide on sub-consignees."))
    if not approve and not note.strip():
        raise ValidationError(_("Say why the sub-consignee is refused."), field="note")
    if approve:
        check_approvable(link, now.date())
    link.status = SubConsignmentStatus.APPROVED if approve else SubConsignmentStatus.REFUSED
    link.decided_by, link.decided_on = actor, now.date()
    link.decision_note = note.strip() or None
    link.lapsed_on = None  # a new decision starts afresh
    db.session.flush()
    record("vendor.sub_consignee_decided", actor=actor, object_type="vendor",
           object_id=link.vendor_id, now=now,
           details={"link_id": link.id, "status": str(link.status), "note": link.decision_note})
    _retier(link.vendor, actor=actor, now=now, cause="sub-consignee decided")
    return link


def remove_sub_consignment(link: SubConsignment, *, actor: User, now: datetime) -> None:
    """Delete a sub-consignment the vendor no longer uses (the audit log keeps it)."""
    vendor = link.vendor
    details = {"link_id": link.id, "sub_vendor_id": link.sub_vendor_id, "work": link.work,
               "country": link.country, "status": str(link.status)}
    vendor.sub_consignments.remove(link)
    db.session.flush()
    record("vendor.sub_consignee_removed", actor=actor, object_type="vendor",
           object_id=vendor.id, now=now, details=details)
    _retier(vendor, actor=actor, now=now, cause="sub-consignee removed")


def chain_below(vendor: Vendor) -> tuple[list[ChainNode], dict[int, SubConsignment]]:
    """The whole chain under ``vendor`` and its links by id, loaded level by level."""
    links: dict[int, SubConsignment] = {}
    frontier, seen = {vendor.id}, {vendor.id}
    for _level in range(MAX_DEPTH):
        if not frontier:
            break
        rows = db.session.scalars(select(SubConsignment)
                                  .where(SubConsignment.vendor_id.in_(frontier))
                                  .options(joinedload(SubConsignment.sub_vendor))
                                  .order_by(SubConsignment.id)).all()
        links.update((row.id, row) for row in rows)
        frontier = {row.sub_vendor_id for row in rows} - seen
        seen |= frontier
    edges: dict[int, list[tuple[int, int]]] = {}
    for link in links.values():
        edges.setdefault(link.vendor_id, []).append((link.id, link.sub_vendor_id))
    return build_tree(vendor.id, edges), links
