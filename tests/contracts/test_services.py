"""Recording contracts: clause ticks, document versions never overwritten, retention."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.models import Contract, ContractDocument
from vendorrisk.contracts.services import (
    ContractInput,
    add_document,
    clause_coverage,
    contract_status,
    create_contract,
    delete_contract,
    set_clauses,
)
from vendorrisk.contracts.status import ContractStatus
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import Conflict, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.vendors.models import Vendor

PDF_V1 = b"%PDF-1.4\n% signed consignment contract v1\n%%EOF\n"
PDF_V2 = b"%PDF-1.4\n% signed consignment contract v2 with the amendment\n%%EOF\n"


@pytest.fixture
def contract_id(app, make_vendor, make_user):
    vendor = make_vendor()
    user = make_user(Role.PROCUREMENT)
    with app.app_context():
        today = utcnow().date()
        contract = create_contract(db.session.get(Vendor, vendor.id), ContractInput(
            type="consignment_contract", title="Consignment agreement", reference="C-2026-7",
            signed_on=today, effective_from=today, effective_to=today + timedelta(days=364),
            retention_until=today + timedelta(days=365 * 5)),
            actor=db.session.merge(user), now=utcnow())
        db.session.commit()
        return contract.id


def _user(app):
    return db.session.scalar(select(User).limit(1))


def test_a_new_document_version_keeps_the_old_one_and_both_are_audited(app, contract_id):
    with app.app_context():
        contract, actor = db.session.get(Contract, contract_id), _user(app)
        add_document(contract, filename="contract.pdf", data=PDF_V1, note="", actor=actor,
                     now=utcnow())
        add_document(contract, filename="contract-amended.pdf", data=PDF_V2,
                     note="Amendment 1", actor=actor, now=utcnow())
        db.session.commit()
    with app.app_context():
        documents = db.session.scalars(select(ContractDocument)
                                       .order_by(ContractDocument.version)).all()
        assert [(d.version, d.filename) for d in documents] == [
            (1, "contract.pdf"), (2, "contract-amended.pdf")]
        with storage().open(documents[0].sha256) as first:
            assert first.read() == PDF_V1  # still readable
        audited = db.session.scalars(select(AuditEvent.details).where(
            AuditEvent.action == "contract.document_added")).all()
        assert [(d["version"], d["sha256"]) for d in audited] == [
            (1, documents[0].sha256), (2, documents[1].sha256)]


def test_a_disguised_program_is_refused_and_nothing_is_kept(app, contract_id):
    with app.app_context():
        contract = db.session.get(Contract, contract_id)
        with pytest.raises(ValidationError, match="is not a PDF"):
            add_document(contract, filename="contract.pdf", data=b"MZ\x90\x00" + b"\0" * 64,
                         note="", actor=_user(app), now=utcnow())
        db.session.rollback()
        assert db.session.scalar(select(ContractDocument.id)) is None


def test_clause_ticks_give_the_coverage(app, contract_id):
    with app.app_context():
        contract = db.session.get(Contract, contract_id)
        references = {key: f"Art. {n}" for n, key in enumerate("abcdfgh", 1)}
        result = set_clauses(contract, {**references, "breach_24h": "Art. 12", "e": " "},
                             actor=_user(app), now=utcnow())
        assert result.summary() == "mandatory 7/8: missing (e) right to confirm compliance"
        db.session.commit()
        assert clause_coverage(db.session.get(Contract, contract_id)).summary() == \
            result.summary()
        with pytest.raises(ValidationError, match="Unknown checklist item: zz"):
            set_clauses(contract, {"zz": "Art. 1"}, actor=_user(app), now=utcnow())


def test_a_retained_contract_cannot_be_deleted(app, contract_id):
    with app.app_context():
        contract = db.session.get(Contract, contract_id)
        with pytest.raises(Conflict, match="has not ended"):
            delete_contract(contract, actor=_user(app), now=utcnow())
        db.session.rollback()
        assert db.session.get(Contract, contract_id) is not None
        assert contract_status(contract, utcnow().date(), expiring_days=30) == \
            ContractStatus.ACTIVE


def test_bad_input_is_refused(app, make_vendor, make_user):
    vendor = make_vendor()
    make_user(Role.PROCUREMENT)
    with app.app_context():
        stored = db.session.get(Vendor, vendor.id)
        for data, message in [
            (ContractInput(type="lease", title="x", retention_until=date(2030, 1, 1)),
             "Choose the kind of contract."),
            (ContractInput(type="nda", title=" ", retention_until=date(2030, 1, 1)),
             "Give the contract a title"),
            (ContractInput(type="nda", title="NDA", retention_until=None),
             "Say until when the contract must be kept"),
            (ContractInput(type="nda", title="NDA", effective_from=date(2027, 1, 1),
                           effective_to=date(2026, 1, 1), retention_until=date(2030, 1, 1)),
             "cannot end before it starts"),
            (ContractInput(type="nda", title="NDA", effective_to=date(2031, 1, 1),
                           retention_until=date(2030, 1, 1)), "at least until it ends"),
        ]:
            with pytest.raises(ValidationError, match=message):
                create_contract(stored, data, actor=_user(app), now=utcnow())
        assert db.session.scalar(select(Contract.id)) is None
