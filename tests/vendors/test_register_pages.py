"""Creating and editing vendors through the pages; the tier follows, audited."""

from sqlalchemy import select

from tests.helpers import page_text, table_snapshot
from tests.vendors.conftest import vendor_form
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor


def _vendor(app, vendor_id):
    with app.app_context():
        vendor = db.session.get(Vendor, vendor_id)
        db.session.expunge(vendor)
        return vendor


def _events(app, action, vendor_id):
    with app.app_context():
        return db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == action, AuditEvent.object_id == str(vendor_id))
            .order_by(AuditEvent.seq)).all()


def test_procurement_registers_a_vendor_and_sees_its_tier(app, client, procurement):
    response = client.post("/vendors/new", data=vendor_form(
        legal_name="Tokyo Call Co.", corporate_number="4011001098993",
        contact_name="Hanako Sato", contact_email="sato@call.example.com"))
    assert response.status_code == 302
    page = page_text(client.get(response.headers["Location"]))
    assert "Tokyo Call Co." in page
    assert "Tier 2" in page
    assert "customer or employee data (S = 3) rules out tier 3" in page
    assert "Hanako Sato" in page
    with app.app_context():
        vendor = db.session.scalar(select(Vendor).where(Vendor.legal_name == "Tokyo Call Co."))
        assert vendor.corporate_number == "4011001098993"
        assert vendor.primary_contact.email == "sato@call.example.com"
        actions = [e.action for e in db.session.scalars(select(AuditEvent).where(
            AuditEvent.object_type == "vendor"))]
        assert actions == ["vendor.created", "vendor.tier_computed", "vendor.contact_added"]


def test_profile_change_recomputes_the_tier_and_audits_it(app, client, procurement,
                                                          make_vendor):
    vendor = make_vendor()
    assert vendor.tier == "2"
    response = client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name=vendor.legal_name, categories=["customer", "my_number"]))
    assert response.status_code == 302
    assert _vendor(app, vendor.id).tier == "1"
    computed = _events(app, "vendor.tier_computed", vendor.id)
    assert [(e.details["from"], e.details["to"]) for e in computed] == [(None, "2"), ("2", "1")]
    assert computed[-1].details["cause"] == "profile changed"
    assert computed[-1].details["reasons"][0]["code"] == "tier_1_sensitive"
    updated = _events(app, "vendor.updated", vendor.id)[-1]
    assert updated.details["categories"] == [["customer"], ["customer", "my_number"]]


def test_saving_without_changes_writes_no_audit_row(app, client, procurement, make_vendor):
    vendor = make_vendor()
    client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(legal_name=vendor.legal_name))
    assert _events(app, "vendor.updated", vendor.id) == []


def test_bad_vendor_input_lists_every_problem_and_changes_nothing(app, client, procurement):
    with app.app_context():
        before = table_snapshot()
    response = client.post("/vendors/new", data=vendor_form(
        legal_name="", corporate_number="1234567890123", country="XX",
        website="ftp://x", classification_reason="", countries=[]))
    assert response.status_code == 400
    text = page_text(response)
    for message in ["Enter the vendor's legal name.",
                    "A corporate number has 13 digits and a valid check digit",
                    "Record why the relationship is classified this way.",
                    "Enter a web address starting with https://.",
                    "List every country where the data is stored"]:
        assert message in text
    with app.app_context():
        assert table_snapshot() == before


def test_duplicate_corporate_number_is_refused(app, client, procurement, make_vendor):
    make_vendor(legal_name="First K.K.", corporate_number="4011001098993")
    response = client.post("/vendors/new", data=vendor_form(
        legal_name="Second K.K.", corporate_number="4011-0010-98993"))
    assert response.status_code == 400
    assert "First K.K. already has this corporate number." in page_text(response)


def test_workflow_statuses_cannot_be_set_by_hand(app, client, procurement, make_vendor):
    vendor = make_vendor()
    response = client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name=vendor.legal_name, status="approved"))
    assert response.status_code == 400
    assert _vendor(app, vendor.id).status == "prospect"


def test_no_personal_data_with_categories_is_contradictory(client, procurement):
    response = client.post("/vendors/new", data=vendor_form(classification="no_personal_data"))
    assert response.status_code == 400
    assert "cannot have data categories" in page_text(response)


def test_reviewer_overrides_the_tier_with_a_justification(app, client, auth, make_vendor):
    vendor = make_vendor()
    reviewer = auth.login_as(Role.REVIEWER)
    refused = client.post(f"/vendors/{vendor.id}/tier",
                          data={"tier": "1", "justification": "because"},
                          follow_redirects=True)
    assert "Explain the override in at least 20 characters" in page_text(refused)
    assert _vendor(app, vendor.id).tier == "2"
    justification = "Handles complaints that often include health details."
    response = client.post(f"/vendors/{vendor.id}/tier",
                           data={"tier": "1", "justification": justification})
    assert response.status_code == 302
    stored = _vendor(app, vendor.id)
    assert (stored.tier, stored.computed_tier, stored.tier_override_by_id) == ("1", "2",
                                                                              reviewer.id)
    (event,) = _events(app, "vendor.tier_overridden", vendor.id)
    assert event.details == {"from": "2", "to": "1", "computed": "2",
                             "justification": justification}
    page = page_text(client.get(f"/vendors/{vendor.id}"))
    assert "Tier set by hand by" in page
    client.post(f"/vendors/{vendor.id}/tier", data={"tier": "1", "justification": "",
                                                    "clear": "1"})
    assert _vendor(app, vendor.id).tier == "2"


def test_override_survives_a_recomputation(app, client, auth, make_vendor):
    vendor = make_vendor()
    auth.login_as(Role.APPROVER)
    client.post(f"/vendors/{vendor.id}/tier",
                data={"tier": "3", "justification": "Only pseudonymised identifiers reach them."})
    auth.logout()
    auth.login_as(Role.PROCUREMENT)
    client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name=vendor.legal_name, criticality="severe"))
    stored = _vendor(app, vendor.id)
    assert (stored.tier, stored.computed_tier) == ("3", "1")


def test_procurement_cannot_override_a_tier(client, procurement, make_vendor):
    vendor = make_vendor()
    response = client.post(f"/vendors/{vendor.id}/tier",
                           data={"tier": "3", "justification": "x" * 30})
    assert response.status_code == 403


def test_readers_see_the_register_but_cannot_edit(client, auth, make_vendor):
    vendor = make_vendor()
    auth.login_as(Role.AUDITOR)
    assert client.get("/vendors/").status_code == 200
    assert client.get(f"/vendors/{vendor.id}").status_code == 200
    assert client.get(f"/vendors/{vendor.id}/edit").status_code == 403
    assert client.post("/vendors/new", data=vendor_form()).status_code == 403


def test_country_without_a_record_flags_the_vendor(app, client, auth, make_vendor):
    flagged = make_vendor(legal_name="Overseas Ltd.", countries=["JP", "US"])
    make_vendor(legal_name="Domestic K.K.")
    auth.login_as(Role.REVIEWER)
    page = page_text(client.get(f"/vendors/{flagged.id}"))
    assert "Data is handled in United States, which has no record" in page
    listing = page_text(client.get("/vendors/?flagged=1"))
    assert "Overseas Ltd." in listing
    assert "Domestic K.K." not in listing
    response = client.post("/vendors/countries/US", data={
        "regime_summary": "Sectoral laws and state laws.", "source": "PPC survey",
        "checked_on": "2026-10-01", "measures": "Contract clauses."})
    assert response.status_code == 302
    assert "Overseas Ltd." not in page_text(client.get("/vendors/?flagged=1"))


def test_country_record_in_the_future_is_refused(client, auth):
    auth.login_as(Role.REVIEWER)
    response = client.post("/vendors/countries/US", data={
        "regime_summary": "x", "source": "y", "checked_on": "2999-01-01", "measures": "z"})
    assert response.status_code == 400
    assert "cannot be in the future" in page_text(response)


def test_contacts_keep_exactly_one_primary(app, client, procurement, make_vendor):
    vendor = make_vendor()
    for name, primary in (("First", "y"), ("Second", "y")):
        data = {"name": name, "email": f"{name.lower()}@v.example.com", "language": "ja"}
        if primary:
            data["primary"] = "y"
        assert client.post(f"/vendors/{vendor.id}/contacts/new", data=data).status_code == 302
    with app.app_context():
        stored = db.session.get(Vendor, vendor.id)
        assert [(c.name, c.is_primary) for c in stored.contacts] == [("Second", True),
                                                                    ("First", False)]
        primary_id = stored.primary_contact.id
    response = client.post(f"/vendors/{vendor.id}/contacts/{primary_id}/delete",
                           follow_redirects=True)
    assert "Make another contact primary before removing this one." in page_text(response)


def test_contact_of_another_vendor_is_not_reachable(app, client, procurement, make_vendor):
    first, second = make_vendor(), make_vendor()
    client.post(f"/vendors/{first.id}/contacts/new",
                data={"name": "A", "email": "a@v.example.com", "language": "en"})
    with app.app_context():
        contact_id = db.session.get(Vendor, first.id).contacts[0].id
    assert client.get(f"/vendors/{second.id}/contacts/{contact_id}").status_code == 404


def test_bad_contact_email_is_refused(client, procurement, make_vendor):
    vendor = make_vendor()
    response = client.post(f"/vendors/{vendor.id}/contacts/new",
                           data={"name": "A", "email": "not-an-address", "language": "en"})
    assert response.status_code == 400
    assert "Enter a valid e-mail address for the contact." in page_text(response)
