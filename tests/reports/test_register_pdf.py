"""The consignee register PDF: asked for on the register page with its filters, rendered
in the background by the scheduler's job (never in the request), downloaded by the one
who asked; its text read back in Japanese and English."""

import io

from apscheduler.schedulers.background import BackgroundScheduler
from pypdf import PdfReader
from sqlalchemy import select

from tests.contracts.conftest import record_contract
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.edges.scheduler.wiring import configure
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.models import ReportRun, RunStatus
from vendorrisk.reports.queue import render_queued


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    return "".join(text.split())


def _render(app) -> int:
    with app.app_context():
        return render_queued(utcnow())


def test_the_register_pdf_is_made_in_the_background_with_the_page_filters(
        app, client, auth, make_vendor):
    payroll = make_vendor(legal_name="Kyuyo Payroll K.K.", legal_name_ja="給与計算株式会社",
                          categories=["employee", "my_number"], countries=["JP", "SG"],
                          individuals="up_to_100000", criticality="severe")
    make_vendor(legal_name="Plain Print Co.", categories=["customer"])
    auth.login_as(Role.PROCUREMENT)
    record_contract(client, payroll.id, title="Payroll outsourcing agreement")
    register = client.get("/vendors/?q=payroll").get_data(as_text=True)
    assert 'action="/reports/register"' in register

    response = client.post("/reports/register", data={"q": "payroll", "lang": "ja"})
    assert response.status_code == 302
    run_page = response.headers["Location"]
    waiting = client.get(run_page).get_data(as_text=True)
    assert 'http-equiv="refresh"' in waiting  # the page watches until it is ready
    assert "/file" not in waiting
    assert client.get(f"{run_page}/file").status_code == 404  # nothing to fetch yet

    assert _render(app) == 1  # the scheduler's job takes it
    assert _render(app) == 0  # and only once
    ready = client.get(run_page).get_data(as_text=True)
    assert 'http-equiv="refresh"' not in ready
    download = client.get(f"{run_page}/file")
    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    assert "consignee-register-" in download.headers["Content-Disposition"]
    text = _flat(_text(download.data))  # cells wrap their lines anywhere
    for expected in ("委託先管理台帳", "KyuyoPayrollK.K.", "給与計算株式会社",
                     "マイナンバー", "Payrolloutsourcingagreement", "JP,SG"):
        assert expected in text, expected
    assert "Plain Print" not in text  # the search the page had narrowed to
    with app.app_context():
        run = db.session.scalar(select(ReportRun))
        assert (run.status, run.done, run.total, run.attempts) == (RunStatus.READY, 1, 1, 1)
        actions = set(db.session.scalars(select(AuditEvent.action)))
        assert {"report.requested", "report.generated", "report.downloaded"} <= actions


def test_the_register_pdf_in_english_lists_every_vendor(app, client, auth, make_vendor):
    make_vendor(legal_name="Alpha Data Entry Co.")
    make_vendor(legal_name="Beta Mailing Co.", categories=["special_care"],
                services='<img src="file:///etc/passwd"><b>Bulk</b> mailing')
    auth.login_as(Role.AUDITOR)
    run_page = client.post("/reports/register", data={"lang": "en"}).headers["Location"]
    _render(app)
    text = _flat(_text(client.get(f"{run_page}/file").data))
    for expected in ("Consigneeregister", "2consignees", "AlphaDataEntryCo.",
                     "BetaMailingCo.", "Special-care", "none", "Page1of1",
                     '<imgsrc="file:///etc/passwd"><b>Bulk</b>mailing'):  # text, not HTML
        assert expected in text, expected


def test_only_the_requester_sees_the_run(app, client, auth, make_user):
    auth.login_as(Role.AUDITOR)
    run_page = client.post("/reports/register", data={"lang": "en"}).headers["Location"]
    _render(app)
    auth.logout()
    auth.login_as(Role.REVIEWER)
    assert client.get(run_page).status_code == 404
    assert client.get(f"{run_page}/file").status_code == 404
    auth.logout()
    auth.login_as(Role.ADMIN)
    assert client.get(f"{run_page}/file").status_code == 200


def test_a_rendering_whose_process_died_is_taken_up_again(app, client, auth):
    auth.login_as(Role.AUDITOR)
    run_page = client.post("/reports/register", data={"lang": "en"}).headers["Location"]
    run_id = int(run_page.rsplit("/", 1)[1])
    with app.app_context():
        run = db.session.get(ReportRun, run_id)
        # As a scheduler killed mid-render leaves it: running, heartbeat an hour old.
        run.status, run.attempts = RunStatus.RUNNING, 1
        run.heartbeat_at = utcnow().replace(year=utcnow().year - 1)
        db.session.commit()
    assert _render(app) == 1
    with app.app_context():
        run = db.session.get(ReportRun, run_id)
        assert (run.status, run.attempts) == (RunStatus.READY, 2)


def test_a_fresh_running_report_is_left_to_its_renderer(app, client, auth):
    auth.login_as(Role.AUDITOR)
    run_page = client.post("/reports/register", data={"lang": "en"}).headers["Location"]
    with app.app_context():
        run = db.session.get(ReportRun, int(run_page.rsplit("/", 1)[1]))
        run.status, run.attempts, run.heartbeat_at = RunStatus.RUNNING, 1, utcnow()
        db.session.commit()
    assert _render(app) == 0
    page = client.get(run_page).get_data(as_text=True)
    assert "Reading 0 of ? rows" in page


def test_the_scheduler_process_is_what_renders_queued_reports(app, client, auth):
    scheduler = configure(BackgroundScheduler(), app)  # configured, not started
    assert {job.id for job in scheduler.get_jobs()} == {"daily", "outbox", "reports"}
    auth.login_as(Role.AUDITOR)
    run_page = client.post("/reports/register", data={"lang": "en"}).headers["Location"]
    job = scheduler.get_job("reports")
    job.func(*job.args)  # what APScheduler calls every SCHEDULER_REPORTS_SECONDS
    assert client.get(f"{run_page}/file").status_code == 200
