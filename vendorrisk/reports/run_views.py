"""Asking for a background report, watching its progress, fetching the file."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.downloads import pdf_response
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.routing import as_id
from vendorrisk.foundation.storage import storage
from vendorrisk.reports import bp
from vendorrisk.reports.models import ReportKind, ReportRun, RunStatus
from vendorrisk.reports.queue import request_report
from vendorrisk.reports.summary import recent_fiscal_years
from vendorrisk.reports.views import report_language
from vendorrisk.vendors.queries import RegisterFilters

RECENT = 20
REPORT_NAMES = {ReportKind.REGISTER: _l("Consignee register"),
                ReportKind.SUMMARY: _l("Annual supervision summary")}


def _own_run(run_id: int) -> ReportRun:
    """A run its requester (or an admin) may see; anyone else gets 404, not a hint."""
    run = db.get_or_404(ReportRun, run_id)
    if run.requested_by_id != current_user.id and not current_user.has_role(Role.ADMIN):
        abort(404)
    return run


def _years() -> list[int]:
    """This fiscal year and the four before it."""
    return [year for year, _first, _last in recent_fiscal_years(utcnow().date())]


def _runs_page() -> str:
    """The Reports page: the summary form and the user's recent runs."""
    mine = db.session.scalars(select(ReportRun).where(
        ReportRun.requested_by_id == current_user.id)
        .order_by(ReportRun.id.desc()).limit(RECENT)).all()
    return render_template("reports/runs.html", runs=mine,
                           years=recent_fiscal_years(utcnow().date()),
                           report_names=REPORT_NAMES)


@bp.get("/runs")
@require_role(*ALL_ROLES)
def runs() -> ResponseReturnValue:
    return _runs_page()


@bp.post("/summary")
@require_role(*ALL_ROLES)
def request_summary() -> ResponseReturnValue:
    """Queue the annual supervision summary for a recent year."""
    year = as_id(request.form.get("year"))
    if year not in _years():
        flash(_("Choose one of the years offered."), "danger")
        return _runs_page(), 400
    run = request_report(ReportKind.SUMMARY, {"year": year}, language=report_language(),
                         actor=current_user, now=utcnow())
    db.session.commit()
    return redirect(url_for("reports.run", run_id=run.id))


@bp.post("/register")
@require_role(*ALL_ROLES)
def request_register() -> ResponseReturnValue:
    """Queue the register PDF for the register page's current filters."""
    filters = RegisterFilters.from_args(request.form)
    run = request_report(ReportKind.REGISTER, filters.as_args(), language=report_language(),
                         actor=current_user, now=utcnow())
    db.session.commit()
    return redirect(url_for("reports.run", run_id=run.id))


@bp.get("/runs/<int:run_id>")
@require_role(*ALL_ROLES)
def run(run_id: int) -> ResponseReturnValue:
    return render_template("reports/run.html", run=_own_run(run_id),
                           waiting=(RunStatus.QUEUED, RunStatus.RUNNING),
                           report_names=REPORT_NAMES)


@bp.get("/runs/<int:run_id>/file")
@require_role(*ALL_ROLES)
def run_file(run_id: int) -> ResponseReturnValue:
    report = _own_run(run_id)
    if report.status != RunStatus.READY or not storage().exists(report.file_sha256 or ""):
        abort(404)
    record("report.downloaded", actor=current_user, object_type="report_run",
           object_id=report.id, now=utcnow(),
           details={"kind": report.kind.value, "sha256": report.file_sha256})
    db.session.commit()
    with storage().open(report.file_sha256) as handle:
        return pdf_response(handle.read(), report.filename)
