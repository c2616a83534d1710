"""Issue 24: an exception's subject is stored as a code (``knockout:d1_policy``,
``below_pass``, ``contract:nda``, ``chain:<id>``, ``termination:<id>``) but people read
words in their language: on the assessment page (list, form, approval basis), the
approval queue, the expiry e-mail, the assessment report and the annual summary."""

import io
import re
from datetime import timedelta

from flask import render_template
from flask_babel import force_locale
from pypdf import PdfReader
from sqlalchemy import select

from tests.assessments.conftest import ANSWERS, answer_and_submit, in_days, sign_off
from tests.helpers import fiscal_year_now, page_text
from tests.portal.conftest import create_and_send, link_in
from vendorrisk.acceptance.models import RiskException
from vendorrisk.acceptance.services import add_exception, decide_exception
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.termination import TerminationInput, record_termination
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.queue import render_queued
from vendorrisk.vendors.models import Vendor

CODE = re.compile(r"\b(knockout|contract|chain|termination):\w|below_pass")
WORDS = {
    "en": ["Knockout failed: Is there a policy?", "Score below the pass mark",
           "No NDA or confidentiality clause", "No record of provision (Art. 29)",
           "Sub-consignee Sub Storage KK without its own evaluation",
           "Relationship with Gone Ltd ended on"],
    "ja": ["必須要件（ノックアウト）未達：方針はありますか。", "スコアが合格基準未満",
           "秘密保持契約（NDA）・秘密保持条項がない", "提供記録（第29条）がない",
           "独自の評価がない再委託先 Sub Storage KK",
           "Gone Ltd との取引を"],
}
ASSESSMENT_WORDS = {"en": WORDS["en"][:4], "ja": WORDS["ja"][:4]}


def _flat(text: str) -> str:
    return "".join(text.split())


def _assert_words(text: str, words: list[str]) -> None:
    assert not CODE.search(text), CODE.search(text).group(0)
    for word in words:
        assert _flat(word) in _flat(text), word


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _scene(app, client, auth, smtp_server, people, tier1_vendor, make_vendor) -> int:
    """A tier 1 assessment failing a knockout, with exceptions of every kind asked for."""
    assessment_id = create_and_send(client, auth, tier1_vendor)
    answer_and_submit(app, link_in(smtp_server.messages[-1]), {**ANSWERS, "q-d1_policy": "1"})
    auth.login(people.reviewer.email)
    for subject in ("knockout:d1_policy", "below_pass"):
        assert client.post(f"/assessments/{assessment_id}/exceptions", data={
            "subject": subject, "rationale": "Sole supplier.",
            "compensating_measures": "Monthly checks.", "expires_on": in_days(90)},
        ).status_code == 302
    auth.logout()
    sub = make_vendor(legal_name="Sub Storage KK")
    gone = make_vendor(legal_name="Gone Ltd")
    with app.app_context():
        now = utcnow()
        reviewer = db.session.get(User, people.reviewer.id)
        vendor = db.session.get(Vendor, tier1_vendor.id)
        assessment = db.session.get(Assessment, assessment_id)
        termination = record_termination(db.session.get(Vendor, gone.id), TerminationInput(
            terminated_on=now.date(), due_on=now.date() + timedelta(days=30),
            reason="Moving in-house."), actor=reviewer, now=now)
        db.session.flush()
        for owner, about, subject in (
                (vendor, assessment, "contract:nda"),
                (vendor, assessment, "contract:provision_record"),
                (vendor, None, f"chain:{sub.id}"),
                (termination.vendor, None, f"termination:{termination.id}")):
            add_exception(owner, about, subject=subject, rationale="Accepted risk.",
                          compensating_measures="Checks.", expires_on=now.date()
                          + timedelta(days=60), actor=reviewer, now=now)
        db.session.commit()
    return assessment_id


def test_subjects_read_as_words_on_pages_mails_and_reports(
        app, client, auth, smtp_server, people, tier1_vendor, make_vendor, make_user):
    assessment_id = _scene(app, client, auth, smtp_server, people, tier1_vendor, make_vendor)
    page = f"/assessments/{assessment_id}"

    # The assessment page: the list and the form's choices.
    auth.login(people.reviewer.email)
    for language in ("en", "ja"):
        text = page_text(client.get(f"{page}?lang={language}"))
        _assert_words(text, ASSESSMENT_WORDS[language])
    html = client.get(f"{page}?lang=en").get_data(as_text=True)
    assert '<option value="below_pass">Score below the pass mark</option>' in html
    auth.logout()

    # The approval queue, for someone who decides every kind (a sub-consignee's exception
    # is decided on its own page, which names the sub-consignee).
    boss = make_user(Role.APPROVER, Role.EXECUTIVE, email="boss@example.com")
    auth.login(boss.email)
    for language in ("en", "ja"):
        queue = page_text(client.get(f"/assessments/queue/approval?lang={language}"))
        _assert_words(queue, [*ASSESSMENT_WORDS[language], WORDS[language][5]])

    # The e-mail saying an exception expires names its gap in words.
    with app.app_context():
        exceptions = list(db.session.scalars(select(RiskException)))
        user = db.session.get(User, boss.id)
        for language in ("en", "ja"):
            with app.test_request_context("/"), force_locale(language):
                mail = "".join(render_template(
                    "notifications/supervision_notice.txt", notice="exception_expiring",
                    user=user, vendor=item.vendor, exception=item, days=30,
                    base_url="http://test") for item in exceptions)
            _assert_words(mail, WORDS[language])
        for item in exceptions:  # every one approved, for the signed record and summary
            decide_exception(item, approve=True, note="", actor=user, now=utcnow())
        db.session.commit()
    auth.logout()

    # The approval basis (page and signed PDF) and the report's exception list.
    sign_off(client, auth, people, assessment_id)  # ends logged out
    auth.login(people.reviewer.email)
    for language in ("en", "ja"):
        text = page_text(client.get(f"{page}?lang={language}"))
        _assert_words(text, ASSESSMENT_WORDS[language][:2])
        assert "#1" in text
        pdf = client.get(f"/reports/assessments/{assessment_id}.pdf?lang={language}")
        assert pdf.status_code == 200
        _assert_words(_pdf_text(pdf.data), ASSESSMENT_WORDS[language])

    # The annual summary lists the approved exceptions.
    auth.logout()
    auth.login(boss.email)
    for language in ("en", "ja"):
        queued = client.post("/reports/summary", data={"year": str(fiscal_year_now()),
                                                       "lang": language})
        assert queued.status_code == 302
        with app.app_context():
            assert render_queued(utcnow()) == 1
        download = client.get(f"{queued.headers['Location']}/file")
        assert download.status_code == 200
        _assert_words(_pdf_text(download.data), WORDS[language])
