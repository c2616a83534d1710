"""Evidence uploads: accepted by content, refused when disguised or too large, kept private."""

import io

from sqlalchemy import select

from tests.helpers import page_text
from tests.portal.conftest import create_and_send, csrf_of, link_in
from vendorrisk.assessments.models import EvidenceFile
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"



def _upload(client, link, data: bytes, name: str, token: str):
    return client.post(f"{link}/evidence/d1_policy_file", data={
        "section": "d1", "csrf_token": token, "file-d1_policy_file": (io.BytesIO(data), name)},
        content_type="multipart/form-data")


def _files(app) -> list[EvidenceFile]:
    with app.app_context():
        return list(db.session.scalars(select(EvidenceFile)))


def test_a_pdf_is_attached_listed_and_downloaded_as_an_attachment(
        app, client, auth, smtp_server, vendor_with_contact):
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    token = csrf_of(vendor, link)
    assert _upload(vendor, link, PDF, "privacy policy.pdf", token).status_code == 302
    (stored,) = _files(app)
    assert (stored.filename, stored.content_type, stored.size) == (
        "privacy policy.pdf", "application/pdf", len(PDF))
    assert "privacy policy.pdf" in page_text(vendor.get(link))
    download = vendor.get(f"{link}/evidence/{stored.id}")
    assert download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    download.close()
    auth.login_as(Role.AUDITOR)
    staff = client.get(f"/assessments/{assessment_id}/evidence/{stored.id}")
    assert staff.data == PDF
    staff.close()


def test_a_program_renamed_pdf_is_refused_and_nothing_is_kept(
        app, client, auth, smtp_server, vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    response = _upload(vendor, link, b"MZ\x90\x00" + b"\x00" * 200, "invoice.pdf",
                       csrf_of(vendor, link))
    assert response.status_code == 400
    assert ("invoice.pdf is not a PDF, image, Office document, text or CSV file (judged by "
            "its content, not its name). Nothing was saved.") in page_text(response)
    assert _files(app) == []


def test_an_oversize_file_is_refused(app, client, auth, smtp_server, vendor_with_contact):
    # Below the test client's 500 KB spooling, so the request body stays in memory.
    app.config["EVIDENCE_MAX_BYTES"] = 100 * 1024
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    response = _upload(vendor, link, PDF + b"0" * (200 * 1024), "big.pdf", csrf_of(vendor, link))
    assert response.status_code == 400
    assert "The file is larger than 100 KB. Nothing was saved." in page_text(response)
    assert _files(app) == []


def test_a_link_cannot_reach_another_assessments_files(app, client, auth, smtp_server,
                                                      vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    create_and_send(client, auth, vendor_with_contact)
    first, second = (link_in(message) for message in smtp_server.messages)
    one, two = app.test_client(), app.test_client()
    _upload(one, first, PDF, "secret.pdf", csrf_of(one, first))
    (stored,) = _files(app)
    response = two.get(f"{second}/evidence/{stored.id}")
    assert response.status_code == 404
    assert PDF not in response.data


def test_removing_a_file(app, client, auth, smtp_server, vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    token = csrf_of(vendor, link)
    _upload(vendor, link, b"name,role\nSato,handler\n", "handlers.csv", token)
    (stored,) = _files(app)
    assert stored.content_type == "text/csv"
    response = vendor.post(f"{link}/evidence/{stored.id}/remove",
                           data={"section": "d1", "csrf_token": token})
    assert response.status_code == 302
    assert "handlers.csv" not in page_text(vendor.get(link))
    assert vendor.get(f"{link}/evidence/{stored.id}").status_code == 404


def test_japanese_file_names_are_kept(app, client, auth, smtp_server, vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    token = csrf_of(vendor, link)
    assert _upload(vendor, link, "氏名,役割\n佐藤,担当\n".encode(), "委託先一覧.csv",
                   token).status_code == 302
    (stored,) = _files(app)
    assert stored.filename == "委託先一覧.csv"
    download = vendor.get(f"{link}/evidence/{stored.id}")
    assert "filename*=UTF-8''" in download.headers["Content-Disposition"]
    download.close()
