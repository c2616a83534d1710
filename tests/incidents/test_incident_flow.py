"""A consignee reports an incident through its standing link: the incident is
evaluated and flagged, its deadlines set, the approvers e-mailed, and the scheduler opens
a triggered reassessment. A link reads and adds to its own vendor's incidents only."""

from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import func, select

from tests.helpers import page_text
from tests.incidents.conftest import last_link
from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.foundation.clock import JAPAN, utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.models import Incident, IncidentUpdate
from vendorrisk.supervision.runner import run_job

# Friday 4 December 2026, 23:30 in Tokyo (14:30 UTC): the weekend counts.
FRIDAY_NIGHT = datetime(2026, 12, 4, 14, 30, tzinfo=UTC)
REPORT = {
    "reporter_name": "Hana Sato, CISO", "reporter_contact": "hana@acme.example.com",
    "occurred_at": "2026-11-20T09:00", "consignee_aware_at": "2026-11-30T18:00",
    "overview": "A laptop holding the call list was stolen from a car.",
    "data_items": "Names, telephone numbers, order history",
    "categories": ["customer"], "individuals": "1001", "wrongful_purpose": "",
    "cause": "Staff member took the device home against the rules.",
}


def _send_link(client, auth, staff, vendor_id: int, smtp_server) -> str:
    auth.login(staff.reviewer.email)
    page = client.get(f"/incidents/vendors/{vendor_id}").get_data(as_text=True)
    contact_id = page.split('<option value="')[1].split('"')[0]
    sent = client.post(f"/incidents/vendors/{vendor_id}/link", data={"contact_id": contact_id})
    assert sent.status_code == 302, page_text(sent)
    auth.logout()
    return last_link(smtp_server, _contact_email(vendor_id))


def _contact_email(vendor_id: int) -> str:
    from vendorrisk.vendors.models import Vendor
    return db.session.get(Vendor, vendor_id).primary_contact.email


def test_a_vendor_reports_through_its_link_and_everything_follows(
        app, client, auth, staff, portfolio, smtp_server):
    acme = portfolio["Acme Calls"]
    with app.app_context():
        link = _send_link(client, auth, staff, acme, smtp_server)
    vendor = app.test_client()
    with time_machine.travel(FRIDAY_NIGHT, tick=False):
        form = vendor.get(link)
        assert form.status_code == 200
        assert "Report an incident" in page_text(form)
        sent = vendor.post(link, data=REPORT)
        assert sent.status_code == 302, page_text(sent)
    with app.app_context():
        incident = db.session.scalar(select(Incident))
        assert incident.vendor_id == acme
        assert incident.reportable
        assert incident.reasons == ["over_threshold"]
        assert incident.aware_at == FRIDAY_NIGHT == incident.notified_at
        # Aware on Friday the 4th (Tokyo): due by the end of Wednesday the 9th and of
        # Sunday 3 January.
        assert incident.preliminary_due.astimezone(JAPAN) == datetime(
            2026, 12, 8, 23, 59, 59, tzinfo=JAPAN)
        assert incident.final_due.astimezone(JAPAN) == datetime(
            2027, 1, 2, 23, 59, 59, tzinfo=JAPAN)
        incident_id = incident.id
    to_approver = [m for m in smtp_server.messages if m["To"] == staff.approver.email]
    assert len(to_approver) == 1
    assert "Incident reported by Acme Calls" in to_approver[0]["Subject"]
    body = to_approver[0].get_body(preferencelist=("plain",)).get_content()
    assert "preliminary report by 2026-12-08 23:59 JST" in body
    assert f"/incidents/{incident_id}" in body
    assert any(m["To"] == staff.buyer.email for m in smtp_server.messages)  # the owner

    with time_machine.travel(FRIDAY_NIGHT + timedelta(hours=1), tick=False), app.app_context():
        assert run_job("triggers", utcnow()).counts == {"sent_triggered": 1}
        assert run_job("triggers", utcnow()).counts == {}  # once
        triggered = db.session.scalar(select(Assessment).where(
            Assessment.vendor_id == acme, Assessment.kind == AssessmentKind.TRIGGERED))
        assert triggered is not None
        assert triggered.status.value == "sent"

    auth.login(staff.reviewer.email)
    page = page_text(client.get(f"/incidents/{incident_id}"))
    assert "Reportable to the Personal Information Protection Commission" in page
    assert "More than 1,000 people possibly affected" in page
    assert "due by 2026-12-08 23:59 JST" in page
    assert "due by 2027-01-02 23:59 JST" in page
    assert "Counted with the day we became aware as day 1" in page
    assert f"Triggered assessment {triggered.id}" in page
    flagged = page_text(client.get(f"/vendors/{acme}"))
    assert "1 incident at this vendor is open." in flagged

    # The vendor adds what it learnt; staff answer, one note kept internal.
    follow = vendor.post(f"{link}/{incident_id}", data={
        "body": "The laptop was encrypted; the key was not with it.", "author": "Hana"})
    assert follow.status_code == 302
    client.post(f"/incidents/{incident_id}/updates",
                data={"body": "Please send the police report number.", "shared": "y"})
    client.post(f"/incidents/{incident_id}/updates",
                data={"body": "Internal: check the insurance.", "shared": ""})
    seen = page_text(vendor.get(f"{link}/{incident_id}"))
    assert "The laptop was encrypted" in seen
    assert "police report number" in seen
    assert "Internal" not in seen


def test_one_vendors_link_cannot_read_or_add_to_anothers_incidents(
        app, client, auth, staff, portfolio, smtp_server):
    with app.app_context():
        acme_link = _send_link(client, auth, staff, portfolio["Acme Calls"], smtp_server)
        print_link = _send_link(client, auth, staff, portfolio["Print Shop"], smtp_server)
    vendor = app.test_client()
    assert vendor.post(acme_link, data=REPORT).status_code == 302
    with app.app_context():
        incident_id = db.session.scalar(select(Incident.id))
    other = app.test_client()
    listing = page_text(other.get(print_link))
    assert "Print Shop" in listing
    assert "laptop" not in listing
    assert other.get(f"{print_link}/{incident_id}").status_code == 404
    refused = other.post(f"{print_link}/{incident_id}",
                         data={"body": "Injected by another vendor", "author": "Mallory"})
    assert refused.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(IncidentUpdate)) == 0
        # A report through the other link is that vendor's own.
        assert other.post(print_link, data={**REPORT, "individuals": "3"}).status_code == 302
        vendors = db.session.scalars(select(Incident.vendor_id).order_by(Incident.id)).all()
        assert vendors == [portfolio["Acme Calls"], portfolio["Print Shop"]]
    own = other.get(print_link).get_data(as_text=True)  # lists its own report only
    assert own.count(f'href="{print_link}/') == 1
    assert f'href="{print_link}/{incident_id}"' not in own


def test_a_withdrawn_or_expired_link_stops_and_bad_input_changes_nothing(
        app, client, auth, staff, portfolio, smtp_server):
    acme = portfolio["Acme Calls"]
    with app.app_context():
        link = _send_link(client, auth, staff, acme, smtp_server)
    vendor = app.test_client()
    empty = vendor.post(link, data={**REPORT, "overview": "  "})
    assert empty.status_code == 400
    assert "Say what happened (the overview)." in page_text(empty)
    future = vendor.post(link, data={**REPORT, "occurred_at": "2099-01-01T00:00"})
    assert future.status_code == 400
    assert "This time is in the future." in page_text(future)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Incident)) == 0
    with time_machine.travel(utcnow() + timedelta(days=366)):
        assert vendor.get(link).status_code == 410
    auth.login(staff.reviewer.email)
    assert client.post(f"/incidents/vendors/{acme}/link/revoke").status_code == 302
    gone = vendor.get(link)
    assert gone.status_code == 404
    assert "not valid" in page_text(gone)
