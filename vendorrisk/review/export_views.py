"""Assessment answers and findings as CSV and XLSX downloads (auditors and analysts)."""

from flask.typing import ResponseReturnValue

from vendorrisk.assessments import bp
from vendorrisk.audit.exports import recorded
from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.exports import csv_download, xlsx_download
from vendorrisk.foundation.routing import query_int
from vendorrisk.review.export import (
    ANSWER_COLUMNS,
    FINDING_COLUMNS,
    answer_rows,
    finding_rows,
)


def _vendor_id() -> int | None:
    return query_int("vendor")


@bp.get("/export/answers.csv")
@require_role(*ALL_ROLES)
def export_answers_csv() -> ResponseReturnValue:
    """One row per answer of every assessment (or one vendor's, with ``?vendor=``)."""
    return csv_download("assessment-answers", ANSWER_COLUMNS,
                        answer_rows(vendor_id=_vendor_id()),
                        on_done=recorded("assessment-answers", "csv"))


@bp.get("/export/answers.xlsx")
@require_role(*ALL_ROLES)
def export_answers_xlsx() -> ResponseReturnValue:
    return xlsx_download("assessment-answers", ANSWER_COLUMNS,
                         answer_rows(vendor_id=_vendor_id()), sheet="answers",
                         on_done=recorded("assessment-answers", "xlsx"))


@bp.get("/export/findings.csv")
@require_role(*ALL_ROLES)
def export_findings_csv() -> ResponseReturnValue:
    return csv_download("findings", FINDING_COLUMNS, finding_rows(utcnow().date()),
                        on_done=recorded("findings", "csv"))


@bp.get("/export/findings.xlsx")
@require_role(*ALL_ROLES)
def export_findings_xlsx() -> ResponseReturnValue:
    return xlsx_download("findings", FINDING_COLUMNS, finding_rows(utcnow().date()),
                         sheet="findings", on_done=recorded("findings", "xlsx"))
