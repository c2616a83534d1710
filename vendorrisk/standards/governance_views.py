"""Governance pages on the standards blueprint: approve a version, the assignments with
their history, assign a version, review an assignment (governance.py holds the rules)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import submit
from vendorrisk.foundation.routing import as_id
from vendorrisk.standards import bp
from vendorrisk.standards.definition import TIERS
from vendorrisk.standards.governance import approve, assign, record_review
from vendorrisk.standards.governance_forms import (
    OUTCOME_LABELS,
    ApproveForm,
    AssignForm,
    ReviewForm,
)
from vendorrisk.standards.governance_labels import (
    ANY_CLASSIFICATION,
    classification_label,
    place_label,
)
from vendorrisk.standards.governance_read import (
    approved_versions,
    assignment_groups,
    last_reviewed,
    version_status,
)
from vendorrisk.standards.models import ReviewOutcome, StandardAssignment, StandardVersion
from vendorrisk.vendors.labels import label
from vendorrisk.vendors.vocabulary import Classification, Tier


@bp.app_template_global("standard_governance")
def standard_governance(stored: StandardVersion) -> dict:
    """What the partial standards/_governance.html shows of ``stored`` (show.html)."""
    status = version_status(stored)
    may_act = current_user.is_authenticated and current_user.has_role(Role.APPROVER)
    return {"status": status, "can_approve": may_act and status.approval is None,
            "can_assign": may_act and status.approval is not None,
            "classification_label": classification_label}


@bp.app_template_global("standard_place")
def standard_place(assignment: StandardAssignment) -> str:
    """Where an assignment applies, in words (the annual summary, the pages)."""
    return place_label(assignment.use, assignment.tier, assignment.classification)


@bp.app_template_global("standard_review_outcome")
def standard_review_outcome(outcome: str) -> str:
    return str(OUTCOME_LABELS[ReviewOutcome(outcome)])


def _version_label(version: StandardVersion) -> str:
    title = version.title_ja if str(get_locale()) == "ja" else version.title_en
    return f"{title} v{version.version}"


def _stored(slug: str, version: int) -> StandardVersion:
    stored = db.session.scalar(select(StandardVersion).where(
        StandardVersion.slug == slug, StandardVersion.version == version))
    if stored is None:
        abort(404)
    return stored


@bp.route("/<slug>/v<int:version>/approve", methods=["GET", "POST"])
@require_role(Role.APPROVER)
def approve_version(slug: str, version: int) -> ResponseReturnValue:
    stored = _stored(slug, version)
    form = ApproveForm()
    outcome = submit(form, lambda: approve(stored, actor=current_user,
                                           note=form.note.data or "", now=utcnow()))
    if outcome.done:
        flash(_("Version approved; assign it where it applies."), "success")
        return redirect(url_for("standards.show", slug=slug, version=version))
    return render_template("standards/governance_approve.html", form=form, stored=stored,
                           status=version_status(stored),
                           version_label=_version_label(stored)), \
        outcome.status if request.method == "POST" else 200


@bp.get("/assignments")
@require_role(*ALL_ROLES)
def assignments() -> ResponseReturnValue:
    return render_template(
        "standards/governance_assignments.html", groups=assignment_groups(),
        can_act=current_user.has_role(Role.APPROVER), today=utcnow().date(),
        classification_label=classification_label, version_label=_version_label,
        last_reviewed=last_reviewed, outcome_labels=OUTCOME_LABELS)


@bp.route("/assignments/new", methods=["GET", "POST"])
@require_role(Role.APPROVER)
def assign_version() -> ResponseReturnValue:
    form = AssignForm(version_id=request.args.get("version_id", ""),
                      tier=request.args.get("tier", ""))
    form.version_id.choices = [SelectChoice(str(v.id), _version_label(v))
                               for v in approved_versions()]
    form.tier.choices = [SelectChoice(tier, label(Tier(tier))) for tier in TIERS]
    form.classification.choices = [SelectChoice("", str(ANY_CLASSIFICATION)), *[
        SelectChoice(item.value, label(item)) for item in Classification]]

    def act() -> StandardAssignment:
        version_id = as_id(form.version_id.data)
        version = db.session.get(StandardVersion, version_id) if version_id else None
        if version is None:
            raise ValidationError(_("Choose an approved version."), field="version_id")
        return assign(version, tier=form.tier.data or "",
                      classification=form.classification.data or None, actor=current_user,
                      reason=form.reason.data or "", now=utcnow(),
                      review_by=form.review_by.data)

    outcome = submit(form, act)
    if outcome.done:
        flash(_("Assigned: new questionnaires for that tier use this version."), "success")
        return redirect(url_for("standards.assignments"))
    return render_template("standards/governance_assign.html", form=form), \
        outcome.status if request.method == "POST" else 200


@bp.route("/assignments/<int:assignment_id>/review", methods=["GET", "POST"])
@require_role(Role.APPROVER)
def review_assignment(assignment_id: int) -> ResponseReturnValue:
    assignment = db.get_or_404(StandardAssignment, assignment_id)
    form = ReviewForm()
    form.new_version_id.choices = [SelectChoice("", "—"), *[
        SelectChoice(str(v.id), _version_label(v)) for v in approved_versions()
        if v.id != assignment.version_id and v.use == assignment.use
        and assignment.tier in v.tiers]]

    def act() -> object:
        version_id = as_id(form.new_version_id.data)
        return record_review(
            assignment, actor=current_user, outcome=form.outcome.data or "",
            reason=form.reason.data or "", now=utcnow(), review_by=form.review_by.data,
            new_version=db.session.get(StandardVersion, version_id) if version_id else None)

    outcome = submit(form, act)
    if outcome.done:
        flash(_("Review recorded."), "success")
        return redirect(url_for("standards.assignments"))
    return render_template("standards/governance_review.html", form=form,
                           assignment=assignment, version_label=_version_label,
                           classification_label=classification_label), \
        outcome.status if request.method == "POST" else 200
