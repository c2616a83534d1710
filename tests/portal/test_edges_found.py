"""Paths the edge-value walk found a 500 on: removing a contact who was sent a
questionnaire (the respondent still referred to it), and form fields read as ids with
str.isdigit(), which is true of "²" although int() refuses it."""

from sqlalchemy import select

from tests.helpers import page_text
from tests.portal.conftest import create_and_send
from vendorrisk.assessments.models import Respondent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import VendorContact


def test_a_contact_who_was_sent_a_questionnaire_can_be_removed(app, client, auth,
                                                               vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    with app.app_context():
        contact_id = db.session.scalar(select(VendorContact.id))
    auth.login_as(Role.PROCUREMENT)
    response = client.post(f"/vendors/{vendor_with_contact.id}/contacts/{contact_id}/delete")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(VendorContact, contact_id) is None
        respondent = db.session.scalars(select(Respondent)).one()
        assert (respondent.contact_id, respondent.email) == (None, "hana@vendor.example.com")


def test_a_superscript_digit_in_an_id_field_is_refused_not_a_500(app, client, auth,
                                                                 vendor_with_contact):
    auth.login_as(Role.PROCUREMENT)
    new = client.post(f"/assessments/new/{vendor_with_contact.id}", data={
        "kind": "selection", "version_id": "²", "due_on": "2030-01-01"})
    assert new.status_code == 400
    edit = client.post(f"/vendors/{vendor_with_contact.id}/edit", data={
        "legal_name": "Portal Test K.K.", "owner_id": "²"})
    assert edit.status_code == 400
    summary = client.post("/reports/summary", data={"year": "²"})
    assert summary.status_code == 400
    assert "Choose one of the years offered." in page_text(summary)
