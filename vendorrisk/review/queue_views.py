"""Work queues: awaiting my review, awaiting my approval (for top management: the
exceptions only they may accept), findings due."""

from flask import has_request_context, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from vendorrisk.assessments import bp
from vendorrisk.assessments.views import REVIEWERS
from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.review.exceptions import pending_exceptions
from vendorrisk.review.queues import awaiting_approval, awaiting_review, findings_due, queue_counts


@bp.get("/queue/review")
@require_role(*REVIEWERS)
def queue_review() -> ResponseReturnValue:
    return render_template("assessments/queue_review.html",
                           assessments=awaiting_review(current_user))


@bp.get("/queue/approval")
@require_role(Role.APPROVER, Role.EXECUTIVE)
def queue_approval() -> ResponseReturnValue:
    return render_template("assessments/queue_approval.html",
                           assessments=awaiting_approval(current_user),
                           exceptions=pending_exceptions(current_user))


@bp.get("/queue/findings")
@require_role(*REVIEWERS)
def queue_findings() -> ResponseReturnValue:
    overdue = request.args.get("overdue") == "1"  # only the overdue ones
    everyone = overdue or request.args.get("owner") == "all"
    today = utcnow().date()
    findings = findings_due(today, owner=None if everyone else current_user)
    if overdue:
        findings = [finding for finding in findings if finding.overdue(today)]
    return render_template("assessments/queue_findings.html", everyone=everyone, today=today,
                           overdue=overdue, findings=findings)


@bp.app_context_processor
def _navigation_counts() -> dict:
    """The numbers beside the work queues in the navigation (NavItem.counted)."""
    if not has_request_context() or not current_user.is_authenticated:
        return {"navigation_counts": {}}
    return {"navigation_counts": queue_counts(current_user, utcnow().date())}
