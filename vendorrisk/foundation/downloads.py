"""Serving stored files (evidence, contract documents, deletion certificates): always as
attachments, with their sniffed type, never inline."""

from typing import Protocol

from flask import Response, send_file

from vendorrisk.foundation.storage import storage


class StoredFile(Protocol):
    sha256: str
    filename: str
    content_type: str


def send_stored(file: StoredFile) -> Response:
    """The file as a download (the caller has checked who may see it)."""
    response = send_file(storage().open(file.sha256), mimetype=file.content_type,
                         as_attachment=True, download_name=file.filename,
                         max_age=0, conditional=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def pdf_response(data: bytes, filename: str) -> Response:
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store"})
