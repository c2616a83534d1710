"""The API's endpoints do what the pages do, through the same services: the register
with its filters and pagination, an assessment created and sent (the e-mail goes out),
incidents narrowed for procurement, the audit log for auditors; and every refusal is a
problem document that names what was wrong."""

from datetime import timedelta

from sqlalchemy import func, select

from tests.api.conftest import bearer
from tests.conftest import VENDOR_BASE
from tests.portal.conftest import vendor_with_contact  # noqa: F401  (fixture)
from tests.supervision.conftest import approved_vendor, load_standards
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.services import IncidentInput, report_incident
from vendorrisk.vendors.models import Vendor

PROBLEM = "application/problem+json"


def test_the_register_pages_with_totals_and_links(client, api_token, make_vendor):
    for number in range(5):
        make_vendor(legal_name=f"Paging {number} K.K.")
    make_vendor(legal_name="Other Co.", country="US", countries=["US"])
    token = bearer(api_token(Role.AUDITOR))
    first = client.get("/api/v1/vendors?q=paging&per_page=2", headers=token).json
    assert (first["total"], first["pages"], first["page"]) == (5, 3, 1)
    assert [item["legal_name"] for item in first["items"]] == ["Paging 0 K.K.",
                                                               "Paging 1 K.K."]
    assert first["links"]["prev"] is None
    last = client.get(first["links"]["last"], headers=token).json
    assert [item["legal_name"] for item in last["items"]] == ["Paging 4 K.K."]
    assert last["links"]["next"] is None
    assert "q=paging" in last["links"]["first"]
    beyond = client.get("/api/v1/vendors?q=paging&per_page=2&page=9", headers=token).json
    assert beyond["items"] == []
    assert beyond["total"] == 5
    bad = client.get("/api/v1/vendors?per_page=1000", headers=token)
    assert bad.status_code == 400
    assert bad.mimetype == PROBLEM
    one = client.get(f"/api/v1/vendors/{first['items'][0]['id']}", headers=token).json
    assert one["tier_details"]["reasons"][0]["text"]
    assert one["updated_at"].endswith("Z")


def test_invalid_input_is_refused_with_every_field_named_and_nothing_changes(
        app, client, api_token):
    token = bearer(api_token(Role.PROCUREMENT))
    wrong = client.post("/api/v1/vendors", headers=token, json={
        **VENDOR_BASE, "country": "XX", "individuals": 12, "colour": "red"})
    assert wrong.status_code == 422
    assert wrong.mimetype == PROBLEM
    fields = {error["field"] for error in wrong.json["errors"]}
    assert fields == {"individuals", "colour"}
    refused = client.post("/api/v1/vendors", headers=token, json={**VENDOR_BASE,
                                                                   "country": "XX"})
    assert refused.status_code == 422
    assert "country" in {error["field"] for error in refused.json["errors"]}
    not_json = client.post("/api/v1/vendors", headers=token, data="legal_name=x",
                           content_type="application/x-www-form-urlencoded", csrf=False)
    assert not_json.status_code == 415
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Vendor)) == 0


def test_an_assessment_is_created_and_sent_through_the_api(
        app, client, api_token, smtp_server, vendor_with_contact):  # noqa: F811
    token = bearer(api_token(Role.PROCUREMENT))
    due = (utcnow().date() + timedelta(days=21)).isoformat()
    created = client.post("/api/v1/assessments", headers=token, json={
        "vendor_id": vendor_with_contact.id, "kind": "selection", "due_on": due})
    assert created.status_code == 201, created.json
    assert created.json["status"] == "sent"
    assert created.headers["Location"] == f"/api/v1/assessments/{created.json['id']}"
    assert [message["To"] for message in smtp_server.messages] == ["hana@vendor.example.com"]
    read = client.get(created.headers["Location"], headers=token).json
    assert read["due_on"] == due
    assert read["sections"] == []  # nothing answered yet
    listed = client.get(f"/api/v1/assessments?vendor_id={vendor_with_contact.id}",
                        headers=token).json
    assert [item["id"] for item in listed["items"]] == [created.json["id"]]
    late = client.post("/api/v1/assessments", headers=token, json={
        "vendor_id": vendor_with_contact.id, "kind": "selection", "due_on": "2020-01-01",
        "contact_ids": ["999999"]})
    assert late.status_code == 422
    assert {error["field"] for error in late.json["errors"]} == {"due_on", "contact_ids"}


def test_incidents_for_procurement_are_its_own_vendors_and_the_log_is_for_auditors(
        app, client, api_token, make_user):
    buyer, other = make_user(Role.PROCUREMENT), make_user(Role.PROCUREMENT)
    today = utcnow().date()
    with app.app_context():
        load_standards(today - timedelta(days=400))
        vendor = approved_vendor("Own Co.", "2", today - timedelta(days=30))
        vendor.owner_id = buyer.id
        incident = report_incident(vendor, IncidentInput(
            reporter_name="Ken", overview="Lost list", categories=("customer",),
            individuals=2000), actor=None, now=utcnow())
        db.session.commit()
        incident_id = incident.id
    own = bearer(api_token(Role.PROCUREMENT, user=buyer))
    theirs = bearer(api_token(Role.PROCUREMENT, user=other))
    assert client.get("/api/v1/incidents", headers=own).json["total"] == 1
    read = client.get(f"/api/v1/incidents/{incident_id}", headers=own).json
    assert read["reportable"] is True
    assert read["reasons"] == ["over_threshold"]
    assert client.get("/api/v1/incidents", headers=theirs).json["total"] == 0
    assert client.get(f"/api/v1/incidents/{incident_id}", headers=theirs).status_code == 404

    assert client.get("/api/v1/audit-events", headers=own).status_code == 403
    log = client.get("/api/v1/audit-events?action=incident.reported",
                     headers=bearer(api_token(Role.AUDITOR))).json
    assert [event["object_id"] for event in log["items"]] == [str(incident_id)]


def test_the_rate_limit_answers_429_as_a_problem(app, client, api_token):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    token = bearer(api_token(Role.AUDITOR))
    statuses = [client.get("/api/v1/contracts", headers=token).status_code
                for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/contracts", headers=token)
    assert limited.mimetype == PROBLEM
    assert limited.json["status"] == 429


def test_the_description_is_served_and_listed(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"] == "3.1.0"
    page = client.get("/api/v1/docs").get_data(as_text=True)
    for path in spec["paths"]:
        assert f"/api/v1{path}" in page
