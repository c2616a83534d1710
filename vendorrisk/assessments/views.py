"""Staff pages: create and send an assessment, follow its links and e-mails, return it."""

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from vendorrisk.assessments import bp
from vendorrisk.assessments.forms import KIND_LABELS, NewAssessmentForm
from vendorrisk.assessments.labels import (
    EXCEPTION_STATUS_LABELS,
    FINDING_STATUS_LABELS,
    MARK_LABELS,
    OUTCOME_LABELS,
    RISK_LABELS,
    SECOND_SIGNATURE_LABELS,
    SEVERITY_LABELS,
    STATE_LABELS,
)
from vendorrisk.assessments.listing import assessment_rows
from vendorrisk.assessments.models import Assessment, EvidenceFile, Respondent
from vendorrisk.assessments.services import (
    create_assessment,
    propose_version,
    reissue_link,
    remind,
    revoke_link,
    send_assessment,
    transition,
)
from vendorrisk.assessments.submission import return_for_revision
from vendorrisk.assessments.workflow import Event
from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.clock import japan_time, utcnow
from vendorrisk.foundation.downloads import send_stored
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.foundation.routing import as_id
from vendorrisk.notifications.services import deliver_own
from vendorrisk.standards.models import StandardApproval, StandardVersion
from vendorrisk.vendors.models import Vendor

SENDERS = (Role.PROCUREMENT,)
REVIEWERS = (Role.REVIEWER, Role.APPROVER)


def load_assessment(assessment_id: int) -> Assessment:
    return db.get_or_404(Assessment, assessment_id)


def act(assessment: Assessment, action, message: str,  # noqa: ANN001
        anchor: str | None = None) -> ResponseReturnValue:
    """Run one service call, commit, deliver the e-mails it queued, back to the page."""
    try:
        action()
    except DomainError as error:
        # Refused (409 for a step the lifecycle does not allow): the page says why.
        db.session.rollback()
        flash(error.message, "danger")
        # The assessment page is the review's (it shows scoring, review and sign-off).
        page = current_app.view_functions["assessments.show"]
        return page(assessment_id=assessment.id), error.status_code
    else:
        db.session.commit()
        report = deliver_own(utcnow())
        flash(message, "success")
        if report.failed or report.retrying or report.left:
            flash(_("Some e-mails could not be delivered yet; see the list below."), "warning")
    return redirect(url_for("assessments.show", assessment_id=assessment.id, _anchor=anchor))


@bp.get("/")
@require_role(*ALL_ROLES)
def index() -> ResponseReturnValue:
    overdue = request.args.get("overdue") == "1"  # only questionnaires past their due date
    states = {state: str(label) for state, label in STATE_LABELS.items()}  # once, not per row
    rows = assessment_rows(overdue=overdue, today=utcnow().date(), locale=str(get_locale()))
    return render_template("assessments/index.html", overdue=overdue, states=states,
                           assessments=rows)


@bp.route("/new/<int:vendor_id>", methods=["GET", "POST"])
@require_role(*SENDERS)
def new(vendor_id: int) -> ResponseReturnValue:
    vendor = db.get_or_404(Vendor, vendor_id)
    form = NewAssessmentForm(kind=request.args.get("kind", "selection"),
                             due_on=(utcnow() + timedelta(days=14)).date())
    # ?kind= (or a posted kind) that names no kind proposes as for a selection
    proposed = propose_version(vendor, form.kind.data if form.kind.data in KIND_LABELS
                               else "selection")
    # Only approved versions are offered (a draft cannot be sent); the assigned one first.
    versions = db.session.scalars(select(StandardVersion).join(
        StandardApproval, StandardApproval.version_id == StandardVersion.id).order_by(
        StandardVersion.slug, StandardVersion.version.desc())).all()
    locale = str(get_locale())
    form.version_id.choices = [SelectChoice(
        str(v.id), f"{v.title_ja if locale == 'ja' else v.title_en} v{v.version}")
        for v in versions]
    if request.method == "GET" and proposed:
        form.version_id.data = str(proposed.id)
    form.contacts.choices = [SelectChoice(str(c.id), f"{c.name} <{c.email}>")
                             for c in vendor.contacts]
    if request.method == "GET":
        form.contacts.data = [str(c.id) for c in vendor.contacts if c.is_primary]

    def create() -> Assessment:
        version_id = as_id(form.version_id.data)
        version = db.session.get(StandardVersion, version_id) if version_id else None
        chosen = [c for c in vendor.contacts if str(c.id) in (form.contacts.data or [])]
        return create_assessment(vendor, kind=form.kind.data, version=version,
                                 version_reason=form.version_reason.data or "",
                                 due_on=form.due_on.data, contacts=chosen,
                                 actor=current_user, now=utcnow())

    outcome = submit(form, create)
    if outcome.done:
        flash(_("Draft created; check it and send it."), "success")
        return redirect(url_for("assessments.show", assessment_id=outcome.value.id))
    return render_template("assessments/new.html", form=form, vendor=vendor,
                           proposed=proposed), 400 if request.method == "POST" else 200


@bp.get("/<int:assessment_id>/evidence/<int:evidence_id>")
@require_role(*ALL_ROLES)
def evidence_file(assessment_id: int, evidence_id: int) -> ResponseReturnValue:
    assessment = load_assessment(assessment_id)
    evidence = child_or_404(EvidenceFile, evidence_id, assessment_id=assessment.id)
    if evidence.disposed_at is not None:  # its hash stays in the record; the file is gone
        flash(_("%(file)s was deleted on %(day)s after its retention period; its SHA-256 "
                "stays in the signed record.", file=evidence.filename,
                day=japan_time(evidence.disposed_at)), "warning")
        return redirect(url_for("assessments.show", assessment_id=assessment.id)), 303
    return send_stored(evidence)


@bp.post("/<int:assessment_id>/send")
@require_role(*SENDERS)
def send(assessment_id: int) -> ResponseReturnValue:
    assessment = load_assessment(assessment_id)
    return act(assessment, lambda: send_assessment(assessment, actor=current_user,
                                                    now=utcnow()),
                _("Sent: each respondent has been e-mailed a personal link."))


@bp.post("/<int:assessment_id>/cancel")
@require_role(*SENDERS)
def cancel(assessment_id: int) -> ResponseReturnValue:
    assessment = load_assessment(assessment_id)
    return act(assessment, lambda: transition(assessment, Event.CANCEL, actor=current_user,
                                               now=utcnow()), _("Assessment cancelled."))


@bp.post("/<int:assessment_id>/remind")
@require_role(*SENDERS)
def send_reminder(assessment_id: int) -> ResponseReturnValue:
    assessment = load_assessment(assessment_id)
    return act(assessment, lambda: remind(assessment, actor=current_user, now=utcnow()),
                _("A reminder with a fresh link has been e-mailed to each respondent."))


@bp.post("/<int:assessment_id>/review")
@require_role(*REVIEWERS)
def start_review(assessment_id: int) -> ResponseReturnValue:
    assessment = load_assessment(assessment_id)
    return act(assessment, lambda: transition(assessment, Event.REVIEW, actor=current_user,
                                               now=utcnow()), _("Review started."))


@bp.post("/<int:assessment_id>/respondents/<int:respondent_id>/revoke")
@require_role(*SENDERS)
def revoke(assessment_id: int, respondent_id: int) -> ResponseReturnValue:
    assessment = load_assessment(assessment_id)
    respondent = child_or_404(Respondent, respondent_id, assessment_id=assessment.id)
    return act(assessment, lambda: revoke_link(respondent, actor=current_user, now=utcnow()),
                _("The link of %(email)s no longer works.", email=respondent.email))


@bp.post("/<int:assessment_id>/respondents/<int:respondent_id>/reissue")
@require_role(*SENDERS)
def reissue(assessment_id: int, respondent_id: int) -> ResponseReturnValue:
    assessment = load_assessment(assessment_id)
    respondent = child_or_404(Respondent, respondent_id, assessment_id=assessment.id)
    return act(assessment, lambda: reissue_link(respondent, actor=current_user,
                                                 now=utcnow()),
                _("A new link has been e-mailed to %(email)s.", email=respondent.email))


@bp.post("/<int:assessment_id>/return")
@require_role(*REVIEWERS)
def send_back(assessment_id: int) -> ResponseReturnValue:
    assessment = load_assessment(assessment_id)
    comments = {key.removeprefix("remark-"): value for key, value in request.form.items()
                if key.startswith("remark-")}
    return act(assessment, lambda: return_for_revision(assessment, comments,
                                                        actor=current_user, now=utcnow()),
                _("Returned to the vendor with your remarks."))


@bp.app_context_processor
def _assessment_labels() -> dict:
    return {"state_labels": STATE_LABELS, "outcome_labels": OUTCOME_LABELS,
            "risk_labels": RISK_LABELS, "mark_labels": MARK_LABELS,
            "severity_labels": SEVERITY_LABELS, "finding_status_labels": FINDING_STATUS_LABELS,
            "exception_status_labels": EXCEPTION_STATUS_LABELS,
            "second_signature_labels": SECOND_SIGNATURE_LABELS, "approver_role": Role.APPROVER,
            "kind_labels": KIND_LABELS}


