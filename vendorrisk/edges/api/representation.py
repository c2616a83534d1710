"""What the API returns: plain JSON objects built from the models (timestamps in ISO
8601 UTC, dates as YYYY-MM-DD, enums as their values), the ETag of a vendor, and
pagination with totals and links. openapi.py describes exactly these shapes."""

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from flask import request, url_for

from vendorrisk.assessments.models import Assessment
from vendorrisk.audit.models import AuditEvent
from vendorrisk.contracts.models import Contract
from vendorrisk.foundation.routing import query_int
from vendorrisk.incidents.models import Incident
from vendorrisk.review.models import Finding
from vendorrisk.vendors.labels import reason_text
from vendorrisk.vendors.models import Vendor

MAX_PER_PAGE = 100


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _value(enum: Any) -> Any:
    return getattr(enum, "value", enum)


def vendor_summary(vendor: Vendor) -> dict[str, Any]:
    return {"id": vendor.id, "legal_name": vendor.legal_name,
            "legal_name_ja": vendor.legal_name_ja, "country": vendor.country,
            "status": vendor.status.value, "classification": vendor.classification.value,
            "tier": vendor.tier.value, "owner_id": vendor.owner_id,
            "next_review_on": iso(vendor.next_review_on), "updated_at": iso(vendor.updated_at)}


def tier_of(vendor: Vendor) -> dict[str, Any]:
    override = None if vendor.tier_override is None else {
        "tier": vendor.tier_override.value, "reason": vendor.tier_override_reason,
        "by_id": vendor.tier_override_by_id, "at": iso(vendor.tier_override_at)}
    return {"tier": vendor.tier.value, "computed_tier": vendor.computed_tier.value,
            "score": vendor.tier_score, "rules_version": vendor.tier_rules_version,
            "computed_at": iso(vendor.tier_computed_at),
            "reasons": [{"code": str(reason.get("code", "")), "text": reason_text(reason)}
                        for reason in vendor.tier_reasons],
            "override": override}


def vendor_detail(vendor: Vendor) -> dict[str, Any]:
    return {**vendor_summary(vendor),
            "corporate_number": vendor.corporate_number, "lei": vendor.lei,
            "vat_number": vendor.vat_number, "duns": vendor.duns, "address": vendor.address,
            "website": vendor.website, "notes": vendor.notes,
            "classification_reason": vendor.classification_reason,
            "services": vendor.services, "purpose": vendor.purpose,
            "categories": sorted(category.value for category in vendor.categories),
            "individuals": vendor.individuals.value, "access": vendor.access.value,
            "criticality": vendor.criticality.value, "countries": sorted(vendor.countries),
            "data_items": list(vendor.data_items or []),
            "next_report_on": iso(vendor.next_report_on), "created_at": iso(vendor.created_at),
            "tier_details": tier_of(vendor)}


def etag(body: dict[str, Any]) -> str:
    """A strong validator: the hash of the representation a client last read."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
    return '"' + hashlib.sha256(canonical).hexdigest()[:32] + '"'


def assessment_summary(assessment: Assessment) -> dict[str, Any]:
    return {"id": assessment.id, "vendor_id": assessment.vendor_id,
            "kind": assessment.kind.value, "status": assessment.status.value,
            "standard": {"slug": assessment.standard_version.slug,
                         "version": assessment.standard_version.version},
            "due_on": iso(assessment.due_on), "created_at": iso(assessment.created_at),
            "sent_at": iso(assessment.sent_at), "submitted_at": iso(assessment.submitted_at),
            "decided_at": iso(assessment.decided_at),
            "decision": _value(assessment.decision)}


def assessment_detail(assessment: Assessment,
                      sections: Iterable[tuple[str, int, int]]) -> dict[str, Any]:
    return {**assessment_summary(assessment), "tier": assessment.tier or None,
            "score_percent": assessment.score_percent, "grade": assessment.grade,
            "recommended": _value(assessment.recommended),
            "residual_risk": assessment.residual_risk,
            "decision_rationale": assessment.decision_rationale,
            "sections": [{"id": section, "earned": earned, "possible": possible}
                         for section, earned, possible in sections]}


def finding(item: Finding) -> dict[str, Any]:
    return {"id": item.id, "assessment_id": item.assessment_id, "vendor_id": item.vendor_id,
            "question_id": item.question_id, "severity": item.severity.value,
            "status": item.status.value, "description": item.description,
            "remediation": item.remediation, "due_on": iso(item.due_on),
            "created_at": iso(item.created_at), "updated_at": iso(item.updated_at)}


def contract(item: Contract) -> dict[str, Any]:
    return {"id": item.id, "vendor_id": item.vendor_id, "type": item.type.value,
            "title": item.title, "reference": item.reference,
            "signed_on": iso(item.signed_on), "effective_from": iso(item.effective_from),
            "effective_to": iso(item.effective_to), "auto_renewal": item.auto_renewal,
            "terminated_on": iso(item.terminated_on)}


def incident(item: Incident) -> dict[str, Any]:
    return {"id": item.id, "vendor_id": item.vendor_id, "status": item.status.value,
            "source": item.source.value, "reporter_name": item.reporter_name,
            "occurred_at": iso(item.occurred_at), "notified_at": iso(item.notified_at),
            "aware_at": iso(item.aware_at), "categories": list(item.categories),
            "individuals": item.individuals, "reportable": item.reportable,
            "reasons": list(item.reasons), "preliminary_due": iso(item.preliminary_due),
            "final_due": iso(item.final_due),
            "preliminary_reported_at": iso(item.preliminary_reported_at),
            "final_reported_at": iso(item.final_reported_at),
            "closed_at": iso(item.closed_at), "overview": item.overview,
            "data_items": item.data_items, "cause": item.cause,
            "secondary_damage": item.secondary_damage,
            "response_to_individuals": item.response_to_individuals,
            "public_announcement": item.public_announcement,
            "recurrence_prevention": item.recurrence_prevention, "other": item.other}


def audit_event(event: AuditEvent) -> dict[str, Any]:
    return {"seq": event.seq, "occurred_at": iso(event.occurred_at),
            "actor_id": event.actor_id, "actor": event.actor_label, "action": event.action,
            "object_type": event.object_type, "object_id": event.object_id,
            "details": event.details, "hash": event.hash}


def page_args() -> tuple[int, int]:
    """``page`` (from 1) and ``per_page`` (1–100, 20 by default) from the query."""
    return (query_int("page", 1, minimum=1),
            query_int("per_page", 20, minimum=1, maximum=MAX_PER_PAGE))


def paged(items: list[Any], serialize: Callable[[Any], dict[str, Any]], *,
          total: int | None, page: int, per_page: int, more: bool = False,
          cursor: Callable[[Any], str] | None = None) -> dict[str, Any]:
    """One page of a collection, its totals and the links to its neighbours (the same
    query string, another page). ``total`` None: not counted (a large register), so no
    last page, and a next page while this one is full (``more``). ``cursor``: the next
    link starts after this page's last item, instead of counting rows to skip."""
    pages = max(1, -(-total // per_page)) if total is not None else None
    args = {key: value for key, value in request.args.to_dict().items() if key != "after"}
    args["per_page"] = per_page

    def link(number: int, after: str | None = None) -> str:
        return url_for(request.endpoint, **(request.view_args or {}),
                       **{**args, "page": number, **({"after": after} if after else {})})

    has_next = page < pages if pages is not None else more
    return {"items": [serialize(item) for item in items], "page": page,
            "per_page": per_page, "total": total, "pages": pages,
            "links": {"self": link(page, request.args.get("after")), "first": link(1),
                      "last": link(pages) if pages is not None else None,
                      "prev": link(page - 1) if page > 1 else None,
                      "next": link(page + 1, cursor(items[-1]) if cursor and items else None)
                      if has_next else None}}
