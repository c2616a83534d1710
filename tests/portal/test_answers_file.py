"""A vendor's existing answers (VSAQ's answer export, a CAIQ v4 workbook) fill the
unanswered questions as "carried over — confirm or change"; unmatched items are listed."""

import json

from sqlalchemy import select

from tests.helpers import page_text
from tests.portal.imported_standard import caiq_workbook, send_standard, upload
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.audit.models import AuditEvent
from vendorrisk.foundation.extensions import db

VSAQ_ANSWERS = {
    "application_ssl_exclusively": "", "application_ssl_mixed": "checked",
    "application_ssl_none": "", "application_vm_securitycontact": "yes",
    "tools_scanner": "checked", "tools_fuzzer": "", "application_notes": "We use Burp.",
    "application_unknown_item": "checked",
}


def _answers(app):
    with app.app_context():
        return {answer.question_id: answer for answer in db.session.scalars(select(Answer))}


def test_a_vsaq_export_fills_what_is_unanswered_and_lists_the_rest(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    vendor_client.post(f"{link}/save", data={"section": "app", **csrf,
                                              "present-app_contact": "1", "q-app_contact": "no"})
    response = upload(vendor_client, link, csrf, json.dumps(VSAQ_ANSWERS).encode(),
                      "answers.json")
    assert response.status_code == 200
    text = page_text(response)
    assert "3 answers were filled in from your VSAQ answers file." in text
    assert "1 questions already had an answer and were left as they were." in text
    assert "application_unknown_item — no question here asks it" in text
    answers = _answers(app)
    assert (answers["app_ssl"].value, answers["app_ssl"].carried_over) == (
        "application_ssl_mixed", True)
    assert answers["app_tools"].value == ["tools_scanner"]
    assert answers["app_notes"].value == "We use Burp."
    assert (answers["app_contact"].value, answers["app_contact"].version,
            answers["app_contact"].carried_over) == ("no", 1, False)  # the vendor's own
    page = page_text(vendor_client.get(link))
    assert page.count("Carried over from the answers file you uploaded — confirm or "
                      "change.") == 3
    assert "answers were filled in" not in page  # the report is shown once
    with app.app_context():
        entry = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "assessment.answers_prefilled"))
        assert entry.details["format"] == "vsaq"
        assert entry.details["filled"] == ["app_notes", "app_ssl", "app_tools"]
        assert db.session.get(Assessment, assessment_id).status.value == "in_progress"


def test_answers_from_a_file_must_be_confirmed_before_submitting(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    upload(vendor_client, link, csrf, json.dumps(VSAQ_ANSWERS).encode(), "answers.json")
    submit = {**csrf, "name": "Hana Sato", "title": "Security lead", "confirm": "yes"}
    assert vendor_client.post(f"{link}/submit", data=submit).status_code == 302  # refused: PRG
    answers = _answers(app)
    saved = vendor_client.post(f"{link}/save", data={
        "section": "app", **csrf, "confirm_all": "yes",
        "present-app_ssl": "1", "q-app_ssl": "application_ssl_mixed",
        "ver-app_ssl": answers["app_ssl"].version,
        "just-app_ssl": "Plain HTTP only redirects.",
        "present-app_tools": "1", "q-app_tools": "tools_scanner",
        "ver-app_tools": answers["app_tools"].version,
        "present-app_notes": "1", "q-app_notes": "We use Burp.",
        "ver-app_notes": answers["app_notes"].version,
        "present-app_contact": "1", "q-app_contact": "yes",
        "ver-app_contact": answers["app_contact"].version})
    assert saved.status_code == 302, page_text(saved)
    assert not [q for q, a in _answers(app).items() if a.carried_over]
    assert vendor_client.post(f"{link}/submit", data=submit).status_code == 302
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).status.value == "submitted"


def test_a_caiq_workbook_fills_yes_no_maturity_and_not_applicable(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, csrf, _id = send_standard(app, client, auth, make_vendor,
                                                   smtp_server, tmp_path)
    workbook = caiq_workbook([
        ("A&A-01.1", "Are audit policies established?", "Yes", "Reviewed every year."),
        ("A&A-02.1", "Are independent audits performed?", "No", ""),
        ("A&A-03.1", "Are risk-based assessments performed?", "NA", "No systems in scope."),
        ("A&A-04.1", "Is a remediation plan kept?", "Yes", ""),
        ("BCR-01.1", "Is there a business continuity plan?", "Yes", ""),
    ])
    response = upload(vendor_client, link, csrf, workbook, "caiq.xlsx")
    assert response.status_code == 200
    text = page_text(response)
    assert "3 answers were filled in from your CAIQ workbook." in text
    assert "BCR-01.1 Is there a business continuity plan? — no question here asks it" in text
    assert "A&A-04.1 Is a remediation plan kept? — a file cannot be carried over" in text
    answers = _answers(app)
    assert (answers["app_contact"].value, answers["app_contact"].comment) == (
        "yes", "Reviewed every year.")
    assert answers["app_review"].value == 0
    assert (answers["app_pentest"].not_applicable, answers["app_pentest"].justification) == (
        True, "No systems in scope.")
    assert all(answer.carried_over for answer in answers.values())


def test_a_formula_in_a_workbook_is_never_trusted(app, client, auth, make_vendor,
                                                  smtp_server, tmp_path):
    vendor_client, link, csrf, _id = send_standard(app, client, auth, make_vendor,
                                                   smtp_server, tmp_path)
    workbook = caiq_workbook([("A&A-01.1", "Audit policies?", '=IF(TRUE,"Yes","No")', ""),
                              ("A&A-02.1", "Independent audits?", "Yes", "")])
    response = upload(vendor_client, link, csrf, workbook, "caiq.xlsx")
    assert response.status_code == 200
    assert set(_answers(app)) == {"app_review"}
