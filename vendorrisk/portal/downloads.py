"""Serving evidence files: always as attachments, with their sniffed type, never inline."""

from flask import Response, send_file

from vendorrisk.assessments.models import EvidenceFile
from vendorrisk.storage import storage


def send_evidence(evidence: EvidenceFile) -> Response:
    """The file as a download (the caller has checked who may see it)."""
    response = send_file(storage().open(evidence.sha256), mimetype=evidence.content_type,
                         as_attachment=True, download_name=evidence.filename,
                         max_age=0, conditional=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
