"""Staff pages for the end of a vendor's contracts: recording the termination, sending
the certificate link, recording, verifying or rejecting a certificate, and the exception
that ends the relationship without one."""

from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments.labels import EXCEPTION_STATUS_LABELS
from vendorrisk.auth.permissions import require_role
from vendorrisk.contracts import bp
from vendorrisk.contracts.forms import CertificateForm, ExceptionForm, TerminationForm
from vendorrisk.contracts.models import DeletionCertificate, Termination
from vendorrisk.contracts.permissions import (
    CERTIFICATE_REVIEWERS,
    CONTRACT_EDITORS,
    CONTRACT_READERS,
    EXCEPTION_DECIDERS,
)
from vendorrisk.contracts.termination import (
    CertificateInput,
    TerminationInput,
    record_termination,
    review_certificate,
    send_deletion_link,
    submit_certificate,
    withdraw_deletion_link,
)
from vendorrisk.contracts.termination_exceptions import (
    decide_termination_exception,
    request_termination_exception,
    termination_exceptions,
)
from vendorrisk.foundation.clock import parse_day, utcnow
from vendorrisk.foundation.downloads import send_stored
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import flash_form_errors, perform, submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.notifications.services import deliver_own
from vendorrisk.vendors.forms import LinkForm, chosen_contact
from vendorrisk.vendors.models import Vendor


@bp.route("/terminate/<int:vendor_id>", methods=["GET", "POST"])
@require_role(*CONTRACT_EDITORS)
def terminate(vendor_id: int) -> ResponseReturnValue:
    vendor = db.get_or_404(Vendor, vendor_id)
    today = utcnow().date()
    form = TerminationForm(terminated_on=today, due_on=today + timedelta(
        days=int(current_app.config["DELETION_DUE_DAYS"])))
    outcome = submit(form, lambda: record_termination(vendor, TerminationInput(
        terminated_on=form.terminated_on.data, due_on=form.due_on.data,
        reason=form.reason.data or ""), actor=current_user, now=utcnow()))
    if outcome.done:
        flash(_("Termination recorded. The vendor stays on the register until its deletion "
                "certificate is verified."), "success")
        return redirect(url_for("contracts.termination", termination_id=outcome.value.id))
    return render_template("contracts/terminate.html", form=form, vendor=vendor), (
        outcome.status if request.method == "POST" else 200)


def _termination(termination_id: int) -> Termination:
    return db.get_or_404(Termination, termination_id)


@bp.get("/terminations/<int:termination_id>")
@require_role(*CONTRACT_READERS)
def termination(termination_id: int) -> ResponseReturnValue:
    item = _termination(termination_id)
    link_form = LinkForm.for_vendor(item.vendor)
    return render_template(
        "contracts/termination.html", termination=item, today=utcnow().date(),
        link_form=link_form, certificate_form=CertificateForm(),
        exception_form=ExceptionForm(), exceptions=termination_exceptions(item),
        exception_labels=EXCEPTION_STATUS_LABELS,
        can_edit=current_user.has_role(*CONTRACT_EDITORS),
        can_review=current_user.has_role(*CERTIFICATE_REVIEWERS),
        can_decide=current_user.has_role(*EXCEPTION_DECIDERS))


def _act(item: Termination, action, message: str, anchor: str) -> ResponseReturnValue:  # noqa: ANN001
    return perform(action, message=message, refused=lambda: termination(item.id),
                   redirect_to=url_for("contracts.termination", termination_id=item.id,
                                       _anchor=anchor),
                   after=lambda: deliver_own(utcnow()))


def _choice(name: str, allowed: tuple[str, str]) -> bool:
    """True for the first of two exact choices, False for the second; 400 otherwise (a
    form that sent neither must not count as either)."""
    value = request.form.get(name)
    if value not in allowed:
        abort(400, description=_("Choose one of the two buttons."))
    return value == allowed[0]


@bp.post("/terminations/<int:termination_id>/link")
@require_role(*CONTRACT_EDITORS)
def send_link(termination_id: int) -> ResponseReturnValue:
    item = _termination(termination_id)
    contact = chosen_contact(item.vendor_id)
    return _act(item, lambda: send_deletion_link(item, contact, actor=current_user,
                                                 now=utcnow()),
                _("Link sent to %(email)s; any earlier link no longer works.",
                  email=contact.email), "link")


@bp.post("/terminations/<int:termination_id>/link/withdraw")
@require_role(*CONTRACT_EDITORS)
def withdraw_link(termination_id: int) -> ResponseReturnValue:
    item = _termination(termination_id)
    return _act(item, lambda: withdraw_deletion_link(item, actor=current_user, now=utcnow()),
                _("Link withdrawn: it no longer opens."), "link")


@bp.post("/terminations/<int:termination_id>/certificates")
@require_role(*CONTRACT_EDITORS)
def record_certificate(termination_id: int) -> ResponseReturnValue:
    item = _termination(termination_id)
    form = CertificateForm()
    upload = form.file.data if form.validate_on_submit() else None
    if upload is None:
        flash_form_errors(form)
        return termination(item.id), 400
    return _act(item, lambda: submit_certificate(item, CertificateInput(
        filename=upload.filename or "certificate", data=upload.read(),
        deleted_on=form.deleted_on.data, statement=form.statement.data or "",
        submitted_by_name=form.submitted_by_name.data or ""), actor=current_user,
        now=utcnow()), _("Certificate recorded; a reviewer verifies it."), "certificates")


@bp.post("/terminations/<int:termination_id>/certificates/<int:certificate_id>/review")
@require_role(*CERTIFICATE_REVIEWERS)
def review(termination_id: int, certificate_id: int) -> ResponseReturnValue:
    item = _termination(termination_id)
    certificate = child_or_404(DeletionCertificate, certificate_id, termination_id=item.id)
    accept = _choice("verdict", ("verify", "reject"))
    return _act(item, lambda: review_certificate(
        certificate, accept=accept, note=request.form.get("note", ""), actor=current_user,
        now=utcnow()),
        _("Deletion verified: the vendor is now terminated.") if accept
        else _("Certificate rejected; ask the vendor for a new one."), "certificates")


@bp.get("/terminations/<int:termination_id>/certificates/<int:certificate_id>")
@require_role(*CONTRACT_READERS)
def certificate_file(termination_id: int, certificate_id: int) -> ResponseReturnValue:
    item = _termination(termination_id)
    return send_stored(child_or_404(DeletionCertificate, certificate_id,
                                    termination_id=item.id))


@bp.post("/terminations/<int:termination_id>/exceptions")
@require_role(*CERTIFICATE_REVIEWERS)
def ask_exception(termination_id: int) -> ResponseReturnValue:
    item = _termination(termination_id)
    return _act(item, lambda: request_termination_exception(
        item, rationale=request.form.get("rationale", ""),
        compensating_measures=request.form.get("compensating_measures", ""),
        expires_on=parse_day(request.form.get("expires_on")), actor=current_user,
        now=utcnow()), _("Exception asked for; an approver decides."), "exceptions")


@bp.post("/terminations/<int:termination_id>/exceptions/<int:exception_id>/decide")
@require_role(*EXCEPTION_DECIDERS)
def decide(termination_id: int, exception_id: int) -> ResponseReturnValue:
    item = _termination(termination_id)
    exception = child_or_404(RiskException, exception_id, vendor_id=item.vendor_id)
    approve = _choice("decision", ("approve", "refuse"))
    return _act(item, lambda: decide_termination_exception(
        item, exception, approve=approve, note=request.form.get("note", ""),
        actor=current_user, now=utcnow()),
        _("Exception approved: the vendor is now terminated.") if approve
        else _("Exception refused."), "exceptions")
