"""The new-vendor form asks for the first contact's language (by default the vendor
country's), and the first invitation goes out in it."""

from sqlalchemy import func, select

from tests.helpers import adopt_standards, page_text
from tests.portal.conftest import create_and_send
from tests.standards.conftest import VALID, write_standard
from tests.vendors.conftest import vendor_form
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import language_for_country


def _register(client, **changes):
    data = {"legal_name": "Language Test Co.", "contact_name": "Hana Sato",
            "contact_email": "hana@lang.example.com", **changes}
    return client.post("/vendors/new", data=vendor_form(**data))


def _vendor(app):
    with app.app_context():
        vendor = db.session.scalar(select(Vendor).where(Vendor.legal_name == "Language Test Co."))
        if vendor is not None:
            db.session.expunge(vendor.primary_contact)
            db.session.expunge(vendor)
        return vendor


def test_the_rule_is_japanese_for_japan_and_english_elsewhere():
    assert language_for_country("JP") == "ja"
    assert language_for_country("jp") == "ja"
    assert language_for_country("US") == "en"
    assert language_for_country("") == "en"


def test_the_form_asks_for_the_language_and_defaults_to_the_country(client, procurement):
    text = page_text(client.get("/vendors/new"))
    assert "Primary contact's language" in text
    assert "By the vendor's country (Japanese for Japan, otherwise English)" in text


def test_a_vendor_in_japan_gets_a_japanese_contact_and_invitation(app, client, auth,
                                                                 procurement, tmp_path):
    assert _register(client, contact_language="").status_code == 302
    vendor = _vendor(app)
    assert vendor.primary_contact.language.value == "ja"
    with app.app_context():
        load_folder(write_standard(tmp_path / "q", VALID).parent.parent, actor=None,
                    now=utcnow())
        adopt_standards(now=utcnow())
        db.session.commit()
    auth.logout()
    create_and_send(client, auth, vendor)
    with app.app_context():
        (message,) = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "invitation")).all()
        assert (message.recipient, message.language.value) == ("hana@lang.example.com", "ja")


def test_a_vendor_elsewhere_gets_an_english_contact(app, client, procurement):
    assert _register(client, country="US", countries=["US"]).status_code == 302
    assert _vendor(app).primary_contact.language.value == "en"


def test_a_chosen_language_wins_over_the_country(app, client, procurement):
    assert _register(client, contact_language="en").status_code == 302
    assert _vendor(app).primary_contact.language.value == "en"
    assert _register(client, legal_name="Other Co.", country="SG", countries=["SG"],
                     contact_email="o@other.example.com",
                     contact_language="ja").status_code == 302
    with app.app_context():
        other = db.session.scalar(select(Vendor).where(Vendor.legal_name == "Other Co."))
        assert other.primary_contact.language.value == "ja"


def test_an_unknown_language_is_refused_and_nothing_is_registered(app, client, procurement):
    response = _register(client, contact_language="xx")
    assert response.status_code == 400
    assert "language" in page_text(response).lower()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Vendor)) == 0
