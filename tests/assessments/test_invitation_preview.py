"""A draft's page shows each respondent's invitation as it will arrive (in the
respondent's language, a placeholder where the link will be), and sends nothing; what is
sent then is that text with the link in place of the placeholder."""

import html
import re
from datetime import timedelta

from sqlalchemy import func, select

from tests.helpers import page_text
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

PREVIEW = "The invitation, as each respondent will get it"
PLACEHOLDER = "[the personal link, made when the questionnaire is sent]"


def _draft(client, auth, vendor) -> int:
    auth.login_as(Role.PROCUREMENT)
    page = client.get(f"/assessments/new/{vendor.id}").get_data(as_text=True)
    version_id = re.search(r'<option selected value="(\d+)"', page).group(1)
    contacts = re.findall(r'name="contacts" type="checkbox" value="(\d+)"', page)
    response = client.post(f"/assessments/new/{vendor.id}", data={
        "kind": "selection", "version_id": version_id, "contacts": contacts,
        "due_on": (utcnow() + timedelta(days=14)).date().isoformat()})
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip().splitlines()]


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_draft_shows_the_invitation_and_sends_nothing(app, client, auth, smtp_server,
                                                         vendor_with_contact):
    assessment_id = _draft(client, auth, vendor_with_contact)
    page = client.get(f"/assessments/{assessment_id}")
    text = page_text(page)
    assert PREVIEW in text
    assert "To Hana Sato (hana@vendor.example.com), in English" in text
    assert "Dear Hana Sato," in text
    assert PLACEHOLDER in text
    assert "Please answer by" in text
    with app.app_context():
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
    preview = re.search(r'<div class="prewrap">(.*?)</div>',
                        page.get_data(as_text=True), re.S).group(1)
    assert client.post(f"/assessments/{assessment_id}/send").status_code == 302
    (sent,) = smtp_server.messages
    link = re.search(r"https?://\S+/portal/\S+", _body(sent)).group(0)
    shown = html.unescape(preview).replace(PLACEHOLDER, link)
    assert _lines(_body(sent)) == _lines(shown)  # what was previewed, with the link
    assert PREVIEW not in page_text(client.get(f"/assessments/{assessment_id}"))  # sent


def test_each_respondent_in_their_own_language(app, client, auth, vendor_with_contact):
    with app.app_context():
        add_contact(db.session.get(Vendor, vendor_with_contact.id),
                    ContactInput(name="佐藤 花子", email="hanako@vendor.example.com",
                                 language="ja"), primary=False, actor=None, now=utcnow())
        db.session.commit()
    assessment_id = _draft(client, auth, vendor_with_contact)
    text = page_text(client.get(f"/assessments/{assessment_id}?lang=en"))
    assert "To 佐藤 花子 (hanako@vendor.example.com), in 日本語" in text
    assert "佐藤 花子 様" in text  # the Japanese invitation, on an English page
    assert "Dear Hana Sato," in text


def test_only_a_sender_sees_the_preview(app, client, auth, vendor_with_contact):
    assessment_id = _draft(client, auth, vendor_with_contact)
    auth.logout()
    auth.login_as(Role.AUDITOR)
    page = client.get(f"/assessments/{assessment_id}")
    assert page.status_code == 200
    assert PREVIEW not in page_text(page)
