"""The OpenAPI 3.1 description of the API, written out by hand next to the code it
describes (representation.py, views.py) and checked against it by schemathesis in the
tests: every response must match. Response objects forbid properties not listed, so a
field added to a representation and not here fails the tests."""

from typing import Any

from vendorrisk.assessments.models import AssessmentKind
from vendorrisk.assessments.workflow import State
from vendorrisk.incidents.vocabulary import IncidentSource, IncidentStatus
from vendorrisk.routing import MAX_ID
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


def _values(enum: type) -> list[str]:
    """The values an enum of the models takes, as the document lists them."""
    return [member.value for member in enum]


VENDOR_STATUS = _values(VendorStatus)
TIERS = _values(Tier)
ASSESSMENT_KINDS = _values(AssessmentKind)
STATES = _values(State)
INCIDENT_STATUS = _values(IncidentStatus)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict[str, Any], *, required: list[str] | None = None,
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
    "reasons": {"type": "array", "items": _object({"code": TEXT, "text": TEXT})},
    "override": {"anyOf": [_object({"tier": {"enum": TIERS}, "reason": TEXT_OR_NULL,
                                    "by_id": INT_OR_NULL, "at": TIME_OR_NULL}), NULL]},
}
VENDOR = {
    **VENDOR_SUMMARY, "corporate_number": TEXT_OR_NULL, "lei": TEXT_OR_NULL,
    "vat_number": TEXT_OR_NULL, "duns": TEXT_OR_NULL, "address": TEXT_OR_NULL,
    "website": TEXT_OR_NULL, "notes": TEXT_OR_NULL, "classification_reason": TEXT,
    "services": TEXT, "purpose": TEXT, "categories": TEXTS, "individuals": TEXT,
    "access": TEXT, "criticality": TEXT, "countries": TEXTS,
    "next_report_on": DATE_OR_NULL, "created_at": TIME, "tier_details": _ref("Tier"),
}
VENDOR_INPUT = _object({
    **{name: {"type": ["string", "null"], "maxLength": 5000} for name in (
        "legal_name", "legal_name_ja", "corporate_number", "lei", "vat_number", "duns",
        "address", "country", "website", "notes", "status", "classification",
        "classification_reason", "services", "purpose", "individuals", "access",
        "criticality")},
    "categories": {"type": ["array", "null"], "items": TEXT},
    "countries": {"type": ["array", "null"], "items": TEXT},
    "owner_id": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID},
}, required=[])
ASSESSMENT_SUMMARY = {
    "id": ID, "vendor_id": ID, "kind": {"enum": ASSESSMENT_KINDS},
    "status": {"enum": STATES},
    "standard": _object({"slug": TEXT, "version": {"type": "integer"}}),
    "due_on": {"type": "string", "format": "date"}, "created_at": TIME,
    "sent_at": TIME_OR_NULL, "submitted_at": TIME_OR_NULL, "decided_at": TIME_OR_NULL,
    "decision": TEXT_OR_NULL,
}
ASSESSMENT = {
    **ASSESSMENT_SUMMARY, "tier": TEXT_OR_NULL,
    "score_percent": {"type": ["number", "null"]}, "grade": TEXT_OR_NULL,
    "recommended": TEXT_OR_NULL, "residual_risk": TEXT_OR_NULL,
    "decision_rationale": TEXT_OR_NULL,
    "sections": {"type": "array", "items": _object({
        "id": TEXT, "earned": {"type": "integer"}, "possible": {"type": "integer"}})},
}
ASSESSMENT_INPUT = _object({
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
    "source": {"enum": _values(IncidentSource)}, "reporter_name": TEXT,
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
PROBLEM = _object({
    "type": TEXT, "title": TEXT, "status": {"type": "integer"}, "detail": TEXT,
    "errors": {"type": "array", "items": _object({"field": TEXT, "message": TEXT})},
}, required=["type", "title", "status", "detail"])


def _page_of(item: str) -> dict[str, Any]:
    link = {"type": "string"}
    return _object({
        "items": {"type": "array", "items": _ref(item)},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
        "total": {"type": "integer", "minimum": 0}, "pages": {"type": "integer"},
        "links": _object({"self": link, "first": link, "last": link,
                          "prev": {"type": ["string", "null"]},
                          "next": {"type": ["string", "null"]}}),
    })


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


def _path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": ID}


PAGING = [_query("page", {"type": "integer", "minimum": 1, "maximum": 100_000},
                 "Page number, from 1."),
          _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100},
                 "Items per page (default 20).")]
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


def _errors(*statuses: str) -> dict[str, Any]:
    return {status: {"description": ERROR_STATUSES[status], "content": {
        "application/problem+json": {"schema": _ref("Problem")}}}
        for status in ("401", "403", "429", *statuses)}


def _ok(schema: str, description: str, status: str = "200",
        headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description, "content": {
        "application/json": {"schema": _ref(schema)}}}
    if headers:
        response["headers"] = headers
    return {status: response}


def _operation(summary: str, roles: str, responses: dict[str, Any], *,
               parameters: list[dict[str, Any]] | None = None,
               body: str | None = None, operation_id: str) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "operationId": operation_id,
                                 "description": f"Token roles: {roles}.",
                                 "parameters": parameters or [], "responses": responses}
    if body:
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": _ref(body)}}}
    return operation


ETAG = {"ETag": {"description": "The representation's version, for If-Match.",
                 "schema": {"type": "string"}}}
LOCATION = {"Location": {"description": "The new resource.", "schema": {"type": "string"}}}
ALL = "any"


def document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document."""
    vendor_filters = [
        _query("q", FILTER_TEXT, "Name, Japanese name or an identifier contains this."),
        _query("tier", {"enum": TIERS}, "Tier."),
        _query("status", {"enum": VENDOR_STATUS}, "Status."),
        _query("classification", FILTER_TEXT, "Relationship (consignment, ...)."),
        _query("country", FILTER_TEXT, "Handles data in this country (ISO 3166 alpha-2)."),
        _query("category", FILTER_TEXT, "Handles this data category."),
        _query("owner", {"type": "string", "pattern": "^[0-9]{1,9}$"}, "Owner's user id."),
        _query("sort", {"enum": ["name", "tier", "status", "updated"]}, "Order."),
    ]
    by_vendor = _query("vendor_id", {"type": "integer", "minimum": 1,
                                     "maximum": MAX_ID}, "Of this vendor only.")
    paths = {
        "/vendors": {
            "get": _operation("The consignee register", ALL, {
                **_ok("VendorPage", "One page of vendors."), **_errors("400")},
                parameters=[*vendor_filters, *PAGING], operation_id="listVendors"),
            "post": _operation("Register a vendor; its tier is computed", "procurement", {
                **_ok("Vendor", "Registered.", "201", {**ETAG, **LOCATION}),
                **_errors("400", "415", "422")}, body="VendorInput",
                operation_id="createVendor"),
        },
        "/vendors/{vendor_id}": {
            "parameters": [_path("vendor_id")],
            "get": _operation("A vendor with its profile and tier", ALL, {
                **_ok("Vendor", "The vendor.", headers=ETAG), **_errors("404")},
                operation_id="getVendor"),
            "patch": _operation(
                "Change a vendor's record and profile (the fields sent); the tier follows",
                "procurement", {**_ok("Vendor", "Changed.", headers=ETAG),
                                **_errors("400", "404", "412", "415", "422", "428")},
                parameters=[{"name": "If-Match", "in": "header", "required": True,
                             "schema": {"type": "string"},
                             "description": "The ETag of the vendor as last read."}],
                body="VendorInput", operation_id="updateVendor"),
        },
        "/vendors/{vendor_id}/tier": {
            "parameters": [_path("vendor_id")],
            "get": _operation("A vendor's tier and the reasons for it", ALL, {
                **_ok("Tier", "The tier."), **_errors("404")}, operation_id="getVendorTier"),
        },
        "/assessments": {
            "get": _operation("Assessments, newest first", ALL, {
                **_ok("AssessmentPage", "One page of assessments."), **_errors("400")},
                parameters=[by_vendor, _query("status", {"enum": STATES}, "Status."),
                            *PAGING], operation_id="listAssessments"),
            "post": _operation(
                "Create an assessment with the standard the vendor's tier calls for, and "
                "send it (unless send is false)", "procurement", {
                    **_ok("Assessment", "Created.", "201", LOCATION),
                    **_errors("400", "409", "415", "422")},
                body="AssessmentInput", operation_id="createAssessment"),
        },
        "/assessments/{assessment_id}": {
            "parameters": [_path("assessment_id")],
            "get": _operation("An assessment with its scores", ALL, {
                **_ok("Assessment", "The assessment."), **_errors("404")},
                operation_id="getAssessment"),
        },
        "/findings": {
            "get": _operation("Findings, newest first", ALL, {
                **_ok("FindingPage", "One page of findings."), **_errors("400")},
                parameters=[by_vendor, _query("status", FILTER_TEXT, "Status."), *PAGING],
                operation_id="listFindings"),
        },
        "/contracts": {
            "get": _operation("Contracts, newest first", ALL, {
                **_ok("ContractPage", "One page of contracts."), **_errors("400")},
                parameters=[by_vendor, *PAGING], operation_id="listContracts"),
        },
        "/incidents": {
            "get": _operation("Incidents at consignees (procurement: of its own vendors)",
                              ALL, {**_ok("IncidentPage", "One page of incidents."),
                                    **_errors("400")},
                              parameters=[by_vendor, _query(
                                  "status", {"enum": INCIDENT_STATUS}, "Status."), *PAGING],
                              operation_id="listIncidents"),
        },
        "/incidents/{incident_id}": {
            "parameters": [_path("incident_id")],
            "get": _operation("An incident with the nine report items and its deadlines",
                              ALL, {**_ok("Incident", "The incident."), **_errors("404")},
                              operation_id="getIncident"),
        },
        "/audit-events": {
            "get": _operation("The audit log, newest first", "auditor, admin", {
                **_ok("AuditEventPage", "One page of events."), **_errors("400")},
                parameters=[_query("action", FILTER_TEXT, "Starts with, e.g. vendor."),
                            _query("actor", FILTER_TEXT, "Part of the actor's name."),
                            _query("object_type", FILTER_TEXT, "e.g. vendor"),
                            _query("object_id", FILTER_TEXT, "The object's id."),
                            _query("since", {"type": "string", "format": "date"},
                                   "From this day (UTC)."),
                            _query("until", {"type": "string", "format": "date"},
                                   "Up to and including this day (UTC)."),
                            *PAGING], operation_id="listAuditEvents"),
        },
    }
    schemas = {
        "Problem": PROBLEM, "VendorSummary": _object(VENDOR_SUMMARY),
        "Vendor": _object(VENDOR), "Tier": _object(TIER), "VendorInput": VENDOR_INPUT,
        "AssessmentSummary": _object(ASSESSMENT_SUMMARY), "Assessment": _object(ASSESSMENT),
        "AssessmentInput": ASSESSMENT_INPUT, "Finding": _object(FINDING),
        "Contract": _object(CONTRACT), "Incident": _object(INCIDENT),
        "AuditEvent": _object(AUDIT_EVENT),
        "VendorPage": _page_of("VendorSummary"),
        "AssessmentPage": _page_of("AssessmentSummary"),
        "FindingPage": _page_of("Finding"), "ContractPage": _page_of("Contract"),
        "IncidentPage": _page_of("Incident"), "AuditEventPage": _page_of("AuditEvent"),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "vendorrisk API", "version": "1",
                 "description": "Consignee selection, contracts and supervision. "
                                "Authenticate with a personal access token created on "
                                "your account page: `Authorization: Bearer <token>`. "
                                "Errors are RFC 9457 problem documents; timestamps are "
                                "ISO 8601 in UTC."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer",
                       "description": "A personal access token (vrk_...)."}}},
    }
