"""Report downloads: each a PDF rendered on request from plain data. The labels the
templates use (state_labels, outcome_labels, ...) come from the assessments' context
processor, as on every page."""

from flask import Response, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from vendorrisk.assessments.models import Assessment
from vendorrisk.audit.services import record
from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.downloads import pdf_response
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.pdf import Embedded
from vendorrisk.foundation.printing import LANGUAGES, render_pdf
from vendorrisk.reports import bp
from vendorrisk.reports.assessment_report import assessment_report
from vendorrisk.reports.dossier import dossier
from vendorrisk.vendors.models import Vendor


def report_language() -> str:
    """``lang`` from the query or the form when it is one the reports speak, else the
    user's own."""
    wanted = request.values.get("lang", "")
    return wanted if wanted in LANGUAGES else current_user.language.value


@bp.get("/assessments/<int:assessment_id>.pdf")
@require_role(*ALL_ROLES)
def assessment_pdf(assessment_id: int) -> Response:
    """The assessment report; ``?archival=1`` gives PDF/A-3b with the signed snapshot
    embedded as JSON."""
    assessment = db.get_or_404(Assessment, assessment_id)
    language, now = report_language(), utcnow()
    archival = request.args.get("archival") == "1"
    report = assessment_report(assessment)
    embedded = (Embedded("snapshot.json", report.snapshot_body.encode(),
                         "The signed record (canonical JSON)"),) \
        if archival and report.snapshot_body else ()
    data = render_pdf("reports/assessment.html", language=language,
                      title=_l("Assessment report"), now=now, archival=archival,
                      embedded=embedded, report=report)
    record("report.assessment_downloaded", actor=current_user, object_type="assessment",
           object_id=assessment.id, now=now,
           details={"language": language, "archival": archival,
                    "snapshot_sha256": report.snapshot_sha256})
    db.session.commit()
    suffix = "-pdfa" if archival else ""
    return pdf_response(data, f"assessment-{assessment.id}-{language}{suffix}.pdf")


@bp.get("/vendors/<int:vendor_id>.pdf")
@require_role(*ALL_ROLES)
def dossier_pdf(vendor_id: int) -> Response:
    """The vendor dossier: profile, chain, contracts, assessments, open findings."""
    vendor = db.get_or_404(Vendor, vendor_id)
    language, now = report_language(), utcnow()
    data = render_pdf("reports/dossier.html", language=language, title=_l("Vendor dossier"),
                      now=now, d=dossier(vendor, now.date()))
    record("report.dossier_downloaded", actor=current_user, object_type="vendor",
           object_id=vendor.id, now=now, details={"language": language})
    db.session.commit()
    return pdf_response(data, f"vendor-{vendor.id}-{language}.pdf")
