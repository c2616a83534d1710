"""``vendorrisk demo`` builds a working demo: every feature, a live portal link."""

from sqlalchemy import func, select

from tests.conftest import app_config
from vendorrisk import create_app
from vendorrisk.assessments.models import Assessment
from vendorrisk.contracts.queries import ContractFilters, register_rows
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.supervision.queries import upcoming
from vendorrisk.vendors.models import Vendor


def test_demo_loads_everything_and_prints_logins_and_a_portal_link(tmp_path):
    app = create_app(app_config(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'demo.db'}"))
    result = app.test_cli_runner().invoke(args=["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "admin@example.com" in result.output
    assert "/portal/" in result.output
    link = "/portal/" + result.output.split("/portal/")[1].split()[0]
    assert app.test_client().get(link).status_code == 200
    with app.app_context():
        states = set(db.session.scalars(select(Assessment.status)))
        assert {s.value for s in states} >= {"draft", "sent", "in_progress", "submitted",
                                             "in_review", "returned", "expired", "cancelled",
                                             "awaiting_approval", "decided"}
        assert db.session.scalar(select(func.count(Vendor.id))) >= 9
        payroll = db.session.scalar(select(Vendor).where(Vendor.legal_name.like("Kyuyo%")))
        assert payroll.status.value == "conditionally_approved"
        assert payroll.next_review_on is not None
        _assert_contract_cases(app)
        _assert_supervision_cases()
    verified = app.test_cli_runner().invoke(args=["assessments", "verify", str(
        _decided_id(app))])
    assert verified.exit_code == 0, verified.output
    again = app.test_cli_runner().invoke(args=["demo", "--no-serve"])  # idempotent
    assert again.exit_code == 0, again.output
    assert app.test_client().get(link).status_code == 410  # a new link replaced it
    with app.app_context():
        db.engine.dispose()
    assert list((tmp_path / "instance" / "outbox").glob("*.eml"))


def _assert_contract_cases(app) -> None:
    """An NDA about to expire, a contract missing clause (e), an overdue certificate."""
    today = utcnow().date()
    rows = register_rows(ContractFilters(), today, expiring_days=60)
    assert any(row.contract.type.value == "nda" and row.status.value == "expiring"
               for row in rows)
    assert any(row.coverage is not None and [c.key for c in row.coverage.mandatory_missing]
               == ["e"] for row in rows)
    assert any(row.deletion_overdue for row in rows)
    data_centre = db.session.scalar(select(Vendor).where(Vendor.legal_name.like("Harbour%")))
    assert data_centre.status.value != "terminated"  # awaiting its deletion certificate


def _assert_supervision_cases() -> None:
    """The first sweep reminded and escalated the overdue questionnaire; a review comes."""
    notices = db.session.scalars(select(OutboxMessage.subject).where(
        OutboxMessage.kind == "supervision_notice")).all()
    assert any("Kanto Logistics Partners: the questionnaire is 8 days overdue" in subject
               for subject in notices), notices
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.kind == "reminder")) >= 1
    assert any(item.vendor.legal_name.startswith("Aoba") and item.what == "confirmation"
               for item in upcoming(utcnow().date()))


def _decided_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Assessment.id).where(Assessment.status == "decided"))


def test_the_demo_link_points_at_the_port_served(tmp_path):
    app = create_app(app_config(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'demo.db'}"))
    result = app.test_cli_runner().invoke(args=["demo", "--no-serve", "--port", "5077"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5077/portal/" in result.output
    with app.app_context():
        db.engine.dispose()
