"""SQL-injection strings in every search box and filter of every list page and export
(and the API's lists): no server error, nothing changed, nothing found that should not
be. Queries bind every value, so the strings are just text that matches nothing."""

import pytest
from sqlalchemy import select

from tests.api.conftest import api_token, bearer  # noqa: F401  (a fixture)
from tests.helpers import table_snapshot
from tests.test_roles import EXPECTED
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

PAYLOADS = [
    "' OR '1'='1", "' OR 1=1 --", "1; DROP TABLE vendors; --", '" OR ""="',
    "%' AND 1=0 UNION SELECT password_hash, email FROM users --",
    "1 UNION SELECT NULL,NULL,NULL--", "'; UPDATE users SET active=false; --",
    "\\'; SELECT pg_sleep(5); --", "1' AND SLEEP(5)#", "*/ OR /* 1", "%", "_", "\\",
    "\x00' OR 1=1",
]
# Every query argument a list page, an export or an API list reads.
NAMES = ("q", "status", "tier", "type", "classification", "country", "category", "owner",
         "sort", "page", "per_page", "action", "object_type", "object_id", "actor",
         "vendor_id", "kind", "year", "expiring_within", "severity", "flagged",
         "missing_clauses", "deletion_overdue", "lang", "from", "to")
API_LISTS = ("/api/v1/vendors", "/api/v1/assessments", "/api/v1/findings",
             "/api/v1/contracts", "/api/v1/incidents", "/api/v1/audit-events")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_strings_in_every_filter_find_nothing_and_change_nothing(
        app, client, auth, make_vendor, api_token, payload):  # noqa: F811
    make_vendor(legal_name="Bound Parameters K.K.")
    auth.login_as(*Role)
    token = bearer(api_token(Role.AUDITOR))
    with app.app_context():
        before = table_snapshot()
    for path in [*EXPECTED, *API_LISTS]:
        response = client.get(path, query_string={name: payload for name in NAMES},
                              headers=token if path.startswith("/api/") else {})
        response.close()
        assert response.status_code in (200, 400), (path, response.status_code)
        if path == "/vendors/" and response.status_code == 200:
            assert "Bound Parameters K.K." not in response.get_data(as_text=True)
    with app.app_context():
        after = table_snapshot()
        # Downloads and API uses are audited; nothing else may change.
        assert {name for name in before if before[name] != after[name]} <= {
            "audit_events", "api_tokens"}
        assert db.session.scalar(select(Vendor.legal_name)) == "Bound Parameters K.K."
