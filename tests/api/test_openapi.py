"""The API against its OpenAPI document, property-based (schemathesis): for every
operation, generated requests (with an all-roles token) never get a server error, and
every response — status, content type, headers, body — is one the document allows."""

from datetime import timedelta

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import bearer
from tests.supervision.conftest import approved_vendor, load_standards
from vendorrisk.auth.models import Role
from vendorrisk.edges.api.openapi import document
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.services import IncidentInput, report_incident

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


# One test per operation of the document (as the code builds it; the app serves the same).
OPERATIONS = [pytest.param(method.upper(), path, id=f"{method.upper()} {path}")
              for path, item in document()["paths"].items()
              for method in item if method != "parameters"]


@pytest.fixture
def api_schema(app, api_token):
    """The document as served, against an app holding a vendor, an assessment and an
    incident, so that reads find something; a token with every role."""
    today = utcnow().date()
    with app.app_context():
        load_standards(today - timedelta(days=400))
        vendor = approved_vendor("Schema Co.", "2", today - timedelta(days=30))
        report_incident(vendor, IncidentInput(
            reporter_name="Ken", overview="Lost list", categories=("customer",),
            individuals=1500), actor=None, now=utcnow())
        db.session.commit()
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app), api_token(*Role)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_response_is_one_the_document_allows(api_schema, method, path):
    schema, token = api_schema
    operation = schema.find_operation_by_label(f"{method} {path}")

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    def check(case):  # noqa: ANN001, ANN202
        case.call_and_validate(headers=bearer(token), checks=CHECKS)

    check()
