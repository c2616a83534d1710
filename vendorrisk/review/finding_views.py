"""Staff pages for findings: record one, change it (with history), withdraw, accept or
reopen its remediation, share the open ones with the vendor."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from vendorrisk.assessments import bp
from vendorrisk.assessments.forms import FindingEditForm, FindingForm
from vendorrisk.assessments.labels import SEVERITY_LABELS
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.views import REVIEWERS, act
from vendorrisk.auth.models import User
from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.foundation.routing import as_id
from vendorrisk.review.answer_words import question_choice
from vendorrisk.review.finding_edits import edit_finding, editable_fields
from vendorrisk.review.findings import (
    accept_remediation,
    record_finding,
    reopen_finding,
    share_findings,
    withdraw_finding,
)
from vendorrisk.review.marks import refuse_unless_reviewable
from vendorrisk.review.models import Finding
from vendorrisk.review.views import posted_text
from vendorrisk.standards.services import definition_of


def people_choices() -> list[SelectChoice]:
    users = db.session.scalars(select(User).where(User.active).order_by(User.name)).all()
    return [SelectChoice("", _("(nobody yet)"))] + [
        SelectChoice(str(user.id), user.name) for user in users]


def severity_choices() -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, label in SEVERITY_LABELS.items()]


@bp.route("/<int:assessment_id>/findings/new", methods=["GET", "POST"])
@require_role(*REVIEWERS)
def new_finding(assessment_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    refuse_unless_reviewable(assessment)  # the page would only lead to a refusal
    definition = definition_of(assessment.standard_version)
    form = FindingForm(question_id=request.args.get("question", ""),
                       severity="medium")
    locale = str(get_locale())
    form.question_id.choices = [SelectChoice("", _("(the assessment as a whole)"))] + [
        SelectChoice(qid, question_choice(definition, qid, locale))
        for qid in definition.questions]
    form.evidence_id.choices = [SelectChoice("", _("(none)"))] + [
        SelectChoice(str(item.id), f"{item.filename} ("
                     f"{question_choice(definition, item.question_id, locale)})")
        for item in assessment.evidence if item.removed_at is None]
    form.severity.choices = severity_choices()
    form.owner_id.choices = people_choices()

    def create() -> Finding:
        return record_finding(
            assessment, question_id=form.question_id.data or None,
            evidence_id=as_id(form.evidence_id.data),
            severity=form.severity.data or "", description=form.description.data or "",
            remediation=form.remediation.data or "",
            owner_id=as_id(form.owner_id.data),
            due_on=form.due_on.data, actor=current_user, now=utcnow())

    outcome = submit(form, create)
    if outcome.done:
        flash(_("Finding recorded."), "success")
        return redirect(url_for("assessments.show", assessment_id=assessment.id,
                                _anchor="findings"))
    return render_template("assessments/finding_new.html", form=form, assessment=assessment
                           ), 400 if request.method == "POST" else 200


def _finding(assessment: Assessment, finding_id: int) -> Finding:
    return child_or_404(Finding, finding_id, assessment_id=assessment.id)


@bp.post("/<int:assessment_id>/findings/<int:finding_id>/<action>")
@require_role(*REVIEWERS)
def finding_step(assessment_id: int, finding_id: int, action: str) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    finding = _finding(assessment, finding_id)
    steps = {
        "withdraw": (withdraw_finding, {"reason": posted_text("note")}, _("Finding withdrawn.")),
        "accept": (accept_remediation, {"note": posted_text("note")}, _("Remediation accepted.")),
        "reopen": (reopen_finding, {"note": posted_text("note")}, _("Finding reopened.")),
    }
    if action not in steps:
        abort(404)
    service, arguments, message = steps[action]
    return act(assessment, lambda: service(finding, actor=current_user, now=utcnow(),
                                           **arguments), message, anchor="findings")


@bp.post("/<int:assessment_id>/findings/share")
@require_role(*REVIEWERS)
def share(assessment_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    return act(assessment, lambda: share_findings(assessment, actor=current_user, now=utcnow()),
               _("The vendor has been e-mailed the requested remediations."), anchor="findings")


@bp.route("/<int:assessment_id>/findings/<int:finding_id>/edit", methods=["GET", "POST"])
@require_role(*REVIEWERS)
def edit_finding_page(assessment_id: int, finding_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    finding = _finding(assessment, finding_id)
    editable = editable_fields(finding)
    if not editable:
        flash(_("A closed or withdrawn finding cannot be changed."), "danger")
        return redirect(url_for("assessments.show", assessment_id=assessment.id,
                                _anchor="findings"))
    form = FindingEditForm(obj=finding if request.method == "GET" else None,
                           owner_id=str(finding.owner_id or ""))
    form.severity.choices = severity_choices()
    form.owner_id.choices = people_choices()

    def change() -> dict:
        return edit_finding(
            finding, severity=form.severity.data or "", description=form.description.data or "",
            remediation=form.remediation.data or "", owner_id=as_id(form.owner_id.data),
            due_on=form.due_on.data, reason=form.reason.data or "", actor=current_user,
            now=utcnow())

    if request.method == "POST" and "severity" not in editable:
        # Fields signed with the decision are shown, not posted: keep them as they are.
        form.severity.data = finding.severity.value
        form.description.data = finding.description
        form.remediation.data = finding.remediation
    outcome = submit(form, change)
    if outcome.done:
        flash(_("Finding changed; the history keeps what it was."), "success")
        return redirect(url_for("assessments.show", assessment_id=assessment.id,
                                _anchor=f"finding-{finding.id}"))
    return render_template("assessments/finding_edit.html", form=form, assessment=assessment,
                           finding=finding, editable=editable
                           ), outcome.status if request.method == "POST" else 200
