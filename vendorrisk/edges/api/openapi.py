"""The OpenAPI 3.1 description of the API, written out by hand next to the code it
describes (representation.py, views.py) and checked against it by schemathesis in the
tests: every response must match. Response objects forbid properties not listed, so a
field added to a representation and not here fails the tests."""

from typing import Any

from vendorrisk.edges.api.schemas import (
    ALL,
    ASSESSMENT,
    ASSESSMENT_INPUT,
    ASSESSMENT_SUMMARY,
    AUDIT_EVENT,
    CONTRACT,
    ETAG,
    FILTER_TEXT,
    FINDING,
    INCIDENT,
    INCIDENT_STATUS,
    LOCATION,
    PAGING,
    PROBLEM,
    REGISTER_PAGING,
    STATES,
    TIER,
    TIERS,
    VENDOR,
    VENDOR_INPUT,
    VENDOR_STATUS,
    VENDOR_SUMMARY,
    errors_of,
    in_path,
    in_query,
    obj,
    ok,
    op,
    page_of,
)
from vendorrisk.foundation.routing import MAX_ID


def document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document."""
    vendor_filters = [
        in_query("q", FILTER_TEXT, "Name, Japanese name or an identifier contains this."),
        in_query("tier", {"enum": TIERS}, "Tier."),
        in_query("status", {"enum": VENDOR_STATUS}, "Status."),
        in_query("classification", FILTER_TEXT, "Relationship (consignment, ...)."),
        in_query("country", FILTER_TEXT, "Handles data in this country (ISO 3166 alpha-2)."),
        in_query("category", FILTER_TEXT, "Handles this data category."),
        in_query("owner", {"type": "string", "pattern": "^[0-9]{1,9}$"}, "Owner's user id."),
        in_query("sort", {"enum": ["name", "tier", "status", "updated"]}, "Order."),
    ]
    by_vendor = in_query("vendor_id", {"type": "integer", "minimum": 1,
                                     "maximum": MAX_ID}, "Of this vendor only.")
    paths = {
        "/vendors": {
            "get": op("The consignee register", ALL, {
                **ok("VendorPage", "One page of vendors."), **errors_of("400")},
                parameters=[*vendor_filters, *PAGING, *REGISTER_PAGING],
                operation_id="listVendors"),
            "post": op("Register a vendor; its tier is computed", "procurement", {
                **ok("Vendor", "Registered.", "201", {**ETAG, **LOCATION}),
                **errors_of("400", "415", "422")}, body="VendorInput",
                operation_id="createVendor"),
        },
        "/vendors/{vendor_id}": {
            "parameters": [in_path("vendor_id")],
            "get": op("A vendor with its profile and tier", ALL, {
                **ok("Vendor", "The vendor.", headers=ETAG), **errors_of("404")},
                operation_id="getVendor"),
            "patch": op(
                "Change a vendor's record and profile (the fields sent); the tier follows",
                "procurement", {**ok("Vendor", "Changed.", headers=ETAG),
                                **errors_of("400", "404", "412", "415", "422", "428")},
                parameters=[{"name": "If-Match", "in": "header", "required": True,
                             "schema": {"type": "string"},
                             "description": "The ETag of the vendor as last read."}],
                body="VendorInput", operation_id="updateVendor"),
        },
        "/vendors/{vendor_id}/tier": {
            "parameters": [in_path("vendor_id")],
            "get": op("A vendor's tier and the reasons for it", ALL, {
                **ok("Tier", "The tier."), **errors_of("404")}, operation_id="getVendorTier"),
        },
        "/assessments": {
            "get": op("Assessments, newest first", ALL, {
                **ok("AssessmentPage", "One page of assessments."), **errors_of("400")},
                parameters=[by_vendor, in_query("status", {"enum": STATES}, "Status."),
                            *PAGING], operation_id="listAssessments"),
            "post": op(
                "Create an assessment with the standard the vendor's tier calls for, and "
                "send it (unless send is false)", "procurement", {
                    **ok("Assessment", "Created.", "201", LOCATION),
                    **errors_of("400", "409", "415", "422")},
                body="AssessmentInput", operation_id="createAssessment"),
        },
        "/assessments/{assessment_id}": {
            "parameters": [in_path("assessment_id")],
            "get": op("An assessment with its scores", ALL, {
                **ok("Assessment", "The assessment."), **errors_of("404")},
                operation_id="getAssessment"),
        },
        "/findings": {
            "get": op("Findings, newest first", ALL, {
                **ok("FindingPage", "One page of findings."), **errors_of("400")},
                parameters=[by_vendor, in_query("status", FILTER_TEXT, "Status."), *PAGING],
                operation_id="listFindings"),
        },
        "/contracts": {
            "get": op("Contracts, newest first", ALL, {
                **ok("ContractPage", "One page of contracts."), **errors_of("400")},
                parameters=[by_vendor, *PAGING], operation_id="listContracts"),
        },
        "/incidents": {
            "get": op("Incidents at consignees (procurement: of its own vendors)",
                              ALL, {**ok("IncidentPage", "One page of incidents."),
                                    **errors_of("400")},
                              parameters=[by_vendor, in_query(
                                  "status", {"enum": INCIDENT_STATUS}, "Status."), *PAGING],
                              operation_id="listIncidents"),
        },
        "/incidents/{incident_id}": {
            "parameters": [in_path("incident_id")],
            "get": op("An incident with the nine report items and its deadlines",
                              ALL, {**ok("Incident", "The incident."), **errors_of("404")},
                              operation_id="getIncident"),
        },
        "/audit-events": {
            "get": op("The audit log, newest first", "auditor, admin", {
                **ok("AuditEventPage", "One page of events."), **errors_of("400")},
                parameters=[in_query("action", FILTER_TEXT, "Starts with, e.g. vendor."),
                            in_query("actor", FILTER_TEXT, "Part of the actor's name."),
                            in_query("object_type", FILTER_TEXT, "e.g. vendor"),
                            in_query("object_id", FILTER_TEXT, "The object's id."),
                            in_query("since", {"type": "string", "format": "date"},
                                   "From this day (UTC)."),
                            in_query("until", {"type": "string", "format": "date"},
                                   "Up to and including this day (UTC)."),
                            *PAGING], operation_id="listAuditEvents"),
        },
    }
    schemas = {
        "Problem": PROBLEM, "VendorSummary": obj(VENDOR_SUMMARY),
        "Vendor": obj(VENDOR), "Tier": obj(TIER), "VendorInput": VENDOR_INPUT,
        "AssessmentSummary": obj(ASSESSMENT_SUMMARY), "Assessment": obj(ASSESSMENT),
        "AssessmentInput": ASSESSMENT_INPUT, "Finding": obj(FINDING),
        "Contract": obj(CONTRACT), "Incident": obj(INCIDENT),
        "AuditEvent": obj(AUDIT_EVENT),
        "VendorPage": page_of("VendorSummary"),
        "AssessmentPage": page_of("AssessmentSummary"),
        "FindingPage": page_of("Finding"), "ContractPage": page_of("Contract"),
        "IncidentPage": page_of("Incident"), "AuditEventPage": page_of("AuditEvent"),
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
