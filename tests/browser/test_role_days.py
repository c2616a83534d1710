"""Each role's working day in Chromium, in English and in Japanese (issue 24): what the
person does on the pages, and what the hand-off e-mails tell the next person (caught by
the test SMTP server, each in its reader's language, with a link to the exact page).
Screenshots per step at 1366 px (artefacts: VENDORRISK_TEST_ARTIFACTS/days/<role>-<lang>),
each page checked by axe-core: zero serious or critical violations.

The steps before a role's day are taken through the real services; the day itself goes
through the pages."""

import io
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from sqlalchemy import select

from tests.assessments.conftest import answer_and_submit
from tests.browser.days import (
    Day,
    answered,
    cast_of,
    delivered,
    fill_tier1_vendor_form,
    in_language,
    log_in_here,
    proposed_and_signed_by_reviewer,
    registered_vendor,
    sent,
    to,
)
from tests.notifications.handoff_helpers import text_of
from tests.portal.conftest import link_in
from vendorrisk.assessments.models import Assessment
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.signoff import sign

LANGUAGES = ["en", "ja"]
SUBMITTED = "%(vendor)s has submitted its questionnaire"
SIGNATURE = "%(vendor)s: a decision waits for your signature"
PROGRESS = "%(done)d of %(total)d required answers given"
STAFF_LINK = re.compile(r"https?://\S+/assessments/\d+\S*")


def _staff_link(message) -> str:  # noqa: ANN001
    return STAFF_LINK.search(text_of(message)).group(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_procurement_registers_sends_and_hears_of_the_answers(
        browser, live_server, app, make_user, smtp_server, tmp_path, language):
    app.config["BASE_URL"] = live_server
    cast = cast_of(app, make_user, tmp_path, language)
    day = Day("procurement", language, tmp_path)
    page = day.open(browser)
    page.goto(f"{live_server}/auth/login")
    log_in_here(page, cast.buyer.email)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    day.shot(page, "dashboard")

    page.goto(f"{live_server}/vendors/new")
    fill_tier1_vendor_form(page, cast.vendor_name(), cast.contact)
    page.locator("#contact_language").select_option(language)
    day.shot(page, "vendor-form")
    page.locator("#main form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/vendors/\d+$"))
    vendor_id = int(page.url.rsplit("/", 1)[1])
    day.shot(page, "vendor-registered")

    page.goto(f"{live_server}/assessments/new/{vendor_id}")
    page.locator("#due_on").fill((utcnow().date() + timedelta(days=21)).isoformat())
    page.locator("input[name=contacts]").first.check()
    page.locator("#main form button[type=submit]").click()
    expect(page.locator("#invitation-preview")).to_be_visible()
    day.shot(page, "draft-invitation")
    base = page.url.removeprefix(live_server)
    page.locator(f"form[action='{base}/send'] button[type=submit]").click()
    expect(page.locator(f"form[action='{base}/send']")).to_have_count(0)
    day.shot(page, "sent")
    invitation = smtp_server.messages[-1]
    assert invitation["To"] == cast.contact
    assert invitation["Reply-To"] == cast.buyer.email  # replies reach the buyer
    assert ("アンケート" in invitation["Subject"]) == (language == "ja")  # the contact's

    page.goto(f"{live_server}/vendors/")
    under = in_language(app, language, "Under assessment")
    expect(page.locator("#main")).to_contain_text(under)
    day.shot(page, "vendors-under-assessment")

    answer_and_submit(app, link_in(invitation))  # the vendor's own day is below
    notice = to(smtp_server.messages, cast.buyer.email)[-1]  # the owner is told
    assert notice["Subject"] == in_language(app, language, SUBMITTED,
                                            vendor=cast.vendor_name())
    page.goto(_staff_link(notice))
    expect(page.locator("#main")).to_contain_text(cast.vendor_name())
    day.shot(page, "told-of-the-answers")
    day.finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_vendor_answers_in_its_language_and_is_told_what_comes_next(
        browser, live_server, app, make_user, make_vendor, smtp_server, tmp_path, language):
    app.config["BASE_URL"] = live_server
    cast = cast_of(app, make_user, tmp_path, language)
    with app.app_context():
        vendor_id = registered_vendor(cast, make_vendor)
        sent(cast, vendor_id)
        (invitation,) = to(delivered(smtp_server), cast.contact)
    day = Day("vendor", language, tmp_path)
    page = day.open(browser, language)  # a browser set to the other language
    link = link_in(invitation)
    page.goto(f"{live_server}{link}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    progress = page.locator("#progress-text")  # in words, in the link's language
    expect(progress).to_have_text(in_language(app, language, PROGRESS, done=0, total=5))
    day.shot(page, "questionnaire")
    for choice in ("#q-d1_policy-3", "#q-d1_training-3", "#q-d1_uses_subs-no",
                   "#q-d1_channels-mail", "#q-d1_encryption-full"):
        page.locator(choice).check()
    evidence = tmp_path / "policy.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% our privacy policy\n%%EOF\n")
    page.locator("#file-d1_policy_file").set_input_files(str(evidence))
    page.locator("button[formaction$='/evidence/d1_policy_file']").click()
    expect(page.get_by_role("link", name="policy.pdf")).to_be_visible()
    expect(progress).to_have_text(in_language(app, language, PROGRESS, done=5, total=5))
    day.shot(page, "answered")
    page.goto(f"{live_server}{link}/submit")
    page.locator("#title").fill("Privacy officer")
    page.locator("#confirm").check()
    count = len(smtp_server.messages)
    page.locator("#main form button[type=submit]").last.click()
    expect(page.locator(".alert-info")).to_be_visible()
    expect(page.locator(f"form[action='{link}/submit']")).to_have_count(0)  # no second go
    day.shot(page, "submitted")
    told = smtp_server.messages[count:]
    (receipt,) = to(told, cast.contact)
    assert in_language(app, language, "We have received your answers: %(title)s",
                       title="").rstrip() in receipt["Subject"]
    assert {str(m["To"]) for m in told} == {cast.contact, cast.reviewer.email,
                                            cast.buyer.email}

    with app.app_context():  # the review and both signatures, then the decision
        assessment = db.session.scalars(select(Assessment)).one()
        proposed_and_signed_by_reviewer(cast, assessment)
        sign(assessment, stage="approver", actor=db.session.merge(cast.approver),
             now=utcnow())
        decision = to(delivered(smtp_server), cast.contact)
    outcome = in_language(app, language, "%(company)s has approved %(vendor)s with conditions",
                          company=app.config["COMPANY_NAME"], vendor=cast.vendor_name())
    assert [m["Subject"] for m in decision][0] == outcome
    assert "Deploy DLP." in text_of(decision[0])  # the condition, in the e-mail itself
    page.goto(f"{live_server}{link_in(decision[-1])}/remediation")
    expect(page.locator("#main")).to_contain_text("Deploy DLP.")
    day.shot(page, "remediation")
    day.finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reviewer_follows_the_email_reviews_and_hands_over(
        browser, live_server, app, make_user, make_vendor, smtp_server, tmp_path, language):
    app.config["BASE_URL"] = live_server
    cast = cast_of(app, make_user, tmp_path, language)
    with app.app_context():
        vendor_id = registered_vendor(cast, make_vendor)
        assessment_id = answered(cast, vendor_id).id
        (notice,) = to(delivered(smtp_server), cast.reviewer.email)
    assert notice["Subject"] == in_language(app, language, SUBMITTED,
                                            vendor=cast.vendor_name())
    day = Day("reviewer", language, tmp_path)
    page = day.open(browser)
    page.goto(_staff_link(notice))
    log_in_here(page, cast.reviewer.email)
    base = f"/assessments/{assessment_id}"
    expect(page).to_have_url(re.compile(rf"{base}$"))
    day.shot(page, "from-the-email")

    page.goto(f"{live_server}{base}/findings/new")
    page.locator("#question_id").select_option("d1_encryption")
    page.locator("#severity").select_option("high")
    page.locator("#description").fill("Backups are not encrypted.")
    page.locator("#remediation").fill("Encrypt the backups.")
    page.locator("#due_on").fill((utcnow().date() + timedelta(days=30)).isoformat())
    page.locator("#main form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(rf"{base}#findings$"))
    page.locator(f"a[href^='{base}/findings/'][href$='/edit']").first.click()
    later = (utcnow().date() + timedelta(days=45)).isoformat()
    page.locator("#due_on").fill(later)
    day.shot(page, "finding-change")
    page.locator("#main form button[type=submit]").click()
    page.locator("#findings ~ table details summary").first.click()
    expect(page.locator("#main")).to_contain_text(later)
    day.shot(page, "finding-history")

    page.locator("#outcome-approve_with_conditions").check()
    page.locator("#rationale").fill("Controls adequate; the finding is followed up.")
    page.locator(f"form[action='{base}/propose'] button[type=submit]").click()
    page.locator(f"a[href='{base}/sign']").click()
    expect(page.locator(".alert-warning")).to_be_visible()
    day.shot(page, "confirm-signature")
    count = len(smtp_server.messages)
    page.locator(f"form[action='{base}/sign'] button[type=submit]").click()
    day.shot(page, "signed")
    (ask,) = to(smtp_server.messages[count:], cast.approver.email)
    assert ask["Subject"] == in_language(app, language, SIGNATURE, vendor=cast.vendor_name())
    assert f"{base}#decision" in text_of(ask)
    day.finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_approver_signs_from_the_email_and_the_vendor_hears_the_outcome(
        browser, live_server, app, make_user, make_vendor, smtp_server, tmp_path, language):
    app.config["BASE_URL"] = live_server
    cast = cast_of(app, make_user, tmp_path, language)
    with app.app_context():
        vendor_id = registered_vendor(cast, make_vendor)
        assessment = answered(cast, vendor_id)
        proposed_and_signed_by_reviewer(cast, assessment)
        assessment_id = assessment.id
        (ask,) = to(delivered(smtp_server), cast.approver.email)
    day = Day("approver", language, tmp_path)
    page = day.open(browser)
    page.goto(_staff_link(ask))
    log_in_here(page, cast.approver.email)
    base = f"/assessments/{assessment_id}"
    expect(page.locator(f"a[href='{base}/sign']")).to_be_visible()
    day.shot(page, "from-the-email")
    page.locator(f"a[href='{base}/sign']").click()
    day.shot(page, "confirm-signature")
    count = len(smtp_server.messages)
    page.locator(f"form[action='{base}/sign'] button[type=submit]").click()
    expect(page.locator(f"form[action='{base}/verify']")).to_be_visible()
    day.shot(page, "signed")
    decision, remediation = to(smtp_server.messages[count:], cast.contact)
    company = app.config["COMPANY_NAME"]
    assert decision["Subject"] == in_language(
        app, language, "%(company)s has approved %(vendor)s with conditions",
        company=company, vendor=cast.vendor_name())
    assert decision["Reply-To"] == cast.buyer.email
    assert remediation["Subject"] == in_language(app, language,
                                                 "Remediation requested by %(company)s",
                                                 company=company)

    report = page.request.get(f"{live_server}/reports/assessments/{assessment_id}.pdf")
    assert report.status == 200
    text = "".join("".join(part.extract_text() for part in PdfReader(
        io.BytesIO(report.body())).pages).split())
    status = in_language(app, language, "Remediation requested")
    assert "".join(status.split()) in text  # the finding's status, in the reader's language
    page.goto(f"{live_server}/dashboard/")
    day.shot(page, "dashboard")
    day.finish()
