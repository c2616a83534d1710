"""The governance pages: approve a version, assign one, review an assignment — each
form's success and refusal, approvers only — and the send form's version picker."""

import re
from datetime import timedelta

import pytest
from flask import render_template_string
from flask_login import login_user
from sqlalchemy import select

from tests.helpers import page_text, table_snapshot
from tests.standards.conftest import VALID, write_standard
from tests.standards.test_governance import UNTRANSLATED
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.governance import approve, assign, is_approved
from vendorrisk.standards.models import (
    ReviewOutcome,
    StandardAssignment,
    StandardReview,
    StandardVersion,
)
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact


def _load(app, tmp_path, version: int, text: str = VALID) -> int:
    with app.app_context():
        folder = write_standard(tmp_path / f"q{version}", text.replace(
            "version: 1", f"version: {version}"), version=version).parent.parent
        [result] = load_folder(folder, actor=None, now=utcnow())
        db.session.commit()
        return result.version.id


def _adopt(app, version_id: int, approver_id: int, tier: str = "1") -> int:
    """Approve and assign ``version_id`` to ``tier``; return the assignment's id."""
    with app.app_context():
        version, approver = (db.session.get(StandardVersion, version_id),
                             db.session.get(User, approver_id))
        if not is_approved(version):
            approve(version, actor=approver, note="Edition.", now=utcnow())
        made = assign(version, tier=tier, actor=approver, reason="Ours.", now=utcnow())
        db.session.commit()
        return made.id


def test_an_approver_approves_with_a_note(app, client, auth, tmp_path):
    version_id = _load(app, tmp_path, 1)
    auth.login_as(Role.APPROVER)
    assert "Approve Mini standard v1" in page_text(client.get("/standards/mini/v1/approve"))
    response = client.post("/standards/mini/v1/approve", data={"note": "First edition."})
    assert response.status_code == 302
    with app.app_context():
        assert is_approved(db.session.get(StandardVersion, version_id))


def test_approval_without_a_note_changes_nothing(app, client, auth, tmp_path):
    _load(app, tmp_path, 1)
    auth.login_as(Role.APPROVER)
    with app.app_context():
        before = table_snapshot()
    response = client.post("/standards/mini/v1/approve", data={"note": ""})
    assert response.status_code == 400
    assert "Write a change note" in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_an_untranslated_standard_is_refused_on_the_page(app, client, auth, tmp_path):
    _load(app, tmp_path, 1, UNTRANSLATED)
    auth.login_as(Role.APPROVER)
    page = page_text(client.get("/standards/mini/v1/approve"))
    assert "Texts not translated yet: 1 (for example d1_policy: text)" in page
    response = client.post("/standards/mini/v1/approve", data={"note": "Imported."})
    assert response.status_code == 400
    assert "language: en" in page_text(response)


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/standards/mini/v1/approve"), ("post", "/standards/mini/v1/approve"),
    ("get", "/standards/assignments/new"), ("post", "/standards/assignments/new"),
    ("get", "/standards/assignments/1/review"), ("post", "/standards/assignments/1/review"),
])
@pytest.mark.parametrize("role", [Role.PROCUREMENT, Role.REVIEWER, Role.AUDITOR])
def test_only_approvers_act(app, client, auth, make_user, tmp_path, method, path, role):
    version_id = _load(app, tmp_path, 1)
    _adopt(app, version_id, make_user(Role.APPROVER).id)
    auth.login_as(role)
    with app.app_context():
        before = table_snapshot()
    assert getattr(client, method)(path, data={"note": "x", "reason": "x"}).status_code == 403
    with app.app_context():
        assert table_snapshot() == before
    assert client.get("/standards/assignments").status_code == 200  # everyone reads


def test_an_approver_assigns_and_the_history_stays(app, client, auth, tmp_path):
    first, second = _load(app, tmp_path, 1), _load(app, tmp_path, 2)
    approver = auth.login_as(Role.APPROVER)
    _adopt(app, first, approver.id)
    client.post("/standards/mini/v2/approve", data={"note": "Second edition."})
    form = page_text(client.get(f"/standards/assignments/new?version_id={second}&tier=1"))
    assert "Mini standard v2" in form
    assert "Any classification" in form
    response = client.post("/standards/assignments/new", data={
        "version_id": str(second), "tier": "1", "classification": "", "reason": "Newer."})
    assert response.status_code == 302
    page = page_text(client.get("/standards/assignments"))
    assert "Mini standard v2" in page
    assert "Newer." in page
    assert re.search(r"Mini standard v1: \S+ \S+ JST to \S+ \S+ JST · User \d+ — Ours\.", page)
    with app.app_context():
        rows = db.session.scalars(select(StandardAssignment).order_by(
            StandardAssignment.id)).all()
        assert [(row.version_id, row.ended_at is None) for row in rows] == [
            (first, False), (second, True)]


@pytest.mark.parametrize(("data", "message"), [
    ({"version_id": "", "tier": "1", "reason": "Ours."}, "Choose an approved version."),
    ({"tier": "1", "reason": ""}, "Say why this version is assigned."),
    ({"tier": "out_of_scope", "reason": "Ours."}, "does not cover that tier"),
    ({"tier": "1", "reason": "Ours.", "review_by": "2001-01-01"}, "must be in the future"),
])
def test_an_assignment_refused_changes_nothing(app, client, auth, tmp_path, data, message):
    version_id = _load(app, tmp_path, 1)
    approver = auth.login_as(Role.APPROVER)
    with app.app_context():
        approve(db.session.get(StandardVersion, version_id),
                actor=db.session.get(User, approver.id), note="Edition.", now=utcnow())
        db.session.commit()
        before = table_snapshot()
    response = client.post("/standards/assignments/new",
                           data={"version_id": str(version_id), "classification": "", **data})
    assert response.status_code == 400
    assert message in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_a_review_keeps_or_replaces(app, client, auth, tmp_path):
    first, second = _load(app, tmp_path, 1), _load(app, tmp_path, 2)
    approver = auth.login_as(Role.APPROVER)
    assignment_id = _adopt(app, first, approver.id)
    client.post("/standards/mini/v2/approve", data={"note": "Second edition."})
    next_year = (utcnow() + timedelta(days=400)).date().isoformat()
    assert "Kept as it is" in page_text(client.get(
        f"/standards/assignments/{assignment_id}/review"))
    kept = client.post(f"/standards/assignments/{assignment_id}/review", data={
        "outcome": "kept", "reason": "Still right.", "review_by": next_year})
    assert kept.status_code == 302
    replaced = client.post(f"/standards/assignments/{assignment_id}/review", data={
        "outcome": "replaced", "new_version_id": str(second), "reason": "Better."})
    assert replaced.status_code == 302
    with app.app_context():
        reviews = db.session.scalars(select(StandardReview).order_by(StandardReview.id)).all()
        assert [(item.outcome, item.new_version_id, item.reason) for item in reviews] == [
            (ReviewOutcome.KEPT, None, "Still right."), (ReviewOutcome.REPLACED, second,
                                                         "Better.")]
        old = db.session.get(StandardAssignment, assignment_id)
        assert old.review_by.isoformat() == next_year
        assert old.ended_at is not None
        current = db.session.scalar(select(StandardAssignment).where(
            StandardAssignment.ended_at.is_(None)))
        assert (current.version_id, current.reason) == (second, "Better.")
    page = page_text(client.get("/standards/assignments"))
    assert "Replaced by another version (Mini standard v2) — Better." in page
    assert "Kept as it is — Still right." in page


@pytest.mark.parametrize(("data", "message", "status"), [
    ({"outcome": "kept", "reason": ""}, "Say why the standard is kept or replaced.", 400),
    ({"outcome": "replaced", "reason": "Better."}, "Choose the version that replaces it.",
     400),
    ({"outcome": "maybe", "reason": "Hm."}, "Say whether the standard is kept or replaced.",
     400),
    ({"outcome": "kept", "reason": "Ok.", "review_by": "2001-01-01"}, "must be in the future",
     400),
])
def test_a_review_refused_changes_nothing(app, client, auth, tmp_path, data, message, status):
    first = _load(app, tmp_path, 1)
    approver = auth.login_as(Role.APPROVER)
    assignment_id = _adopt(app, first, approver.id)
    with app.app_context():
        before = table_snapshot()
    response = client.post(f"/standards/assignments/{assignment_id}/review", data=data)
    assert response.status_code == status
    assert message in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_an_ended_assignment_is_not_reviewed(app, client, auth, tmp_path):
    first, second = _load(app, tmp_path, 1), _load(app, tmp_path, 2)
    approver = auth.login_as(Role.APPROVER)
    old = _adopt(app, first, approver.id)
    _adopt(app, second, approver.id)
    response = client.post(f"/standards/assignments/{old}/review",
                           data={"outcome": "kept", "reason": "Fine."})
    assert response.status_code == 409
    assert "has ended" in page_text(response)


def test_the_partial_shows_a_draft_then_its_approval(app, client, auth, tmp_path):
    version_id = _load(app, tmp_path, 1)
    approver = auth.login_as(Role.APPROVER)
    template = '{% include "standards/_governance.html" %}'

    def partial() -> str:
        with app.test_request_context("/"), app.app_context():
            user = db.session.get(User, approver.id)
            user.session_key = "test"
            login_user(user)
            return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", render_template_string(
                template, stored=db.session.get(StandardVersion, version_id),
                use_labels={})))

    draft = partial()
    assert "Draft Not approved yet: this version cannot be sent." in draft
    assert "Approve this version" in draft
    assert "Not assigned" in draft
    _adopt(app, version_id, approver.id)
    approved = partial()
    assert f"Approved by {approver.name} on" in approved
    assert "Change note: Edition." in approved
    assert "review by" in approved
    assert "Approve this version" not in approved


def test_the_send_form_offers_approved_versions_only(app, client, auth, make_user,
                                                     make_vendor, tmp_path):
    first, second = _load(app, tmp_path, 1), _load(app, tmp_path, 2)
    vendor = make_vendor()
    with app.app_context():
        stored = db.session.get(Vendor, vendor.id)
        add_contact(stored, ContactInput(name="Hana Sato", email="hana@v.example.com"),
                    primary=True, actor=None, now=utcnow())
        db.session.commit()
        tier = stored.tier.value
    _adopt(app, first, make_user(Role.APPROVER).id, tier=tier)
    auth.login_as(Role.PROCUREMENT)
    page = client.get(f"/assessments/new/{vendor.id}").get_data(as_text=True)
    assert f'<option selected value="{first}">Mini standard v1</option>' in page
    assert f'value="{second}"' not in page  # a draft is not offered
    contact = re.search(r'name="contacts" type="checkbox" value="(\d+)"', page).group(1)
    response = client.post(f"/assessments/new/{vendor.id}", data={
        "kind": "selection", "version_id": str(second), "version_reason": "Try the new one.",
        "due_on": (utcnow() + timedelta(days=14)).date().isoformat(), "contacts": [contact]})
    assert response.status_code == 400
    assert "only an approved version can be sent" in page_text(response)
