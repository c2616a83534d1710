"""Portal pages for the remediations a reviewer requested: the vendor agrees with a plan
and later reports completion with evidence, through the same link."""


from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from vendorrisk.edges.portal import bp
from vendorrisk.edges.portal.views import log_refused, portal_limits, respondent_for
from vendorrisk.foundation.clock import parse_day, utcnow
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db
from vendorrisk.review.findings import (
    complete_remediation,
    plan_remediation,
    shared_finding,
    shared_findings,
)
from vendorrisk.review.models import Finding


@bp.get("/<token>/remediation")
@portal_limits
def remediation(token: str) -> ResponseReturnValue:
    respondent = respondent_for(token, "remediation")
    findings = shared_findings(respondent)
    db.session.commit()
    return render_template("portal/remediation.html", token=token, respondent=respondent,
                           findings=findings, today=utcnow().date(),
                           link_open=respondent.expires_at is None
                           or respondent.expires_at > utcnow())


def _step(token: str, finding_id: int, action: str, step, done: str  # noqa: ANN001
          ) -> ResponseReturnValue:
    respondent = respondent_for(token, action)
    now = utcnow()
    try:
        step(shared_finding(respondent, finding_id, now), respondent, now)
    except DomainError as error:
        db.session.rollback()
        log_refused(respondent, action)
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("portal.remediation", token=token, _anchor=f"finding-{finding_id}"))


@bp.post("/<token>/remediation/<int:finding_id>/plan")
@portal_limits
def plan(token: str, finding_id: int) -> ResponseReturnValue:
    return _step(token, finding_id, "remediation_plan", lambda finding, respondent, now:
                 plan_remediation(finding, respondent, plan=request.form.get("plan", ""),
                                  planned_on=parse_day(request.form.get("planned_on")),
                                  agreed=request.form.get("agreed") == "yes", now=now),
                 _("Thank you: your plan has been recorded."))


@bp.post("/<token>/remediation/<int:finding_id>/complete")
@portal_limits
def complete(token: str, finding_id: int) -> ResponseReturnValue:
    upload = request.files.get("file")

    def report(finding: Finding, respondent, now) -> None:  # noqa: ANN001
        try:
            complete_remediation(finding, respondent, note=request.form.get("note", ""),
                                 filename=upload.filename if upload else "",
                                 data=upload.read() if upload and upload.filename else b"",
                                 now=now)
        finally:
            if upload is not None:
                upload.close()

    return _step(token, finding_id, "remediation_done", report,
                 _("Thank you: the completion has been reported for review."))
