"""Staff pages for review: marks, overrides, findings, exceptions, proposal, signatures."""


from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.acceptance.models import RiskException
from vendorrisk.acceptance.services import decide_exception
from vendorrisk.assessments import bp
from vendorrisk.assessments.invitation import invitation_preview
from vendorrisk.assessments.links import last_uses
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.submission import current_score
from vendorrisk.assessments.views import REVIEWERS, SENDERS, act, load_assessment
from vendorrisk.assessments.workflow import State
from vendorrisk.auth.labels import LANGUAGE_LABELS
from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.clock import parse_day, utcnow
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.foundation.routing import as_id
from vendorrisk.notifications.services import messages_about
from vendorrisk.review.answer_words import answer_words, record_lines
from vendorrisk.review.exceptions import request_exception
from vendorrisk.review.history import VendorHistory, vendor_history
from vendorrisk.review.marks import (
    mark_answer,
    override_points,
)
from vendorrisk.review.page import review_context
from vendorrisk.review.signoff import (
    decline,
    propose_decision,
    sign,
    verify_snapshot,
    withdraw_proposal,
)
from vendorrisk.standards.services import definition_of
from vendorrisk.vendors.models import Vendor

APPROVERS = (Role.APPROVER,)
SIGNING_STAGES = {State.PROPOSED: "reviewer", State.AWAITING_APPROVAL: "approver"}
# Who may open the exception decision: approvers, and top management for the exceptions
# reserved to it (the service says which one may decide which exception).
EXCEPTION_DECIDERS = (Role.APPROVER, Role.EXECUTIVE)


MAX_TEXT = 5_000  # a reason, note or rationale; findings keep the same limit


def posted_text(name: str) -> str:
    """A posted text; a refusal (400, nothing changed) when it is longer than MAX_TEXT."""
    value = request.form.get(name, "")
    if len(value) > MAX_TEXT:
        raise ValidationError(_("Use at most 5,000 characters."), field=name)
    return value


def _points(raw: str) -> int | None:
    """Empty: back to the computed points; anything not a whole number is refused by the
    service (as -1, outside 0–3)."""
    text = raw.strip()
    if not text:
        return None
    number = as_id(text)
    return number if number is not None and number < 1000 else -1


@bp.post("/<int:assessment_id>/answers/<question_id>/mark")
@require_role(*REVIEWERS)
def mark(assessment_id: int, question_id: str) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    return act(assessment, lambda: mark_answer(
        assessment, question_id, mark=posted_text("mark"), note=posted_text("note"),
        actor=current_user, now=utcnow()), _("Review mark saved."), anchor=f"q-{question_id}")


@bp.post("/<int:assessment_id>/answers/<question_id>/override")
@require_role(*REVIEWERS)
def override(assessment_id: int, question_id: str) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    return act(assessment, lambda: override_points(
        assessment, question_id, points=_points(posted_text("points")),
        reason=posted_text("reason"), actor=current_user, now=utcnow()),
        _("Points changed; the score is recalculated."), anchor=f"q-{question_id}")


@bp.post("/<int:assessment_id>/exceptions")
@require_role(*REVIEWERS)
def ask_exception(assessment_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    return act(assessment, lambda: request_exception(
        assessment, subject=posted_text("subject"), rationale=posted_text("rationale"),
        compensating_measures=posted_text("compensating_measures"),
        expires_on=parse_day(posted_text("expires_on")), actor=current_user, now=utcnow()),
        _("Exception asked for; an approver decides (top management, for a tier 1 vendor "
          "graded C)."), anchor="exceptions")


@bp.post("/<int:assessment_id>/exceptions/<int:exception_id>/decide")
@require_role(*EXCEPTION_DECIDERS)
def decide_on_exception(assessment_id: int, exception_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    exception = child_or_404(RiskException, exception_id, assessment_id=assessment.id)
    approve = posted_text("decision") == "approve"
    return act(assessment, lambda: decide_exception(
        exception, approve=approve, note=posted_text("note"), actor=current_user, now=utcnow()),
        _("Exception approved.") if approve else _("Exception refused."), anchor="exceptions")


@bp.post("/<int:assessment_id>/propose")
@require_role(*REVIEWERS)
def propose(assessment_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    return act(assessment, lambda: propose_decision(
        assessment, outcome=posted_text("outcome"), rationale=posted_text("rationale"),
        actor=current_user, now=utcnow()), _("Decision proposed; it now needs signing."),
        anchor="decision")


@bp.post("/<int:assessment_id>/withdraw")
@require_role(*REVIEWERS)
def withdraw(assessment_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    return act(assessment, lambda: withdraw_proposal(assessment, actor=current_user,
                                                     now=utcnow()),
               _("Proposal withdrawn; the assessment is back in review."), anchor="decision")


@bp.get("/<int:assessment_id>/sign")
@require_role(*REVIEWERS)
def confirm_sign(assessment_id: int) -> ResponseReturnValue:
    """The step before a signature: what is signed, as whom, and that it stays."""
    assessment = load_assessment(assessment_id)
    stage = SIGNING_STAGES.get(assessment.status)
    if stage is None:
        flash(_("There is nothing to sign on this assessment now."), "warning")
        return redirect(url_for("assessments.show", assessment_id=assessment.id,
                                _anchor="decision"))
    return render_template("assessments/sign.html", assessment=assessment, stage=stage,
                           result=current_score(assessment),
                           definition=definition_of(assessment.standard_version))


@bp.post("/<int:assessment_id>/sign")
@require_role(*REVIEWERS)
def sign_off(assessment_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    return act(assessment, lambda: sign(assessment, stage=posted_text("stage"), actor=current_user,
                                        now=utcnow()), _("Signed."), anchor="decision")


@bp.post("/<int:assessment_id>/decline")
@require_role(*APPROVERS)
def decline_proposal(assessment_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    return act(assessment, lambda: decline(assessment, note=posted_text("note"), actor=current_user,
                                           now=utcnow()),
               _("Not signed; the assessment is back in review."), anchor="decision")


@bp.post("/<int:assessment_id>/verify")
@require_role(*ALL_ROLES)
def verify(assessment_id: int) -> ResponseReturnValue:
    assessment = db.get_or_404(Assessment, assessment_id)
    result = verify_snapshot(assessment)
    if result.ok:
        flash(_("Verified: the signed record hashes to %(sha)s and the database still holds "
                "exactly what was signed.", sha=result.sha256), "success")
    elif not result.hash_matches:
        flash(_("The stored record no longer matches its SHA-256 %(sha)s: it has been "
                "altered.", sha=result.sha256), "danger")
    else:
        flash(_("The database no longer holds what was signed, in: %(parts)s.",
                parts=", ".join(result.differences)), "danger")
    return redirect(url_for("assessments.show", assessment_id=assessment.id,
                            _anchor="decision"))


@bp.get("/<int:assessment_id>")
@require_role(*ALL_ROLES)
def show(assessment_id: int) -> ResponseReturnValue:
    assessment = load_assessment(assessment_id)
    can_send = current_user.has_role(*SENDERS)
    # A draft shows each respondent's invitation as it will arrive, before anyone sends it.
    previews = [(respondent, LANGUAGE_LABELS[respondent.language],
                 *invitation_preview(respondent))
                for respondent in assessment.respondents] \
        if can_send and assessment.status == State.DRAFT else []
    return render_template(
        "assessments/show.html", assessment=assessment, previews=previews,
        messages=messages_about("assessment", assessment.id), last_used=last_uses(assessment),
        definition=definition_of(assessment.standard_version), now=utcnow(),
        can_send=can_send, can_review=current_user.has_role(*REVIEWERS),
        **review_context(assessment, utcnow()))


@bp.app_template_global("vendor_history")
def _vendor_history(vendor: Vendor, today: date) -> VendorHistory:
    """The vendor page's assessments part; the vendors feature does not import this one."""
    return vendor_history(vendor, today)


# What staff read of answers, on the assessment page and in the assessment report.
bp.add_app_template_global(answer_words, "answer_words")
bp.add_app_template_global(record_lines, "record_answer_lines")
