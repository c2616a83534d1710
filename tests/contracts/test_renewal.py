"""A contract's renewal opens one review task (issue 22 item 9): the clause checklist is
confirmed again, the owner is told through the outbox, and until then a new approval of
the vendor lacks it."""

from datetime import date, timedelta

from sqlalchemy import func, select

from tests.contracts.conftest import all_clauses, contract_form, day
from tests.helpers import page_text
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.contracts.clauses import MANDATORY
from vendorrisk.contracts.gate import CHECKLIST_UNCONFIRMED
from vendorrisk.contracts.models import ContractReview
from vendorrisk.contracts.renewal import open_renewal_reviews
from vendorrisk.contracts.services import ContractInput, create_contract, gate_result, set_clauses
from vendorrisk.contracts.status import Dates, renewed_on
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.supervision.runner import run_job
from vendorrisk.vendors.models import Vendor


def test_the_renewed_term_starts_the_day_after_the_last_one_ended():
    dates = Dates(date(2025, 1, 1), date(2025, 1, 1), date(2025, 12, 31), auto_renewal=True)
    assert renewed_on(dates, date(2025, 12, 31)) is None  # still the first term
    assert renewed_on(dates, date(2026, 1, 1)) == date(2026, 1, 1)
    assert renewed_on(dates, date(2027, 6, 1)) == date(2027, 1, 1)
    stopped = Dates(date(2025, 1, 1), date(2025, 1, 1), date(2025, 12, 31), True,
                    notice_given_on=date(2025, 10, 1))
    assert renewed_on(stopped, date(2026, 1, 1)) is None  # notice given: it expired
    assert renewed_on(Dates(date(2025, 1, 1), date(2025, 1, 1), date(2025, 12, 31)),
                      date(2026, 6, 1)) is None


def _renewed_contract(app, vendor_id) -> int:
    """A complete consignment contract and an NDA, auto-renewing, now in their second term."""
    then = utcnow() - timedelta(days=400)
    start = then.date()
    dates = {"signed_on": start, "effective_from": start,
             "effective_to": start + timedelta(days=364), "auto_renewal": True,
             "retention_until": start + timedelta(days=3000)}
    with app.app_context():
        vendor = db.session.get(Vendor, vendor_id)
        create_contract(vendor, ContractInput(type="nda", title="NDA", **dates), actor=None,
                        now=then)
        contract = create_contract(vendor, ContractInput(
            type="consignment_contract", title="Consignment", **dates), actor=None, now=then)
        set_clauses(contract, {c.key: "Art. 1" for c in MANDATORY}, actor=None, now=then)
        db.session.commit()
        return contract.id


def _reviews(contract_id):
    return db.session.scalar(select(func.count()).select_from(ContractReview).where(
        ContractReview.contract_id == contract_id))


def test_an_automatic_renewal_opens_one_task_and_tells_the_owner_once(
        app, client, auth, procurement, make_vendor):
    vendor = make_vendor()
    contract_id = _renewed_contract(app, vendor.id)
    with app.app_context():
        assert run_job("contract_reviews", utcnow()).counts == {"contract_reviews": 1}
        assert open_renewal_reviews(utcnow()) == {"contract_reviews": 0}  # run again
        assert run_job("contract_reviews", utcnow()).counts == {"contract_reviews": 0}
        assert _reviews(contract_id) == 1
        mails = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "contract_review")).all()
        assert [m.recipient for m in mails] == ["pia@example.com"]
        assert "is to be reconfirmed" in mails[0].subject
        gaps = gate_result(db.session.get(Vendor, vendor.id), utcnow().date()).gaps
        assert [(g.subject, g.detail) for g in gaps] == [(CHECKLIST_UNCONFIRMED,
                                                          str(contract_id))]
    auth.login(procurement.email)
    page = client.get(f"/contracts/{contract_id}")
    assert "Clause checklist to be reconfirmed" in page_text(page)
    assert "Clause checklist to be reconfirmed" in page_text(client.get("/contracts/"))
    assert "Clause checklist to be reconfirmed" in page_text(
        client.get(f"/vendors/{vendor.id}"))
    assert client.post(f"/contracts/{contract_id}/reconfirm").status_code == 302
    assert "Clause checklist to be reconfirmed" not in page_text(
        client.get(f"/contracts/{contract_id}"))
    again = client.post(f"/contracts/{contract_id}/reconfirm")
    assert again.status_code == 409
    assert "has nothing to reconfirm" in page_text(again)
    with app.app_context():
        assert gate_result(db.session.get(Vendor, vendor.id), utcnow().date()).gaps == []
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "contract.checklist_reconfirmed")) == 1
        assert open_renewal_reviews(utcnow()) == {"contract_reviews": 0}  # same renewal


def test_only_people_who_handle_contracts_reconfirm(app, client, auth, make_vendor):
    vendor = make_vendor()
    contract_id = _renewed_contract(app, vendor.id)
    with app.app_context():
        open_renewal_reviews(utcnow())
        db.session.commit()
    auth.login_as(Role.AUDITOR)
    assert client.post(f"/contracts/{contract_id}/reconfirm").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(ContractReview.confirmed_at)) is None


def test_a_renewal_by_hand_opens_one_task(app, client, auth, procurement, make_vendor):
    vendor = make_vendor()
    auth.login(procurement.email)
    created = client.post(f"/contracts/new/{vendor.id}", data=contract_form())
    contract_id = int(created.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/contracts/{contract_id}/clauses", data=all_clauses())
    renewed = contract_form(effective_to=day(725), retention_until=day(725 + 5 * 365))
    assert client.post(f"/contracts/{contract_id}/edit", data=renewed).status_code == 302
    assert client.post(f"/contracts/{contract_id}/edit", data=renewed).status_code == 302
    with app.app_context():
        review = db.session.scalar(select(ContractReview))
        assert review.reason == "manual_renewal"
        assert review.term_start.isoformat() == day(361)
        assert _reviews(contract_id) == 1
    assert "Clause checklist to be reconfirmed" in page_text(
        client.get(f"/contracts/{contract_id}"))
