"""The vendor's error paths stay in the portal: a too-large upload states the limit and
leads back to the questionnaire; after submitting, nothing offers to submit again; a
submission answers with a redirect, refused or not (Back never re-posts it)."""

import io

from sqlalchemy import func, select

from tests.helpers import page_text
from tests.portal.conftest import create_and_send, csrf_of, link_in
from vendorrisk.assessments.models import EvidenceFile
from vendorrisk.foundation.extensions import db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _in_portal_look(html: str) -> None:
    assert "vendor questionnaire" in html  # the portal's header
    assert "/auth/login" not in html
    assert "Back to the start page" not in html


def test_a_too_large_upload_states_the_limit_in_the_portal_look(
        app, client, auth, smtp_server, vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    token = csrf_of(vendor, link)
    # Below the test client's 500 KB spooling, so the request body stays in memory.
    app.config.update(MAX_CONTENT_LENGTH=100 * 1024, EVIDENCE_MAX_BYTES=64 * 1024)
    response = vendor.post(f"{link}/evidence/d1_policy_file", data={
        "section": "d1", "csrf_token": token,
        "file-d1_policy_file": (io.BytesIO(PDF + b"0" * (200 * 1024)), "big.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    _in_portal_look(html)
    text = page_text(response)
    assert "The upload is too large" in text
    assert "A file can be at most 64 KB." in text
    assert f'href="{link}"' in html
    assert "Back to the questionnaire" in text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(EvidenceFile)) == 0


def _submit(vendor, link, token, **changes):
    return vendor.post(f"{link}/submit", data={
        "csrf_token": token, "name": "Hana Sato", "title": "Privacy officer",
        "confirm": "yes", **changes})


def _answer_everything(vendor, link, token) -> None:
    saved = vendor.post(f"{link}/save", data={
        "csrf_token": token, "section": "d1",
        **{f"present-{qid}": "1" for qid in ("d1_policy", "d1_training", "d1_uses_subs",
                                             "d1_channels", "d1_encryption")},
        "q-d1_policy": "3", "q-d1_training": "3", "q-d1_uses_subs": "no",
        "q-d1_channels": "mail", "q-d1_encryption": "full"})
    assert saved.status_code == 302


def test_a_refused_submission_redirects_and_keeps_what_was_typed(
        app, client, auth, smtp_server, vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    token = csrf_of(vendor, link)
    _answer_everything(vendor, link, token)
    refused = _submit(vendor, link, token, confirm="", title="Head of privacy")
    assert refused.status_code == 302
    assert refused.headers["Location"] == f"{link}/submit"
    page = vendor.get(f"{link}/submit")
    html = page.get_data(as_text=True)
    assert 'role="alert"' in html  # the refusal, said on the page it came from
    assert 'value="Head of privacy"' in html
    assert "Submit the answers" in page_text(page)
    assert 'value="Head of privacy"' not in vendor.get(f"{link}/submit").get_data(as_text=True)


def test_after_submitting_the_submit_page_offers_no_submit(
        app, client, auth, smtp_server, vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    token = csrf_of(vendor, link)
    _answer_everything(vendor, link, token)
    submitted = _submit(vendor, link, token)
    assert (submitted.status_code, submitted.headers["Location"]) == (302, link)
    page = vendor.get(f"{link}/submit")
    assert page.status_code == 200
    text = page_text(page)
    assert "These answers were submitted on" in text
    assert "There is nothing more to submit." in text
    assert "Submit the answers" not in text
    assert 'method="post"' not in page.get_data(as_text=True)
    again = _submit(vendor, link, token)  # the form re-sent (Back, then Submit)
    assert (again.status_code, again.headers["Location"]) == (302, f"{link}/submit")
    assert "Submit the answers" not in page_text(vendor.get(f"{link}/submit"))


def test_every_portal_form_that_succeeds_answers_with_a_redirect(
        app, client, auth, smtp_server, vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    token = csrf_of(vendor, link)
    uploaded = vendor.post(f"{link}/evidence/d1_policy_file", data={
        "section": "d1", "csrf_token": token,
        "file-d1_policy_file": (io.BytesIO(PDF), "policy.pdf")},
        content_type="multipart/form-data")
    assert uploaded.status_code == 302
    with app.app_context():
        evidence_id = db.session.scalar(select(EvidenceFile.id))
    removed = vendor.post(f"{link}/evidence/{evidence_id}/remove",
                          data={"section": "d1", "csrf_token": token})
    colleague = vendor.post(f"{link}/colleague", data={
        "csrf_token": token, "name": "Ken Ito", "email": "ken@vendor.example.com",
        "language": "ja"})
    refused_colleague = vendor.post(f"{link}/colleague", data={
        "csrf_token": token, "name": "", "email": "not an address"})
    _answer_everything(vendor, link, token)
    submitted = _submit(vendor, link, token)
    for response in (removed, colleague, refused_colleague, submitted):
        assert response.status_code == 302
        assert response.headers["Location"].startswith(link)
