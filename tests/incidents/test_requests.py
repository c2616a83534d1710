"""An individual's request reaches exactly the consignees whose profile holds the data
concerned, each through its own link; it closes with the last confirmation; a consignee
that has not answered by the due date is reminded and escalated, once."""

import io
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from tests.helpers import page_text, table_snapshot
from tests.incidents.conftest import last_link
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.requests.models import DataRequest
from vendorrisk.supervision.runner import run_job

EVIDENCE = b"%PDF-1.4\n% deletion log: customer 4711 erased from CRM and backups\n%%EOF\n"


def _request(client, **changes):
    today = utcnow().date()
    return client.post("/incidents/requests/new", data={
        "kind": "deletion", "reference": "REQ-2026-014",
        "subject": "Customer number 4711 (Taro Yamada)",
        "details": "Delete every record of this customer, backups included.",
        "categories": ["customer"], "received_on": today.isoformat(),
        "due_on": (today + timedelta(days=7)).isoformat(), **changes})


def _contact(name: str) -> str:
    return name.lower().replace(" ", "") + "@vendor.example.com"


def test_a_deletion_request_reaches_the_holders_and_closes_after_the_last_answer(
        app, client, auth, staff, portfolio, smtp_server):
    auth.login(staff.reviewer.email)
    created = _request(client)
    assert created.status_code == 302, page_text(created)
    with app.app_context():
        item = db.session.scalar(select(DataRequest))
        holders = sorted(task.vendor.legal_name for task in item.tasks)
        request_id = item.id
    # Customer data: Acme (customer) and Payroll (employee + customer); not Print Shop
    # (employee only), not the prospect (holds nothing of ours yet).
    assert holders == ["Acme Calls", "Payroll Partners"]
    recipients = sorted(m["To"] for m in smtp_server.messages)
    assert recipients == [_contact("Acme Calls"), _contact("Payroll Partners")]
    acme_link = last_link(smtp_server, _contact("Acme Calls"))
    payroll_link = last_link(smtp_server, _contact("Payroll Partners"))
    assert acme_link != payroll_link

    acme = app.test_client()
    assert "Customer number 4711" in page_text(acme.get(acme_link))
    done = acme.post(acme_link, data={
        "outcome": "done", "note": "Erased from the CRM and both backups on 2 Dec.",
        "answered_by_name": "Hana Sato", "file": (io.BytesIO(EVIDENCE), "erasure-log.pdf")},
        content_type="multipart/form-data")
    assert done.status_code == 302, page_text(done)
    assert acme.post(acme_link, data={"outcome": "not_held", "answered_by_name": "X"}
                     ).status_code == 409  # answered once, and that is that
    with app.app_context():
        item = db.session.get(DataRequest, request_id)
        assert item.status.value == "open"  # Payroll has not answered
        acme_task = next(t for t in item.tasks if t.vendor.legal_name == "Acme Calls")
        with storage().open(acme_task.evidence_sha256) as stored:
            assert stored.read() == EVIDENCE

    payroll = app.test_client()
    with app.app_context():
        before = table_snapshot()
    refused = payroll.post(payroll_link, data={"outcome": "refused", "note": " ",
                                               "answered_by_name": "Jun"})
    assert refused.status_code == 400
    assert "Say why the request is refused." in page_text(refused)
    with app.app_context():
        after = table_snapshot()
        # Only the link's use was logged.
        assert {name for name in before if before[name] != after[name]} == {"audit_events"}
    answered = payroll.post(payroll_link, data={
        "outcome": "not_held", "note": "", "answered_by_name": "Jun Ito"})
    assert answered.status_code == 302
    with app.app_context():
        item = db.session.get(DataRequest, request_id)
        assert item.status.value == "closed"
        assert item.closed_at is not None
    page = page_text(client.get(f"/incidents/requests/{request_id}"))
    assert "Closed: every consignee answered" in page
    assert "No data of this person held" in page
    assert "erasure-log.pdf" in page
    csv = client.get("/incidents/requests/export.csv").get_data(as_text=True)
    assert csv.count("REQ-2026-014") == 2
    assert "Acme Calls" in csv
    assert "not" in csv.lower()


def test_a_request_nobody_holds_closes_at_once_and_bad_input_is_refused(
        app, client, auth, staff, portfolio, smtp_server):
    auth.login(staff.reviewer.email)
    with app.app_context():
        before = table_snapshot()
    missing = _request(client, categories=[])
    assert missing.status_code == 400
    assert "Tick the kinds of data the request concerns." in page_text(missing)
    past = _request(client, due_on=(utcnow().date() - timedelta(days=1)).isoformat())
    assert past.status_code == 400
    assert "today or later" in page_text(past)
    with app.app_context():
        assert table_snapshot() == before
    nobody = _request(client, categories=["my_number"])
    assert nobody.status_code == 302
    assert "No consignee holds these kinds of data" in page_text(
        client.get(nobody.headers["Location"]))
    assert smtp_server.messages == []


def test_an_unanswered_task_is_reminded_and_escalated_once_after_the_due_date(
        app, client, auth, staff, portfolio, smtp_server):
    auth.login(staff.reviewer.email)
    assert _request(client, categories=["employee"]).status_code == 302  # Payroll, Print
    smtp_server.messages.clear()
    with time_machine.travel(utcnow() + timedelta(days=8)), app.app_context():
        assert run_job("incidents", utcnow()).counts == {"request_tasks_overdue": 2}
        assert run_job("incidents", utcnow()).counts == {}
        run_job("outbox", utcnow())
    subjects = sorted((m["To"], m["Subject"]) for m in smtp_server.messages)
    to_vendors = [s for s in subjects if s[0].endswith("@vendor.example.com")]
    assert [s[0] for s in to_vendors] == [_contact("Payroll Partners"), _contact("Print Shop")]
    assert all("Overdue: your confirmation of request REQ-2026-014" in s[1]
               for s in to_vendors)
    to_staff = [s for s in subjects if s[0] in (staff.approver.email, staff.reviewer.email)]
    assert len(to_staff) == 4  # the approver and the request's author, per consignee
    assert all("has not confirmed request REQ-2026-014" in s[1] for s in to_staff)


def test_in_the_tokyo_morning_both_readings_of_today_are_accepted(
        app, client, auth, staff, portfolio):
    """At 01:00 in Tokyo UTC is a day behind: received "today" in Tokyo is not a day to
    come, and due "today" in UTC has not passed (the pages' days are never refused for the
    hours between the two zones)."""
    with time_machine.travel(datetime(2027, 3, 1, 16, 0, tzinfo=UTC), tick=False):
        auth.login(staff.reviewer.email)
        made = _request(client, categories=["my_number"], received_on="2027-03-02",
                        due_on="2027-03-01")
        assert made.status_code == 302, page_text(made)
        later = _request(client, categories=["my_number"], received_on="2027-03-03")
        assert later.status_code == 400
