"""A file the portal cannot use as answers is refused with a clear message, and changes
nothing."""

import io
import json
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.helpers import page_text
from tests.portal.imported_standard import caiq_workbook, send_standard, upload
from vendorrisk.assessments import prefill_files
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.foundation.extensions import db


def _no_answers(app, assessment_id):
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0
        assert db.session.get(Assessment, assessment_id).status.value == "sent"


def _broken_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<<< not XML")
    return out.getvalue()


def _not_caiq() -> bytes:
    book = Workbook()
    book.active.append(["Vendor", "Country"])
    book.active.append(["Acme", "JP"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    (b"hello, world", "neither a VSAQ answers file (JSON) nor a CAIQ workbook"),
    (b'["application_ssl_mixed"]', "not a VSAQ answers export"),
    (json.dumps({"nothing_known": "checked"}).encode(), "None of the answers in the file "
                                                        "matches a question"),
    (b"PK\x03\x04 not really a zip", "The Excel file cannot be opened."),
    (_broken_workbook(), "The Excel file cannot be opened."),
    (b"{" + b" " * 2000 + b"}", "The file is larger than"),
])
def test_a_bad_file_is_refused_and_changes_nothing(app, client, auth, make_vendor, monkeypatch,
                                                   smtp_server, tmp_path, data, message):
    monkeypatch.setattr(prefill_files, "MAX_ANSWER_FILE", 1000)  # no 5 MB body in a test
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    response = upload(vendor_client, link, csrf, data, "answers.json")  # redirected back
    assert response.status_code == 200
    assert message in page_text(response)
    assert "Nothing was changed." in page_text(response)
    _no_answers(app, assessment_id)


def test_a_workbook_without_the_caiq_columns_is_refused(app, client, auth, make_vendor,
                                                        smtp_server, tmp_path):
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    response = upload(vendor_client, link, csrf, _not_caiq(), "vendors.xlsx")
    assert response.status_code == 200
    assert "No sheet of the workbook has a CAIQ header row" in page_text(response)
    _no_answers(app, assessment_id)


def test_no_file_chosen(app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    posted = vendor_client.post(f"{link}/answers-file", data={**csrf, "section": "app"})
    assert posted.status_code == 302
    assert "Choose a file first." in page_text(vendor_client.get(posted.location))
    _no_answers(app, assessment_id)


def test_a_submitted_questionnaire_takes_no_file(app, client, auth, make_vendor,
                                                 smtp_server, tmp_path):
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    vendor_client.post(f"{link}/save", data={"section": "app", **csrf,
                                              "present-app_tools": "1"})
    assert vendor_client.post(f"{link}/submit", data={
        **csrf, "name": "Hana Sato", "title": "Lead", "confirm": "yes"}).status_code == 302
    workbook = caiq_workbook([("A&A-01.1", "Audit policies?", "Yes", "")])
    response = upload(vendor_client, link, csrf, workbook, "caiq.xlsx")
    assert "The answers are locked: the questionnaire has been submitted." in page_text(
        response)
    with app.app_context():
        assert db.session.scalar(select(Answer).where(Answer.question_id == "app_contact")) \
            is None
