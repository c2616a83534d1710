"""The pieces of the OpenAPI document (openapi.py): the JSON schemas of each
representation and input, and helpers for parameters, responses and operations."""

from typing import Any

from vendorrisk.assessments.models import AssessmentKind
from vendorrisk.assessments.workflow import State
from vendorrisk.foundation.routing import MAX_ID
from vendorrisk.incidents.vocabulary import IncidentSource, IncidentStatus
from vendorrisk.vendors.vocabulary import Tier, VendorStatus

NULL = {"type": "null"}


TEXT = {"type": "string"}


TEXT_OR_NULL = {"type": ["string", "null"]}


INT_OR_NULL = {"type": ["integer", "null"]}


DATE_OR_NULL = {"anyOf": [{"type": "string", "format": "date"}, NULL]}


TIME = {"type": "string", "format": "date-time"}


TIME_OR_NULL = {"anyOf": [TIME, NULL]}


ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


TEXTS = {"type": "array", "items": TEXT}


def values_of(enum: type) -> list[str]:
    """The values an enum of the models takes, as the document lists them."""
    return [member.value for member in enum]


VENDOR_STATUS = values_of(VendorStatus)


TIERS = values_of(Tier)


ASSESSMENT_KINDS = values_of(AssessmentKind)


STATES = values_of(State)


INCIDENT_STATUS = values_of(IncidentStatus)


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict[str, Any], *, required: list[str] | None = None,
            closed: bool = True) -> dict[str, Any]:
    """An object with ``properties``, all required unless said otherwise."""
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "required": list(properties) if required is None else required}
    if closed:
        schema["additionalProperties"] = False
    return schema


VENDOR_SUMMARY = {
    "id": ID, "legal_name": TEXT, "legal_name_ja": TEXT_OR_NULL,
    "country": TEXT, "status": {"enum": VENDOR_STATUS}, "classification": TEXT,
    "tier": {"enum": TIERS}, "owner_id": INT_OR_NULL, "next_review_on": DATE_OR_NULL,
    "updated_at": TIME,
}


TIER = {
    "tier": {"enum": TIERS}, "computed_tier": {"enum": TIERS}, "score": {"type": "number"},
    "rules_version": TEXT, "computed_at": TIME,
    "reasons": {"type": "array", "items": obj({"code": TEXT, "text": TEXT})},
    "override": {"anyOf": [obj({"tier": {"enum": TIERS}, "reason": TEXT_OR_NULL,
                                    "by_id": INT_OR_NULL, "at": TIME_OR_NULL}), NULL]},
}


VENDOR = {
    **VENDOR_SUMMARY, "corporate_number": TEXT_OR_NULL, "lei": TEXT_OR_NULL,
    "vat_number": TEXT_OR_NULL, "duns": TEXT_OR_NULL, "address": TEXT_OR_NULL,
    "website": TEXT_OR_NULL, "notes": TEXT_OR_NULL, "classification_reason": TEXT,
    "services": TEXT, "purpose": TEXT, "categories": TEXTS, "individuals": TEXT,
    "access": TEXT, "criticality": TEXT, "countries": TEXTS, "data_items": TEXTS,
    "next_report_on": DATE_OR_NULL, "created_at": TIME, "tier_details": ref("Tier"),
}


VENDOR_INPUT = obj({
    **{name: {"type": ["string", "null"], "maxLength": 5000} for name in (
        "legal_name", "legal_name_ja", "corporate_number", "lei", "vat_number", "duns",
        "address", "country", "website", "notes", "status", "classification",
        "classification_reason", "services", "purpose", "individuals", "access",
        "criticality")},
    "status": {"type": ["string", "null"], "maxLength": 5000, "description": (
        "prospect (the default), in_use_unassessed (a vendor already used without a "
        "selection: onboarded by plan) or suspended. The statuses a signed decision or an "
        "end of contract gives (under_assessment, approved, conditionally_approved, "
        "rejected, terminated) are refused with 422.")},
    "categories": {"type": ["array", "null"], "items": TEXT},
    "countries": {"type": ["array", "null"], "items": TEXT},
    "data_items": {"type": ["array", "null"], "items": TEXT, "description": (
        "name, address, phone, email, date_of_birth, salary, bank_account, medical, "
        "my_number …, each under one of the categories (a salary under employee). Left "
        "out, those that still fit the categories stay.")},
    "owner_id": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID},
}, required=[])


ASSESSMENT_SUMMARY = {
    "id": ID, "vendor_id": ID, "kind": {"enum": ASSESSMENT_KINDS},
    "status": {"enum": STATES},
    "standard": obj({"slug": TEXT, "version": {"type": "integer"}}),
    "due_on": {"type": "string", "format": "date"}, "created_at": TIME,
    "sent_at": TIME_OR_NULL, "submitted_at": TIME_OR_NULL, "decided_at": TIME_OR_NULL,
    "decision": TEXT_OR_NULL,
}


ASSESSMENT = {
    **ASSESSMENT_SUMMARY, "tier": TEXT_OR_NULL,
    "score_percent": {"type": ["number", "null"]}, "grade": TEXT_OR_NULL,
    "recommended": TEXT_OR_NULL, "residual_risk": TEXT_OR_NULL,
    "decision_rationale": TEXT_OR_NULL,
    "sections": {"type": "array", "items": obj({
        "id": TEXT, "earned": {"type": "integer"}, "possible": {"type": "integer"}})},
}


ASSESSMENT_INPUT = obj({
    "vendor_id": ID, "kind": {"enum": ASSESSMENT_KINDS},
    "due_on": {"type": "string", "format": "date"},
    "contact_ids": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{1,9}$"}},
    "send": {"type": "boolean"},
}, required=["vendor_id", "kind", "due_on"])


FINDING = {
    "id": ID, "assessment_id": ID, "vendor_id": ID, "question_id": TEXT_OR_NULL,
    "severity": TEXT, "status": TEXT, "description": TEXT, "remediation": TEXT,
    "due_on": {"type": "string", "format": "date"}, "created_at": TIME, "updated_at": TIME,
}


CONTRACT = {
    "id": ID, "vendor_id": ID, "type": TEXT, "title": TEXT, "reference": TEXT_OR_NULL,
    "signed_on": DATE_OR_NULL, "effective_from": DATE_OR_NULL,
    "effective_to": DATE_OR_NULL, "auto_renewal": {"type": "boolean"},
    "terminated_on": DATE_OR_NULL,
}


INCIDENT = {
    "id": ID, "vendor_id": ID, "status": {"enum": INCIDENT_STATUS},
    "source": {"enum": values_of(IncidentSource)}, "reporter_name": TEXT,
    "occurred_at": TIME_OR_NULL, "notified_at": TIME, "aware_at": TIME,
    "categories": TEXTS, "individuals": INT_OR_NULL, "reportable": {"type": "boolean"},
    "reasons": TEXTS, "preliminary_due": TIME_OR_NULL, "final_due": TIME_OR_NULL,
    "preliminary_reported_at": TIME_OR_NULL, "final_reported_at": TIME_OR_NULL,
    "closed_at": TIME_OR_NULL, "overview": TEXT, "data_items": TEXT, "cause": TEXT,
    "secondary_damage": TEXT, "response_to_individuals": TEXT,
    "public_announcement": TEXT, "recurrence_prevention": TEXT, "other": TEXT,
}


AUDIT_EVENT = {
    "seq": {"type": "integer"}, "occurred_at": TIME, "actor_id": INT_OR_NULL,
    "actor": TEXT, "action": TEXT, "object_type": TEXT, "object_id": TEXT,
    "details": {"type": "object"}, "hash": TEXT,
}


PROBLEM = obj({
    "type": TEXT, "title": TEXT, "status": {"type": "integer"}, "detail": TEXT,
    "errors": {"type": "array", "items": obj({"field": TEXT, "message": TEXT})},
}, required=["type", "title", "status", "detail"])


def page_of(item: str) -> dict[str, Any]:
    link = {"type": "string"}
    return obj({
        "items": {"type": "array", "items": ref(item)},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
        # null: more than 1,000 vendors match and count=exact was not asked
        "total": {"type": ["integer", "null"], "minimum": 0},
        "pages": {"type": ["integer", "null"]},
        "links": obj({"self": link, "first": link, "last": {"type": ["string", "null"]},
                          "prev": {"type": ["string", "null"]},
                          "next": {"type": ["string", "null"]}}),
    })


def in_query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


def in_path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": ID}


PAGING = [in_query("page", {"type": "integer", "minimum": 1, "maximum": 100_000},
                 "Page number, from 1."),
          in_query("per_page", {"type": "integer", "minimum": 1, "maximum": 100},
                 "Items per page (default 20).")]
REGISTER_PAGING = [
    in_query("after", {"type": "string", "maxLength": 1000},
             "Start after this cursor (from a next link): a page deep in a large register "
             "costs what the first does; a page asked for by number reads every row before "
             "it."),
    in_query("count", {"enum": ["exact"]},
             "Count every match. Without it, total and pages are null when more than 1,000 "
             "vendors match (counting them all costs more than the page).")]


ERROR_STATUSES = {
    "400": "Malformed query or body.", "401": "No valid token.",
    "403": "The token's roles do not allow this.", "404": "No such resource.",
    "409": "The change conflicts with the current state.",
    "412": "If-Match does not match the current ETag.",
    "415": "The body is not application/json.",
    "422": "Invalid fields; every one is listed in `errors`.",
    "428": "If-Match is missing.", "429": "Rate limit reached.",
}


FILTER_TEXT = {"type": "string", "maxLength": 100}


def errors_of(*statuses: str) -> dict[str, Any]:
    return {status: {"description": ERROR_STATUSES[status], "content": {
        "application/problem+json": {"schema": ref("Problem")}}}
        for status in ("401", "403", "429", *statuses)}


def ok(schema: str, description: str, status: str = "200",
        headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description, "content": {
        "application/json": {"schema": ref(schema)}}}
    if headers:
        response["headers"] = headers
    return {status: response}


def op(summary: str, roles: str, responses: dict[str, Any], *,
               parameters: list[dict[str, Any]] | None = None,
               body: str | None = None, operation_id: str) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "operationId": operation_id,
                                 "description": f"Token roles: {roles}.",
                                 "parameters": parameters or [], "responses": responses}
    if body:
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": ref(body)}}}
    return operation


ETAG = {"ETag": {"description": "The representation's version, for If-Match.",
                 "schema": {"type": "string"}}}


LOCATION = {"Location": {"description": "The new resource.", "schema": {"type": "string"}}}


ALL = "any"
