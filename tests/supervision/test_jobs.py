"""The scheduler's jobs one by one: catching up after downtime once, two schedulers at
once, runs recorded (failures too), notices to staff, the command line."""

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import ON_POSTGRESQL, TEST_DATABASE_URL, app_config
from tests.supervision.conftest import approved_vendor, at, load_standards
from vendorrisk import create_app
from vendorrisk.assessments.models import Assessment
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.services import ContractInput, create_contract
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import Mark
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.supervision import runner
from vendorrisk.supervision.models import JobRun
from vendorrisk.supervision.runner import run_daily, run_job
from vendorrisk.vendors.crossborder_models import CrossBorderRecord, TransferBasis
from vendorrisk.vendors.models import VendorCountry
from vendorrisk.vendors.services.crossborder import record_check

DAY = date(2027, 3, 1)


def _count(model, *where) -> int:  # noqa: ANN001
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_scheduler_down_for_ten_days_catches_up_once(app, make_user):
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        vendor = approved_vendor("Late", "1", DAY - timedelta(days=372))  # review due DAY-7
        create_contract(vendor, ContractInput(
            type="nda", title="NDA", signed_on=DAY - timedelta(days=300),
            effective_from=DAY - timedelta(days=300), effective_to=DAY + timedelta(days=5),
            retention_until=DAY + timedelta(days=2000)), actor=None, now=at(DAY))
        db.session.commit()
        # Down from DAY-10 to DAY: one run catches up.
        runs = run_daily(at(DAY))
        assert {run.outcome.value for run in runs} == {"ok"}
        reviews = db.session.scalars(select(Assessment).where(
            Assessment.kind == "periodic")).all()
        assert len(reviews) == 1
        assert reviews[0].due_on == DAY + timedelta(days=14)  # a fair time to answer
        # the NDA ends in 5 days: the 7-day notice only, not the missed 60 and 30
        assert db.session.scalars(select(Mark.key).where(Mark.key.like("contract:%"))
                                  ).all() == [f"contract:1:{DAY + timedelta(days=5)}:7"]
        counts = (_count(Assessment), _count(OutboxMessage), _count(Mark))
        run_daily(at(DAY))
        run_daily(at(DAY, 18))
        assert (_count(Assessment), _count(OutboxMessage), _count(Mark)) == counts


def test_every_run_is_recorded_and_a_failed_job_changes_nothing(app, monkeypatch):
    def broken(now):  # noqa: ANN001, ANN202
        db.session.add(Mark(key="half-done", job="broken", created_at=now))
        db.session.flush()
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(runner.JOBS, "broken", broken)
    with app.app_context():
        failed = run_job("broken", at(DAY), started_by="test")
        ok = run_job("notices", at(DAY))
        assert failed.outcome.value == "failed"
        assert failed.error == "RuntimeError: disk on fire"
        assert failed.finished_at is not None
        assert _count(Mark, Mark.key == "half-done") == 0  # rolled back
        assert ok.outcome.value == "ok"
        assert _count(JobRun) == 2


def test_the_command_runs_a_job_once_and_prints_what_it_did(app, runner):
    result = runner.invoke(args=["scheduler", "run", "reviews"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("reviews: ok")


def _scheduler_process(env: dict[str, str]) -> subprocess.Popen:
    code = ("from vendorrisk import create_app\n"
            "from vendorrisk.supervision.runner import run_daily\n"
            "from tests.supervision.conftest import at\n"
            "from datetime import date\n"
            "app = create_app()\n"
            "with app.app_context():\n"
            "    runs = run_daily(at(date(2027, 3, 1)))\n"
            "    print([(r.job, r.outcome.value) for r in runs])\n")
    return subprocess.Popen([sys.executable, "-c", code], env=env, cwd=os.getcwd(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="two processes on one database: PostgreSQL")
def test_two_schedulers_at_once_do_nothing_twice(app, make_user, tmp_path):
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        for number in range(40):  # enough work for the two runs to overlap
            approved_vendor(f"Due{number:02d}", "1", DAY - timedelta(days=360))
        db.session.commit()
    env = {**os.environ, "VENDORRISK_ENV": "testing", "VENDORRISK_DATABASE_URL":
           TEST_DATABASE_URL, "VENDORRISK_INSTANCE_PATH": str(tmp_path / "instance")}
    first, second = _scheduler_process(env), _scheduler_process(env)
    outputs = [process.communicate(timeout=120)[0] for process in (first, second)]
    assert all(process.returncode == 0 for process in (first, second)), outputs
    with app.app_context():
        assert _count(Assessment, Assessment.kind == "periodic") == 40
        assert _count(Assessment, Assessment.kind == "handling_status_report") == 40
        invitations = db.session.execute(select(OutboxMessage.recipient, func.count())
                                         .where(OutboxMessage.kind == "invitation")
                                         .group_by(OutboxMessage.recipient)).all()
        assert len(invitations) == 40
        assert {count for _, count in invitations} == {2}  # a review and a report each
        # every daily job and the outbox, in each process
        assert _count(JobRun, JobRun.outcome == "ok") == 2 * (len(runner.DAILY) + 1)


def test_notices_go_to_the_owner_once_and_escape_what_the_vendor_wrote(app, make_user):
    owner = make_user(Role.PROCUREMENT, email="owner@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=100))
        vendor = approved_vendor("<b>Evil</b> & Co", "2", DAY - timedelta(days=100))
        vendor.owner_id = owner.id
        create_contract(vendor, ContractInput(
            type="consignment_contract", title="Contract <script>", signed_on=DAY,
            effective_from=DAY, effective_to=DAY + timedelta(days=60),
            retention_until=DAY + timedelta(days=2000)), actor=None, now=at(DAY))
        db.session.commit()
        for offset in range(0, 62):
            run_job("notices", at(DAY + timedelta(days=offset)))
        notices = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "supervision_notice").order_by(OutboxMessage.id)).all()
        assert [message.recipient for message in notices] == ["owner@example.com"] * 3
        assert [message.subject for message in notices] == [
            f"<b>Evil</b> & Co: Contract <script> ends on {DAY + timedelta(days=60)}"] * 3
        assert "in 60 days" in notices[0].body_text
        assert "in 7 days" in notices[2].body_text
        assert "<script>" not in notices[0].body_html
        assert "Contract &lt;script&gt;" in notices[0].body_html


def test_a_sqlite_file_database_also_refuses_a_second_run(tmp_path):
    if ON_POSTGRESQL:
        pytest.skip("the SQLite variant of the two-process test")
    url = f"sqlite:///{tmp_path / 'two.db'}"
    app = create_app(app_config(tmp_path, DATABASE_URL=url))
    with app.app_context():
        db.create_all()
        load_standards(DAY - timedelta(days=400))
        for number in range(20):
            approved_vendor(f"Due{number:02d}", "1", DAY - timedelta(days=360))
        db.session.commit()
        db.engine.dispose()
    env = {**os.environ, "VENDORRISK_ENV": "testing", "VENDORRISK_DATABASE_URL": url,
           "VENDORRISK_INSTANCE_PATH": str(tmp_path / "instance")}
    first, second = _scheduler_process(env), _scheduler_process(env)
    outputs = [process.communicate(timeout=120)[0] for process in (first, second)]
    with app.app_context():
        assert _count(Assessment, Assessment.kind == "periodic") == 20, outputs
        assert _count(Assessment, Assessment.kind == "handling_status_report") == 20
        db.engine.dispose()


def test_a_change_of_tier_band_opens_one_triggered_reassessment(app, make_user):
    from tests.conftest import VENDOR_BASE
    from vendorrisk.assessments.workflow import State
    from vendorrisk.vendors.inputs import VendorInput
    from vendorrisk.vendors.services.register import update_vendor
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        vendor = approved_vendor("Grows", "2", DAY - timedelta(days=100))
        db.session.commit()
        assert run_job("triggers", at(DAY)).counts == {}  # nothing has changed
        update_vendor(vendor, VendorInput(**{**VENDOR_BASE, "legal_name": "Grows",
                                             "status": "approved",
                                             "criticality": "severe"}),
                      owner_id=None, actor=None, now=at(DAY, 9))
        db.session.commit()
        assert vendor.tier.value == "1"
        assert run_job("triggers", at(DAY, 10)).counts == {"sent_triggered": 1}
        assert run_job("triggers", at(DAY, 11)).counts == {}  # once: nothing new
        triggered = db.session.scalars(select(Assessment).where(
            Assessment.kind == "triggered")).one()
        assert triggered.status == State.SENT
        assert triggered.due_on == DAY + timedelta(days=14)
        reason = db.session.scalars(select(AuditEvent.details).where(
            AuditEvent.action == "supervision.triggered")).one()
        assert reason["reason"] == "tier 2 → 1"


def test_a_country_without_a_current_record_is_noticed_once(app, make_user):
    reviewer = make_user(Role.REVIEWER, email="rita@example.com")
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    from tests.conftest import VENDOR_BASE
    from vendorrisk.vendors.inputs import VendorInput
    from vendorrisk.vendors.services.register import create_vendor
    with app.app_context():
        create_vendor(VendorInput(**{**VENDOR_BASE, "legal_name": "Abroad",
                                     "countries": ["JP", "US"]}),
                      owner_id=None, actor=None, now=at(DAY))
        db.session.commit()
        assert run_job("notices", at(DAY)).counts == {"country_record_stale": 1}
        assert run_job("notices", at(DAY + timedelta(days=1))).counts == {}
        message = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "supervision_notice")).one()
        assert message.recipient == reviewer.email
        assert message.subject == "The data-protection record of United States needs checking"
        assert "has no record of its data-protection regime" in message.body_text


def test_a_conforming_provision_abroad_gets_its_rule_18_check_when_due_until_recorded(
        app, make_user):
    """Issue 25: Rule 18 applies only to a provision relying on a conforming system; the
    reminder goes out once when the check is due and closes when the check is recorded
    (the next is due a year after it)."""
    owner = make_user(Role.PROCUREMENT, email="buyer@example.com")
    checker = make_user(Role.REVIEWER, email="rita@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        abroad = approved_vendor("Abroad", "2", DAY - timedelta(days=100))
        consent = approved_vendor("By consent", "2", DAY - timedelta(days=100))
        for vendor, basis in ((abroad, TransferBasis.CONFORMING_CONTRACT),
                              (consent, TransferBasis.CONSENT)):
            db.session.add(VendorCountry(vendor=vendor, country="US"))
            vendor.owner_id = owner.id
            db.session.add(CrossBorderRecord(
                vendor_id=vendor.id, country="US", basis=basis, evidence="Evidence",
                evidenced_on=DAY - timedelta(days=365), recorded_at=at(DAY)))
        db.session.commit()
        counts = [run_job("notices", at(day)).counts.get("rule18_check_due", 0)
                  for day in (DAY - timedelta(days=1), DAY, DAY + timedelta(days=1),
                              date(2027, 12, 31))]
        assert counts == [0, 1, 0, 0]
        entry = db.session.scalar(select(CrossBorderRecord).where(
            CrossBorderRecord.vendor_id == abroad.id))
        record_check(entry, checked_on=date(2027, 3, 10), implementation="Logs sampled.",
                     foreign_law="None found.", outcome="continue", note="",
                     actor=db.session.get(User, checker.id), now=at(date(2027, 3, 10)))
        db.session.commit()
        counts = [run_job("notices", at(day)).counts.get("rule18_check_due", 0)
                  for day in (date(2028, 3, 8), date(2028, 3, 9), date(2028, 3, 10))]
        assert counts == [0, 1, 0]  # 365 days after the check (2028 is a leap year)
        subjects = db.session.scalars(select(OutboxMessage.subject).where(
            OutboxMessage.kind == "supervision_notice",
            OutboxMessage.subject.like("%Rule 18%")).order_by(OutboxMessage.id)).all()
        assert subjects == ["Abroad: the yearly Rule 18 check for 2027 is due",
                            "Abroad: the yearly Rule 18 check for 2028 is due"]
        body = db.session.scalar(select(OutboxMessage.body_text).where(
            OutboxMessage.subject.like("%Rule 18%")))
        assert "handles personal data abroad (US)" in body
