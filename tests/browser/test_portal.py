"""The vendor portal in a real browser: answer, see a question appear, upload, autosave,
reload, submit; confirm or change carried-over answers."""

from datetime import timedelta
from urllib.parse import urlsplit

from playwright.sync_api import expect
from sqlalchemy import select

from tests.helpers import adopt_standards
from tests.standards.conftest import VALID, write_standard
from tests.supervision.test_carried import reassessment  # noqa: F401  (a fixture)
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact


def _sent_link(app, make_vendor, tmp_path) -> str:
    vendor = make_vendor(legal_name="Browser Vendor K.K.")
    with app.app_context():
        now = utcnow()
        stored = db.session.get(Vendor, vendor.id)
        contact = add_contact(stored, ContactInput(name="Ken Ito", email="ken@v.example.com"),
                              primary=True, actor=None, now=now)
        load_folder(write_standard(tmp_path / "q", VALID).parent.parent, actor=None, now=now)
        adopt_standards(now=now)
        assessment = create_assessment(stored, kind="selection", version=None,
                                       version_reason="", due_on=(now + timedelta(days=14))
                                       .date(), contacts=[contact], actor=None, now=now)
        (link,) = send_assessment(assessment, actor=None, now=now)
        db.session.commit()
    return urlsplit(link).path


def test_portal_answer_upload_autosave_reload_submit(page, live_server, app, make_vendor,
                                                     tmp_path, console_errors):
    path = _sent_link(app, make_vendor, tmp_path)
    page.goto(live_server + path)
    expect(page.get_by_role("heading", name="Mini standard")).to_be_visible()
    approval = page.locator("#q-d1_sub_approval")
    expect(approval).to_be_hidden()

    page.locator("#q-d1_policy-3").check()
    page.locator("#q-d1_training-2").check()
    page.locator("#q-d1_uses_subs-yes").check()
    expect(approval).to_be_visible()  # shown live, decided by the server
    expect(page.locator("#autosave-status")).to_have_text("All changes saved.")
    page.locator("#q-d1_sub_approval-2").check()
    page.locator("#q-d1_channels-mail").check()
    page.locator("#q-d1_encryption-full").check()
    expect(page.locator("#autosave-status")).to_have_text("All changes saved.")

    evidence = tmp_path / "policy.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% browser test\n%%EOF\n")
    page.locator("#file-d1_policy_file").set_input_files(str(evidence))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_have_text("File attached.")
    expect(page.get_by_role("link", name="policy.pdf")).to_be_visible()

    page.reload()
    expect(page.locator("#q-d1_policy-3")).to_be_checked()
    expect(page.locator("#q-d1_sub_approval-2")).to_be_checked()
    expect(approval).to_be_visible()

    page.get_by_role("link", name="Review and submit").click()
    page.get_by_label("Your job title").fill("Security manager")
    page.get_by_label("I confirm that the answers are accurate").check()
    page.get_by_role("button", name="Submit the answers").click()
    expect(page.get_by_text("Your answers have been submitted")).to_be_visible()
    expect(page.get_by_text("shown read-only", exact=False)).to_be_visible()
    assert console_errors == []
    with app.app_context():
        assert db.session.scalar(select(Assessment.status)).value == "submitted"
        assert db.session.scalar(select(Answer.value).where(
            Answer.question_id == "d1_sub_approval")) == 2


def test_carried_over_answers_are_confirmed_or_changed_live(page, live_server, app,
                                                            reassessment, console_errors):  # noqa: F811
    _vendor, new_id, _source, link = reassessment
    page.goto(live_server + link)
    expect(page.get_by_text("5 still to confirm.")).to_be_visible()
    notes = page.locator(".alert[data-carried]:visible")
    expect(notes).to_have_count(4)  # section d1: policy, training, channels, handbook
    page.get_by_label("Still true: confirm this answer").first.check()  # d1_policy
    page.locator("#q-d1_training-1").check()  # changed
    expect(page.locator("#autosave-status")).to_have_text("All changes saved.")
    expect(notes).to_have_count(2)  # hidden as soon as the server confirms the save
    page.reload()
    expect(page.get_by_text("3 still to confirm.")).to_be_visible()
    page.get_by_role("button", name="Save, confirming every carried-over answer here").click()
    expect(page.get_by_text("1 still to confirm.")).to_be_visible()  # d2 remains
    assert console_errors == []
    with app.app_context():
        pending = [a.question_id for a in db.session.get(Assessment, new_id).answers
                   if a.carried_over]
        assert pending == ["d2_privacymark"]
