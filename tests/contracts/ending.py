"""Small helpers the termination tests share: ending a vendor through the page, the
deletion link e-mailed to its contact, and the certificate uploaded through it."""

import io
import re
from datetime import timedelta

from tests.helpers import page_text
from vendorrisk.contracts.models import Termination
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

CERTIFICATE = b"%PDF-1.4\n% certificate of deletion, backups included\n%%EOF\n"
DELETION_LINK = re.compile(r"https?://\S+(/portal/deletion/[A-Za-z0-9_-]+)")


def vendor_status(app, vendor_id: int) -> str:
    with app.app_context():
        return db.session.get(Vendor, vendor_id).status.value


def terminate(client, vendor_id: int, *, due_in: int = 30) -> int:
    today = utcnow().date()
    response = client.post(f"/contracts/terminate/{vendor_id}", data={
        "terminated_on": today.isoformat(),
        "due_on": (today + timedelta(days=due_in)).isoformat(),
        "reason": "The call-centre service moves in-house."})
    assert response.status_code == 302, page_text(response)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def send_link(app, client, termination_id: int, smtp_server) -> str:
    with app.app_context():
        contact_id = db.session.get(Termination, termination_id).vendor.contacts[0].id
    sent = client.post(f"/contracts/terminations/{termination_id}/link",
                       data={"contact_id": contact_id})
    assert sent.status_code == 302
    body = smtp_server.messages[-1].get_body(preferencelist=("plain",)).get_content()
    return DELETION_LINK.search(body).group(1)


def upload_certificate(vendor_client, link: str, **changes):
    html = vendor_client.get(link).get_data(as_text=True)
    token = html.split('name="csrf-token" content="')[1].split('"')[0]
    data = {"csrf_token": token, "file": (io.BytesIO(CERTIFICATE), "deletion.pdf"),
            "submitted_by_name": "Hana Sato, CISO", "deleted_on": utcnow().date().isoformat(),
            "statement": "All customer records and their backups erased on 2 servers.",
            **changes}
    return vendor_client.post(link, data=data, content_type="multipart/form-data")


def certificate_ids(app, termination_id: int) -> list[int]:
    with app.app_context():
        return [c.id for c in db.session.get(Termination, termination_id).certificates]
