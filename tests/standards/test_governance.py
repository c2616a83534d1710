"""Standards governed like policy (issue 23): a loaded version is a draft until an
approver approves it, only approved versions are sent, and what is sent is the version
assigned, not the highest number — loading a new one changes nothing until assigned."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.standards.conftest import VALID, write_standard
from vendorrisk.assessments.services import create_assessment, propose_version
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import Conflict, PermissionDenied, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.governance import (
    approve,
    assign,
    assigned_version,
    current_assignment,
    is_approved,
)
from vendorrisk.standards.models import StandardAssignment, StandardVersion
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact


def _load(tmp_path, version: int = 1, text: str = VALID) -> StandardVersion:
    folder = write_standard(tmp_path / f"q{version}", text.replace(
        "version: 1", f"version: {version}"), version=version).parent.parent
    [result] = load_folder(folder, actor=None, now=utcnow())
    assert result.version is not None, result.problems
    return result.version


@pytest.fixture
def setting(app, make_user, make_vendor):
    """An approver, a procurement user and a vendor with a contact (ids)."""
    approver = make_user(Role.APPROVER)
    buyer = make_user(Role.PROCUREMENT)
    vendor = make_vendor()
    with app.app_context():
        add_contact(db.session.get(Vendor, vendor.id), ContactInput(
            name="Hana Sato", email="hana@vendor.example.com"), primary=True, actor=None,
            now=utcnow())
        db.session.commit()
    return approver.id, buyer.id, vendor.id


def _draft_of(vendor: Vendor, version: StandardVersion | None, buyer: User):
    return create_assessment(vendor, kind="selection", version=version, version_reason="",
                             due_on=(utcnow() + timedelta(days=14)).date(),
                             contacts=vendor.contacts, actor=buyer, now=utcnow())


def test_a_draft_cannot_be_sent(app, tmp_path, setting):
    approver_id, buyer_id, vendor_id = setting
    with app.app_context():
        version = _load(tmp_path)
        vendor, buyer = db.session.get(Vendor, vendor_id), db.session.get(User, buyer_id)
        assert not is_approved(version)
        assert propose_version(vendor, "selection") is None  # loaded is not assigned
        with pytest.raises(ValidationError, match="draft; only an approved version"):
            _draft_of(vendor, version, buyer)
        with pytest.raises(ValidationError, match="No standard is assigned"):
            _draft_of(vendor, None, buyer)
        approve(version, actor=db.session.get(User, approver_id), note="First edition.",
                now=utcnow())
        assert is_approved(version)
        assert _draft_of(vendor, version, buyer).standard_version_id == version.id


def test_approval_needs_an_approver_and_a_note_and_is_audited(app, tmp_path, setting):
    approver_id, buyer_id, _ = setting
    with app.app_context():
        version = _load(tmp_path)
        approver, buyer = db.session.get(User, approver_id), db.session.get(User, buyer_id)
        with pytest.raises(PermissionDenied):
            approve(version, actor=buyer, note="Looks good.", now=utcnow())
        with pytest.raises(ValidationError, match="change note") as refused:
            approve(version, actor=approver, note="  ", now=utcnow())
        assert refused.value.field == "note"
        approval = approve(version, actor=approver, note="First edition.", now=utcnow())
        assert (approval.approved_by_id, approval.note) == (approver_id, "First edition.")
        with pytest.raises(Conflict):
            approve(version, actor=approver, note="Again.", now=utcnow())
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "standard.version_approved"))
        assert event.details["note"] == "First edition."
        assert event.details["checksum"] == version.checksum


UNTRANSLATED = VALID.replace('ja: "方針はありますか。"', 'ja: "(未翻訳) Is there a policy?"')
SINGLE_LANGUAGE = "language: en\n" + re.sub(r", ja: [^}]*}", "}", VALID)


def test_an_untranslated_standard_is_refused_unless_single_language(app, tmp_path, setting):
    approver_id = setting[0]
    with app.app_context():
        approver = db.session.get(User, approver_id)
        marked = _load(tmp_path, 1, UNTRANSLATED)
        with pytest.raises(ValidationError) as refused:
            approve(marked, actor=approver, note="Imported.", now=utcnow())
        assert "d1_policy: text" in refused.value.message
        assert "language: en" in refused.value.message
        assert not is_approved(marked)
        single = _load(tmp_path, 2, SINGLE_LANGUAGE)
        approve(single, actor=approver, note="English only, declared.", now=utcnow())
        assert is_approved(single)


def test_loading_a_new_version_changes_nothing_until_assigned(app, tmp_path, setting):
    approver_id, _, vendor_id = setting
    with app.app_context():
        approver, vendor = db.session.get(User, approver_id), db.session.get(Vendor, vendor_id)
        tier = vendor.tier.value
        first = _load(tmp_path, 1)
        approve(first, actor=approver, note="First edition.", now=utcnow())
        assign(first, tier=tier, actor=approver, reason="Our standard.", now=utcnow())
        db.session.commit()
        second = _load(tmp_path, 2)
        assert propose_version(vendor, "selection").id == first.id
        approve(second, actor=approver, note="Adds training.", now=utcnow())
        assert propose_version(vendor, "selection").id == first.id
        assign(second, tier=tier, actor=approver, reason="The new edition.", now=utcnow())
        assert propose_version(vendor, "selection").id == second.id
        history = db.session.scalars(select(StandardAssignment).order_by(
            StandardAssignment.id)).all()
        assert [(item.version_id, item.ended_at is None) for item in history] == [
            (first.id, False), (second.id, True)]
        assert [event.action for event in db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "standard.assigned"))] == ["standard.assigned"] * 2


def test_a_classification_of_its_own_goes_before_any(app, tmp_path, setting):
    approver_id, _, vendor_id = setting
    with app.app_context():
        approver, vendor = db.session.get(User, approver_id), db.session.get(Vendor, vendor_id)
        tier = vendor.tier.value
        general, special = _load(tmp_path, 1), _load(tmp_path, 2)
        for version in (general, special):
            approve(version, actor=approver, note="Edition.", now=utcnow())
        assign(general, tier=tier, actor=approver, reason="For everyone.", now=utcnow())
        assign(special, tier=tier, classification="third_party_provision", actor=approver,
               reason="Provision needs more.", now=utcnow())
        assert propose_version(vendor, "selection").id == general.id  # a consignment
        assert assigned_version("selection", tier, "third_party_provision").id == special.id
        assert assigned_version("selection", tier, "consignment").id == general.id
        assert assigned_version("periodic", tier, None) is None


@pytest.mark.parametrize(("change", "field"), [
    ({"tier": "out_of_scope"}, "tier"),
    ({"classification": "pirates"}, "classification"),
    ({"reason": " "}, "reason"),
    ({"use": "confirmation"}, "use"),
    ({"review_by": "yesterday"}, "review_by"),
])
def test_an_assignment_is_refused_with_its_reason(app, tmp_path, setting, change, field):
    approver_id = setting[0]
    with app.app_context():
        approver = db.session.get(User, approver_id)
        version = _load(tmp_path)
        approve(version, actor=approver, note="Edition.", now=utcnow())
        arguments = {"tier": "1", "actor": approver, "reason": "Ours.", "now": utcnow(),
                     **change}
        if arguments.get("review_by") == "yesterday":
            arguments["review_by"] = utcnow().date() - timedelta(days=1)
        with pytest.raises(ValidationError) as refused:
            assign(version, **arguments)
        assert refused.value.field == field
        assert db.session.scalars(select(StandardAssignment)).all() == []


def test_only_an_approver_assigns_only_an_approved_version_once(app, tmp_path, setting):
    approver_id, buyer_id, _ = setting
    with app.app_context():
        approver, buyer = db.session.get(User, approver_id), db.session.get(User, buyer_id)
        version = _load(tmp_path)
        with pytest.raises(ValidationError, match="approved version"):
            assign(version, tier="1", actor=approver, reason="Ours.", now=utcnow())
        approve(version, actor=approver, note="Edition.", now=utcnow())
        with pytest.raises(PermissionDenied):
            assign(version, tier="1", actor=buyer, reason="Ours.", now=utcnow())
        made = assign(version, tier="1", actor=approver, reason="Ours.", now=utcnow())
        assert made.review_by.year == utcnow().year + 1  # yearly by default
        with pytest.raises(Conflict):
            assign(version, tier="1", actor=approver, reason="Again.", now=utcnow())
        assert current_assignment("selection", "1", None).id == made.id
