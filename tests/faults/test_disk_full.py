"""The disk fills up while a vendor uploads evidence: a clear message, no evidence row,
no half-written file; once there is room again the same upload works."""

import errno
import io
import os

from sqlalchemy import func, select

from tests.helpers import page_text
from tests.portal.conftest import (  # noqa: F401  (a fixture among them)
    create_and_send,
    csrf_of,
    link_in,
    vendor_with_contact,
)
from vendorrisk.assessments.models import EvidenceFile
from vendorrisk.foundation import storage as storage_module
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import upload_folder

PDF = b"%PDF-1.4\n% evidence\n%%EOF\n"


def _upload(client, link: str):
    return client.post(f"{link}/evidence/d1_policy_file", data={
        "section": "d1", "csrf_token": csrf_of(client, link),
        "file-d1_policy_file": (io.BytesIO(PDF), "policy.pdf")},
        content_type="multipart/form-data")


def test_a_full_disk_refuses_the_upload_cleanly(app, client, auth, smtp_server,
                                                vendor_with_contact, monkeypatch):  # noqa: F811
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()

    def no_space(source, target):  # noqa: ANN001, ANN202, ARG001
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage_module.os, "replace", no_space)
    refused = _upload(vendor, link)
    # The portal saves the section's answers with the upload and shows the refusal by the
    # question, as for any refused file.
    assert refused.status_code == 400
    assert ("The file could not be stored (No space left on device). Nothing was saved; "
            "please try again later.") in page_text(refused)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(EvidenceFile)) == 0
        leftovers = [path for path in upload_folder().rglob("*") if path.is_file()] \
            if upload_folder().exists() else []
        assert leftovers == []  # the temporary file went too
    monkeypatch.undo()
    assert _upload(vendor, link).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(EvidenceFile)) == 1
