"""Issue 24: the dashboard's recent activity names each action and its subject in words
("Vendor registered", the vendor's name, linked), never ``vendor.created`` or
``vendor 6``; an action without a label is named by its kind, never by its code."""

import re
from pathlib import Path

import vendorrisk
from tests.helpers import page_text
from vendorrisk.audit.labels import ACTION_LABELS, action_label
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db


def test_recent_activity_reads_as_words_with_the_subject_by_name(app, client, auth,
                                                                  make_vendor):
    vendor = make_vendor(legal_name="Activity Words KK")
    auth.login_as(Role.AUDITOR)  # a reader: everyone's activity
    response = client.get("/dashboard/?lang=en")
    assert response.status_code == 200
    text = page_text(response)
    assert "Vendor registered" in text
    assert "Activity Words KK" in text
    assert f'href="/vendors/{vendor.id}">Activity Words KK</a>' in response.text
    for code in ("vendor.created", "vendor.tier_computed", f"vendor {vendor.id}",
                 "user.login"):
        assert code not in text


def test_an_unlisted_action_is_named_by_its_kind(app, client, auth):
    with app.app_context():
        record("vendor.something_new", actor=None, object_type="vendor", object_id=999,
               now=utcnow())
        db.session.commit()
    auth.login_as(Role.AUDITOR)
    text = page_text(client.get("/dashboard/?lang=en"))
    assert "Vendor: other change" in text
    assert "vendor.something_new" not in text
    assert "Vendor 999" in text  # a subject that is gone: its kind and number


def test_every_action_the_code_records_by_name_has_a_label():
    """The literal actions passed to record() anywhere in the package, each labelled."""
    root = Path(vendorrisk.__file__).parent
    actions = {match.group(1) for path in root.rglob("*.py")
               for match in re.finditer(r'record\(\s*"([a-z_]+\.[a-z_]+)"', path.read_text())}
    assert len(actions) > 50
    assert sorted(actions - set(ACTION_LABELS)) == []


def test_a_label_is_said_in_the_readers_language(app):
    with app.test_request_context("/?lang=en"):
        assert action_label("user.login") == "Signed in"
