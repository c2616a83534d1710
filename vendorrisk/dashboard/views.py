"""The landing page: the portfolio at a glance (charts with their numbers), what is
overdue or expiring, the user's work queues and recent activity."""

from flask import current_app, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from vendorrisk.auth.permissions import READERS, require_login
from vendorrisk.dashboard import bp, figures, queries
from vendorrisk.dashboard.labels import activity_lines
from vendorrisk.foundation.clock import utcnow
from vendorrisk.notifications.services import undelivered_by
from vendorrisk.vendors.models import Vendor


def root() -> ResponseReturnValue:
    """``/``: send everyone to the dashboard (which asks anonymous visitors to log in)."""
    return redirect(url_for("dashboard.index"))


def charts() -> dict:
    """Each chart with the rows and columns of its table (the same numbers)."""
    portfolio, residual = queries.tier_by_status(), queries.residual_by_tier()
    open_findings, late_findings = queries.findings_by_severity(utcnow().date())
    return {
        "statuses": figures.statuses(), "tiers": figures.tiers(), "risks": figures.risks(),
        "portfolio": portfolio, "residual": residual, "severities": figures.severities(),
        "open_findings": open_findings, "late_findings": late_findings,
        "portfolio_chart": figures.portfolio_chart(portfolio),
        "residual_chart": figures.residual_chart(residual),
        "findings_chart": figures.findings_chart(open_findings),
    }


@bp.get("/")
@require_login
def index() -> ResponseReturnValue:
    today = utcnow().date()
    everyone = current_user.has_role(*READERS)
    return render_template(
        "dashboard/index.html", today=today, undelivered=undelivered_by(current_user.id),
        questionnaires=queries.overdue_questionnaires(today),
        reviews=queries.overdue(Vendor.next_review_on, today),
        findings=queries.overdue_findings(today),
        reports=queries.overdue(Vendor.next_report_on, today),
        unassessed=queries.unassessed(),
        contracts=queries.expiring_contracts(
            today, int(current_app.config["CONTRACT_EXPIRING_DAYS"]))[:queries.LISTED],
        activity=activity_lines(queries.recent_activity(
            None if everyone else current_user.id)),
        everyone=everyone, **charts())
