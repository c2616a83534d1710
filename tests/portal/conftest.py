"""A vendor with a contact, the small test standard loaded, and helpers to send it."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from tests.helpers import adopt_standards
from tests.standards.conftest import VALID, write_standard
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

LINK = re.compile(r"https?://\S+/portal/[A-Za-z0-9_-]+")


@pytest.fixture
def vendor_with_contact(app, make_vendor, tmp_path):
    vendor = make_vendor(legal_name="Portal Test K.K.")
    with app.app_context():
        stored = db.session.get(Vendor, vendor.id)
        add_contact(stored, ContactInput(name="Hana Sato", email="hana@vendor.example.com",
                                         language="en"), primary=True, actor=None,
                    now=utcnow())
        load_folder(write_standard(tmp_path / "q", VALID).parent.parent, actor=None,
                    now=utcnow())
        adopt_standards(now=utcnow())
        db.session.commit()
    return vendor


def create_and_send(client, auth, vendor, sender_email: str | None = None) -> int:
    """As procurement (a new user, or ``sender_email``): create a draft for ``vendor`` and
    send it; return its id."""
    if sender_email:
        assert auth.login(sender_email).status_code == 302
    else:
        auth.login_as(Role.PROCUREMENT)
    page = client.get(f"/assessments/new/{vendor.id}").get_data(as_text=True)
    version_id = re.search(r'<option selected value="(\d+)"', page).group(1)
    contact_id = re.search(r'name="contacts" type="checkbox" value="(\d+)"', page).group(1)
    response = client.post(f"/assessments/new/{vendor.id}", data={
        "kind": "selection", "version_id": version_id,
        "due_on": (utcnow() + timedelta(days=14)).date().isoformat(),
        "contacts": [contact_id]})
    assert response.status_code == 302, response.get_data(as_text=True)
    assessment_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert client.post(f"/assessments/{assessment_id}/send").status_code == 302
    auth.logout()
    return assessment_id


def csrf_of(client, link) -> str:
    """The CSRF token a portal page hands to its browser (and the client's session)."""
    html = client.get(link).get_data(as_text=True)
    return html.split('name="csrf-token" content="')[1].split('"')[0]


def link_in(message) -> str:
    """The portal path (/portal/<token>) in an e-mail's text body."""
    body = message.get_body(preferencelist=("plain",)).get_content()
    return urlsplit(LINK.search(body).group(0)).path
