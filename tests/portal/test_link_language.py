"""The portal speaks the language the invitation was sent in (the contact's), whatever
the respondent's browser prefers, until they choose another (issue 24)."""

from tests.helpers import page_text
from tests.portal.conftest import create_and_send, link_in
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import update_contact


def _japanese_contact(app, vendor_id: int) -> None:
    with app.app_context():
        vendor = db.session.get(Vendor, vendor_id)
        contact = vendor.contacts[0]
        update_contact(contact, ContactInput(name=contact.name, email=contact.email,
                                             language="ja"), primary=True, actor=None,
                       now=utcnow())
        db.session.commit()


def test_a_japanese_contact_reads_japanese_in_an_english_browser(app, client, auth,
                                                                 smtp_server,
                                                                 vendor_with_contact):
    _japanese_contact(app, vendor_with_contact.id)
    create_and_send(client, auth, vendor_with_contact)
    invitation = smtp_server.messages[-1]
    assert "アンケート" in invitation["Subject"]  # the e-mail in the contact's language
    link = link_in(invitation)
    vendor = app.test_client()
    english_browser = {"Accept-Language": "en-US,en;q=0.9"}
    page = vendor.get(link, headers=english_browser)
    assert page.status_code == 200
    assert 'lang="ja"' in page.get_data(as_text=True)
    chosen = vendor.get(f"{link}?lang=en", headers=english_browser)
    assert 'lang="en"' in chosen.get_data(as_text=True)  # their choice wins, and stays
    assert 'lang="en"' in vendor.get(link, headers=english_browser).get_data(as_text=True)


def test_an_english_contact_in_a_japanese_browser_reads_english(app, client, auth,
                                                                smtp_server,
                                                                vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[-1])
    page = app.test_client().get(link, headers={"Accept-Language": "ja"})
    assert 'lang="en"' in page.get_data(as_text=True)
    assert "Portal Test K.K." in page_text(page)


def test_a_link_that_does_not_resolve_follows_the_browser(app):
    page = app.test_client().get("/portal/not-a-real-token-at-all",
                                 headers={"Accept-Language": "ja"})
    assert page.status_code == 404
    assert 'lang="ja"' in page.get_data(as_text=True)
