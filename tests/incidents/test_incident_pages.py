"""Staff handling of an incident: recording, correcting (the evaluation follows), the PPC
reports, closing; the scheduler's deadline reminders; the draft report for the PPC; who
sees which incident."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from pypdf import PdfReader
from sqlalchemy import select

from tests.helpers import page_text
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import JAPAN
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.models import Incident
from vendorrisk.reports.summary import annual_summary
from vendorrisk.supervision.runner import run_job

# Monday 30 November 2026, 10:00 in Tokyo.
MONDAY = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
RECORD = {"reporter_name": "Ken Mori (by telephone)", "overview": "A USB stick with the "
          "call list is missing.", "categories": ["customer"], "individuals": "10",
          "notified_at": "2026-11-30T09:30"}


def _record(client, vendor_id: int, **changes) -> int:
    response = client.post(f"/incidents/new/{vendor_id}", data={**RECORD, **changes})
    assert response.status_code == 302, page_text(response)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _to(smtp_server, email: str) -> list[str]:
    return [m["Subject"] for m in smtp_server.messages if m["To"] == email]


@time_machine.travel(MONDAY, tick=False)
def test_correcting_the_facts_moves_the_evaluation_and_closing_needs_the_final_report(
        app, client, auth, staff, portfolio, smtp_server):
    acme = portfolio["Acme Calls"]
    auth.login(staff.buyer.email)  # procurement records it for its own vendor
    incident_id = _record(client, acme)
    page = page_text(client.get(f"/incidents/{incident_id}"))
    assert "not reportable to the PPC" in page
    assert "Incident reported by Acme Calls" in _to(smtp_server, staff.approver.email)[0]
    assert client.get(f"/incidents/{incident_id}/edit").status_code == 403
    auth.logout()

    auth.login(staff.reviewer.email)
    edited = client.post(f"/incidents/{incident_id}/edit", data={
        **RECORD, "wrongful_purpose": "y", "aware_at": "2026-11-30T09:45",
        "note": "Police suspect theft from the courier van."})
    assert edited.status_code == 302, page_text(edited)
    with app.app_context():
        incident = db.session.get(Incident, incident_id)
        assert incident.reasons == ["wrongful_purpose"]
        assert incident.final_due.astimezone(JAPAN) == datetime(
            2027, 1, 28, 23, 59, 59, tzinfo=JAPAN)  # 60 days, 30 November the first
        assert incident.preliminary_due.astimezone(JAPAN) == datetime(
            2026, 12, 4, 23, 59, 59, tzinfo=JAPAN)
    assert any("the incident is reportable to the PPC" in subject
               for subject in _to(smtp_server, staff.approver.email))
    page = page_text(client.get(f"/incidents/{incident_id}"))
    assert "Possibly a wrongful act" in page
    assert "Police suspect theft" in page
    assert "It may have been done on purpose (an attack, theft, an insider): False → True" \
        in page

    too_early = client.post(f"/incidents/{incident_id}/close", data={"note": "Done"})
    assert too_early.status_code == 409
    assert "Record the final report to the PPC before closing" in page_text(too_early)
    future = client.post(f"/incidents/{incident_id}/reported",
                         data={"which": "preliminary", "reported_at": "2026-12-30T10:00"})
    assert future.status_code == 400
    for which in ("preliminary", "final"):
        made = client.post(f"/incidents/{incident_id}/reported",
                           data={"which": which, "reported_at": "2026-11-30T10:00"})
        assert made.status_code == 302, page_text(made)
    closed = client.post(f"/incidents/{incident_id}/close",
                         data={"note": "Stick recovered; reports made."})
    assert closed.status_code == 302
    late = client.post(f"/incidents/{incident_id}/updates", data={"body": "More"})
    assert late.status_code == 409
    assert "closed" in page_text(late)
    with app.app_context():
        summary = annual_summary(2026, today=MONDAY.date(), expiring_days=60)
        assert (summary.incidents.reported, summary.incidents.reportable,
                summary.incidents.preliminary_late, summary.incidents.open_now) == (1, 1, 0, 0)


def test_the_scheduler_reminds_of_each_ppc_deadline_once(
        app, client, auth, staff, portfolio, smtp_server):
    with time_machine.travel(MONDAY, tick=False):
        auth.login(staff.reviewer.email)
        incident_id = _record(client, portfolio["Acme Calls"], individuals="1500")
    smtp_server.messages.clear()

    def sweep(when: datetime) -> dict:
        with time_machine.travel(when, tick=False), app.app_context():
            counts = run_job("incidents", when).counts
            run_job("outbox", when)
            return counts

    # Aware Monday 30 November, day 1: the warning is Wednesday, the report due Friday
    assert sweep(MONDAY + timedelta(days=1)) == {}
    assert sweep(MONDAY + timedelta(days=2)) == {"preliminary_due": 1}
    assert sweep(MONDAY + timedelta(days=3)) == {}
    assert sweep(MONDAY + timedelta(days=5)) == {"preliminary_overdue": 1}
    assert [s for s in _to(smtp_server, staff.approver.email)] == [
        "Acme Calls: preliminary PPC report due by 2026-12-04 23:59 JST"] * 2
    with time_machine.travel(MONDAY + timedelta(days=5), tick=False):
        auth.login(staff.reviewer.email)
        made = client.post(f"/incidents/{incident_id}/reported",
                           data={"which": "preliminary", "reported_at": "2026-12-05T09:00"})
        assert made.status_code == 302, page_text(made)
    # Final: due 29 December; reminded as far ahead as the preliminary (two days).
    assert sweep(MONDAY + timedelta(days=26)) == {}
    assert sweep(MONDAY + timedelta(days=27)) == {"final_due": 1}
    assert sweep(MONDAY + timedelta(days=30)) == {"final_overdue": 1}
    with app.app_context():
        summary = annual_summary(2026, today=(MONDAY + timedelta(days=31)).date(),
                                 expiring_days=60)
        assert summary.incidents.preliminary_late == 1  # made on the 5th, due the 4th


@time_machine.travel(MONDAY, tick=False)
def test_the_draft_for_the_ppc_carries_the_nine_items_in_both_languages(
        app, client, auth, staff, portfolio):
    auth.login(staff.reviewer.email)
    incident_id = _record(client, portfolio["Acme Calls"], individuals="1001",
                          cause="<img src=\"file:///etc/passwd\"> courier error",
                          recurrence_prevention="Sealed bags; two-person handover.")
    response = client.get(f"/incidents/{incident_id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    flat = " ".join(text.split())
    for heading in ("① 概要 / Overview", "③ 本人の数 / Number of individuals",
                    "④ 原因 / Cause", "⑧ 再発防止のための措置 / Recurrence prevention",
                    "⑨ その他参考となる事項 / Other"):
        assert heading in flat
    assert "A USB stick with the call list is missing." in flat
    assert "1,001" in flat
    assert "本人の数が1,000人を超える" in flat
    assert '<img src="file:///etc/passwd"> courier error' in flat  # text, never fetched
    assert "Sealed bags; two-person handover." in flat
    assert "Acme Calls" in flat


PAGES = ("/incidents/{id}", "/incidents/{id}/report.pdf", "/incidents/vendors/{vendor}",
         "/incidents/new/{vendor}", "/incidents/{id}/edit")


@pytest.mark.parametrize(("who", "expected"), [
    ("buyer", (200, 200, 200, 200, 403)),  # owns the vendor; correcting is not its part
    ("other_buyer", (404, 404, 404, 404, 403)),  # another buyer's vendor is not there
    ("reviewer", (200, 200, 200, 200, 200)),
    ("approver", (200, 200, 200, 200, 200)),
    ("auditor", (200, 200, 200, 403, 403)),  # reads everything, changes nothing
])
def test_who_sees_which_incident(app, client, auth, staff, portfolio, who, expected):
    auth.login(staff.reviewer.email)
    incident_id = _record(client, portfolio["Acme Calls"])
    auth.logout()
    auth.login(getattr(staff, who).email)
    paths = [path.format(id=incident_id, vendor=portfolio["Acme Calls"]) for path in PAGES]
    assert tuple(client.get(path).status_code for path in paths) == expected
    listed = f'href="/incidents/{incident_id}"' in client.get("/incidents/").get_data(
        as_text=True)
    exported = "A USB stick" in client.get("/incidents/export.csv").get_data(as_text=True)
    assert listed == exported == (who != "other_buyer")
    if who == "auditor":
        refused = client.post(f"/incidents/{incident_id}/close", data={"note": "x"})
        assert refused.status_code == 403
        with app.app_context():
            assert db.session.scalar(select(Incident.status)).value == "open"


def test_an_admin_holding_no_other_role_reads_but_does_not_record(
        client, auth, staff, portfolio):
    auth.login_as(Role.ADMIN)
    assert client.get(f"/incidents/vendors/{portfolio['Acme Calls']}").status_code == 200
    assert client.post(f"/incidents/new/{portfolio['Acme Calls']}",
                       data=RECORD).status_code == 403


@time_machine.travel(MONDAY, tick=False)
@pytest.mark.parametrize(("consignee_aware", "late"), [
    ("2026-11-28T09:00", "late: 48 hours after it became aware, beyond the 24 hours its "
                         "contract allows"),
    ("2026-11-29T09:30", None),  # exactly 24 hours: in time
    ("", None)])  # not known: nothing to flag
def test_a_consignee_telling_us_after_its_contract_s_24_hours_is_flagged(
        client, auth, staff, portfolio, consignee_aware, late):
    auth.login(staff.reviewer.email)
    incident_id = _record(client, portfolio["Acme Calls"], consignee_aware_at=consignee_aware)
    page = page_text(client.get(f"/incidents/{incident_id}"))
    if late:
        assert late in page
    else:
        assert "its contract allows" not in page


@time_machine.travel(MONDAY, tick=False)
def test_the_page_says_when_the_count_starts_the_day_after_awareness(
        app, client, auth, staff, portfolio):
    app.config["INCIDENT_AWARENESS_DAY_COUNTS"] = False
    auth.login(staff.reviewer.email)
    incident_id = _record(client, portfolio["Acme Calls"], individuals="1500")
    page = page_text(client.get(f"/incidents/{incident_id}"))
    assert "Counted from the day after we became aware" in page
    assert "due by 2026-12-05 23:59 JST" in page  # 30 November does not count
