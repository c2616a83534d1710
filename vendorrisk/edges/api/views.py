"""The API's endpoints: each loads, checks the token's roles, calls the same service or
query as the page, commits, and answers JSON. No rule of the domain lives here."""

from dataclasses import fields
from typing import Any

from flask import Response, current_app, jsonify, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.assessments.submission import current_score
from vendorrisk.assessments.workflow import State
from vendorrisk.audit.queries import filtered_events
from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import ALL_ROLES, READERS
from vendorrisk.contracts.models import Contract
from vendorrisk.edges.api import bp
from vendorrisk.edges.api import representation as rep
from vendorrisk.edges.api.auth import allow, caller, load_caller, rate_key
from vendorrisk.edges.api.cursor import cursor_of, read_cursor
from vendorrisk.edges.api.inputs import json_object, query_id, query_text
from vendorrisk.foundation.clock import parse_day, utcnow
from vendorrisk.foundation.extensions import csrf, db, limiter
from vendorrisk.foundation.locking import hold
from vendorrisk.foundation.problems import Problem
from vendorrisk.incidents.models import Incident
from vendorrisk.incidents.permissions import INCIDENT_READERS, sees_vendor
from vendorrisk.incidents.queries import incidents_for
from vendorrisk.notifications.services import deliver_own
from vendorrisk.review.models import Finding, FindingStatus
from vendorrisk.vendors.inputs import VendorInput
from vendorrisk.vendors.models import Vendor, VendorContact
from vendorrisk.vendors.queries import RegisterFilters, register_count, register_page
from vendorrisk.vendors.services.register import create_vendor, update_vendor

# Every request: its token first (no cookie, so no CSRF), then its rate, per token.
bp.before_request(load_caller)
csrf.exempt(bp)
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=rate_key)(bp)

EDITORS = (Role.PROCUREMENT,)  # as on the pages: procurement registers and sends
SCORED = frozenset({State.SUBMITTED, State.IN_REVIEW, State.PROPOSED,
                    State.AWAITING_APPROVAL, State.DECIDED})


def _page_of(statement: Any, serialize: Any) -> Response:
    page, per_page = rep.page_args()
    total = db.session.scalar(select(func.count()).select_from(
        statement.order_by(None).subquery()))
    items = db.session.scalars(statement.limit(per_page).offset((page - 1) * per_page)
                               ).unique().all()
    return jsonify(rep.paged(items, serialize, total=total, page=page, per_page=per_page))


def _get(model: type, object_id: int) -> Any:
    item = db.session.get(model, object_id)  # the route's converter bounds the id
    if item is None:
        raise Problem(404, "There is no such resource, or it is not visible to this token.")
    return item


# Vendors ---------------------------------------------------------------------------------

FILTERS = ("q", "tier", "status", "classification", "country", "category", "owner", "sort")


@bp.get("/vendors")
@allow(*ALL_ROLES)
def vendors() -> Response:
    """The register with its filters (unknown filter values are ignored, as on the page)."""
    page, per_page = rep.page_args()
    filters = RegisterFilters.from_args({name: query_text(name) for name in FILTERS})
    after = read_cursor(query_text("after", 1000), filters.sort)
    today, home = utcnow().date(), current_app.config["HOME_COUNTRY"]
    listed = register_page(filters, page=page, per_page=per_page, today=today, home=home,
                           after=after)
    # Counted exactly up to COUNT_CAP, as the register page does; beyond, on request
    # (count=exact reads every match: a cost that grows with the register).
    if not listed.capped:
        total = listed.total
    elif query_text("count") == "exact":
        total = register_count(filters, today=today, home=home)
    else:
        total = None
    # A page number past the last is empty (register_page would give the last page).
    past_the_end = after is None and total is not None and (page - 1) * per_page >= total
    rows = [] if past_the_end else listed.rows
    return jsonify(rep.paged([vendor for vendor, _flagged in rows], rep.vendor_summary,
                             total=total, page=page, per_page=per_page,
                             more=len(rows) == per_page,
                             cursor=lambda vendor: cursor_of(vendor, filters.sort)))


def _vendor_response(vendor: Vendor, status: int = 200) -> Response:
    body = rep.vendor_detail(vendor)
    response = jsonify(body)
    response.status_code = status
    response.headers["ETag"] = rep.etag(body)
    if status == 201:
        response.headers["Location"] = url_for("api.vendor", vendor_id=vendor.id)
    return response


@bp.get("/vendors/<int:vendor_id>")
@allow(*ALL_ROLES)
def vendor(vendor_id: int) -> Response:
    return _vendor_response(_get(Vendor, vendor_id))


@bp.get("/vendors/<int:vendor_id>/tier")
@allow(*ALL_ROLES)
def vendor_tier(vendor_id: int) -> Response:
    return jsonify(rep.tier_of(_get(Vendor, vendor_id)))


VENDOR_FIELDS: dict[str, Any] = {
    **{field.name: str for field in fields(VendorInput)
       if field.name not in ("categories", "countries", "data_items")},
    "categories": list, "countries": list, "data_items": list, "owner_id": int}


def _vendor_input(body: dict[str, Any], base: dict[str, Any]) -> VendorInput:
    """``body`` over ``base``; null clears a field (an empty text, an empty list)."""
    merged = {**base, **{name: value for name, value in body.items() if name != "owner_id"}}
    return VendorInput(**{name: (([] if VENDOR_FIELDS[name] is list else "")
                                 if value is None else value)
                          for name, value in merged.items()})


@bp.post("/vendors")
@allow(*EDITORS)
def create_vendor_api() -> Response:
    body = json_object(VENDOR_FIELDS)
    vendor = create_vendor(_vendor_input(body, {}), owner_id=body.get("owner_id"),
                           actor=caller().user, now=utcnow())
    db.session.commit()
    return _vendor_response(vendor, 201)


def _editable(vendor: Vendor) -> dict[str, Any]:
    """The vendor as VendorInput fields, for a partial update to start from (not its
    data items: unless given, those that still fit its categories stay)."""
    current = rep.vendor_detail(vendor)
    return {field.name: current.get(field.name) if field.name in current
            else getattr(vendor, field.name) for field in fields(VendorInput)
            if field.name != "data_items"}


@bp.patch("/vendors/<int:vendor_id>")
@allow(*EDITORS)
def update_vendor_api(vendor_id: int) -> Response:
    """A partial update; ``If-Match`` must carry the ETag last read (412 when the vendor
    has changed since, 428 without one)."""
    vendor = _get(Vendor, vendor_id)
    wanted = request.headers.get("If-Match")
    if not wanted:
        raise Problem(428, "Send If-Match with the ETag you last read, so that a change "
                      "made meanwhile is not overwritten.")
    body = json_object(VENDOR_FIELDS)
    hold(vendor)  # the check and the change see the same version
    if wanted.strip() not in ("*", rep.etag(rep.vendor_detail(vendor))):
        raise Problem(412, "The vendor has changed since you read it. Read it again and "
                      "reapply your change.")
    owner = body.get("owner_id", vendor.owner_id)
    update_vendor(vendor, _vendor_input(body, _editable(vendor)), owner_id=owner,
                  actor=caller().user, now=utcnow())
    db.session.commit()
    return _vendor_response(vendor)


# Assessments -----------------------------------------------------------------------------

@bp.get("/assessments")
@allow(*ALL_ROLES)
def assessments() -> Response:
    statement = (select(Assessment).options(joinedload(Assessment.standard_version))
                 .order_by(Assessment.id.desc()))
    if (vendor_id := query_id("vendor_id")) is not None:
        statement = statement.where(Assessment.vendor_id == vendor_id)
    if (status := query_text("status")) in {state.value for state in State}:
        statement = statement.where(Assessment.status == status)
    return _page_of(statement, rep.assessment_summary)


@bp.get("/assessments/<int:assessment_id>")
@allow(*ALL_ROLES)
def assessment(assessment_id: int) -> Response:
    item = _get(Assessment, assessment_id)
    sections = [(section.section_id, section.earned, section.possible)
                for section in current_score(item).sections] if item.status in SCORED else []
    return jsonify(rep.assessment_detail(item, sections))


@bp.post("/assessments")
@allow(*EDITORS)
def create_assessment_api() -> Response:
    """Create an assessment of a vendor with the standard its tier calls for and, unless
    ``send`` is false, send it to the contacts (by default the primary contact)."""
    body = json_object({"vendor_id": int, "kind": str, "due_on": str, "contact_ids": list,
                        "send": bool}, required=("vendor_id", "kind", "due_on"))
    vendor = db.session.get(Vendor, body["vendor_id"])
    if vendor is None:
        raise Problem(422, "Some fields are wrong; nothing was changed.",
                      errors=[{"field": "vendor_id", "message": "No such vendor."}])
    due_on = parse_day(body["due_on"])
    problems = []
    if due_on is None or due_on < utcnow().date():
        problems.append({"field": "due_on", "message": "A date (YYYY-MM-DD), today or later."})
    if body["kind"] not in {kind.value for kind in AssessmentKind}:
        problems.append({"field": "kind", "message": "Unknown kind."})
    contacts = _contacts(vendor, body.get("contact_ids"), problems)
    if problems:
        raise Problem(422, "Some fields are wrong; nothing was changed.", errors=problems)
    now = utcnow()
    item = create_assessment(vendor, kind=body["kind"], version=None, version_reason="",
                             due_on=due_on, contacts=contacts, actor=caller().user, now=now)
    if body.get("send", True):
        send_assessment(item, actor=caller().user, now=now)
    db.session.commit()
    deliver_own(utcnow())
    response = jsonify(rep.assessment_detail(item, []))
    response.status_code = 201
    response.headers["Location"] = url_for("api.assessment", assessment_id=item.id)
    return response


def _contacts(vendor: Vendor, ids: list[str] | None, problems: list) -> list[VendorContact]:
    if not ids:
        contact = vendor.primary_contact or next(iter(vendor.contacts), None)
        if contact is None:
            problems.append({"field": "contact_ids", "message": "The vendor has no contact."})
        return [contact] if contact else []
    by_id = {str(contact.id): contact for contact in vendor.contacts}
    unknown = [value for value in ids if value not in by_id]
    if unknown:
        problems.append({"field": "contact_ids",
                         "message": "Not contacts of this vendor: " + ", ".join(unknown)})
    return [by_id[value] for value in ids if value in by_id]


# Findings, contracts, incidents, the audit log -------------------------------------------

@bp.get("/findings")
@allow(*ALL_ROLES)
def findings() -> Response:
    statement = select(Finding).order_by(Finding.id.desc())
    if (vendor_id := query_id("vendor_id")) is not None:
        statement = statement.where(Finding.vendor_id == vendor_id)
    if (status := query_text("status")) in {item.value for item in FindingStatus}:
        statement = statement.where(Finding.status == status)
    return _page_of(statement, rep.finding)


@bp.get("/contracts")
@allow(*ALL_ROLES)
def contracts() -> Response:
    statement = select(Contract).order_by(Contract.id.desc())
    if (vendor_id := query_id("vendor_id")) is not None:
        statement = statement.where(Contract.vendor_id == vendor_id)
    return _page_of(statement, rep.contract)


@bp.get("/incidents")
@allow(*INCIDENT_READERS)
def incidents() -> Response:
    """Procurement's tokens see the incidents of the vendors their owner owns."""
    return _page_of(incidents_for(caller(), status=query_text("status"),
                                  vendor_id=query_id("vendor_id")), rep.incident)


@bp.get("/incidents/<int:incident_id>")
@allow(*INCIDENT_READERS)
def incident(incident_id: int) -> Response:
    item = _get(Incident, incident_id)
    if not sees_vendor(caller(), item.vendor):
        raise Problem(404, "There is no such resource, or it is not visible to this token.")
    return jsonify(rep.incident(item))


@bp.get("/audit-events")
@allow(*READERS)
def audit_events() -> Response:
    statement = filtered_events({name: query_text(name) for name in (
        "action", "actor", "object_type", "object_id", "since", "until")})
    return _page_of(statement, rep.audit_event)
