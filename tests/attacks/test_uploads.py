"""Hostile uploads through a vendor's link: an archive bomb dressed as a Word file, a
file name that climbs out of folders, an empty file, a program renamed PDF, a file over
the limit. Each is refused with a clear message (or, for the name, kept harmless) and
nothing is written where it should not be."""

import io
import time
import zipfile

import pytest
from sqlalchemy import select

from tests.helpers import page_text
from tests.portal.conftest import (  # noqa: F401  (a fixture among them)
    create_and_send,
    csrf_of,
    link_in,
    vendor_with_contact,
)
from vendorrisk.assessments.models import EvidenceFile
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import upload_folder

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _bomb(unpacked_mb: int) -> bytes:
    """A .docx-shaped zip whose one part unpacks to ``unpacked_mb`` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(unpacked_mb):
                part.write(chunk)
    return buffer.getvalue()


def _upload(client, link: str, data: bytes, name: str):
    return client.post(f"{link}/evidence/d1_policy_file", data={
        "section": "d1", "csrf_token": csrf_of(client, link),
        "file-d1_policy_file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


@pytest.fixture
def vendor_link(app, client, auth, smtp_server, vendor_with_contact) -> tuple:  # noqa: F811
    create_and_send(client, auth, vendor_with_contact)
    return app.test_client(), link_in(smtp_server.messages[0])


def _stored(app) -> list[EvidenceFile]:
    with app.app_context():
        return list(db.session.scalars(select(EvidenceFile)))


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "empty.pdf", "The file is empty."),
    (b"MZ\x90\x00" + b"\0" * 512, "invoice.pdf", "invoice.pdf is not a PDF, image"),
    (b"\x7fELF" + b"\0" * 512, "policy.docx", "policy.docx is not a PDF, image"),
    (b"#!/bin/sh\nrm -rf /\n", "notes.txt", "notes.txt is not a PDF, image"),
    (b"PK\x03\x04not really a zip", "sheet.xlsx", "sheet.xlsx is not a PDF, image"),
], ids=["empty", "exe-as-pdf", "elf-as-docx", "script-as-txt", "broken-zip"])
def test_disguised_and_empty_files_are_refused(app, vendor_link, data, name, message):
    client, link = vendor_link
    refused = _upload(client, link, data, name)
    assert refused.status_code == 400
    assert message in page_text(refused)
    assert _stored(app) == []


def test_an_archive_bomb_is_refused_without_being_unpacked(app, vendor_link):
    client, link = vendor_link
    bomb = _bomb(300)  # 300 MB of zeros in a few hundred KB
    assert len(bomb) < 1024 * 1024
    started = time.perf_counter()
    refused = _upload(client, link, bomb, "policy.docx")
    assert time.perf_counter() - started < 5  # read its directory, never its contents
    assert refused.status_code == 400
    assert "policy.docx is not a PDF, image, Office document" in page_text(refused)
    assert _stored(app) == []


def test_a_name_that_climbs_folders_is_kept_as_a_plain_name(app, vendor_link):
    client, link = vendor_link
    for name in ("../../../../etc/cron.d/evil.pdf", "..\\..\\windows\\win.ini.pdf",
                 "/etc/passwd.pdf", "\x00\x1b[31mred.pdf"):
        assert _upload(client, link, PDF + name.encode(), name).status_code == 302
    names = sorted(item.filename for item in _stored(app))
    # Control characters go; a Windows path arrives without its backslashes (the
    # multipart parser reads them as escapes): no name keeps a folder.
    assert names == ["[31mred.pdf", "evil.pdf", "passwd.pdf", "windowswin.ini.pdf"]
    with app.app_context():
        folder = upload_folder()
        written = [path for path in folder.rglob("*") if path.is_file()]
        assert len(written) == 4
        assert all(len(path.name) == 64 and path.name.startswith(
            path.parent.parent.name + path.parent.name) for path in written)  # by hash
