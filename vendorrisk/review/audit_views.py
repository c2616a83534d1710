"""Audits of consignees on the vendor's pages: record one (with the checklist drawn from
its standard), read its record, add its findings (audits.py). On vendors.bp, like the
rest of the vendor's page."""

from datetime import date
from types import SimpleNamespace

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from vendorrisk.assessments.forms import FindingForm
from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.formerrors import submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.foundation.routing import as_id
from vendorrisk.review import audit_labels  # noqa: F401  (the labels of |label)
from vendorrisk.review.audit_forms import AuditForm
from vendorrisk.review.audit_models import (
    AuditKind,
    AuditPurpose,
    AuditResult,
    CriterionCheck,
    VendorAudit,
)
from vendorrisk.review.audit_queries import (
    audit_due,
    audited_assessment,
    audits_of,
    checklist_questions,
)
from vendorrisk.review.audits import RECORDERS, add_audit_finding, record_audit
from vendorrisk.review.finding_views import people_choices, severity_choices
from vendorrisk.review.findings import remediation_open
from vendorrisk.vendors import bp
from vendorrisk.vendors.labels import choices, label
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.permissions import REGISTER_READERS
from vendorrisk.vendors.views import load_vendor


def _check_labels() -> dict[str, str]:
    return {check.value: label(check) for check in CriterionCheck}


def _audit(vendor_id: int, audit_id: int) -> VendorAudit:
    load_vendor(vendor_id)
    return child_or_404(VendorAudit, audit_id, vendor_id=vendor_id)


@bp.route("/<int:vendor_id>/audits/new", methods=["GET", "POST"])
@require_role(*RECORDERS)
def audit_new(vendor_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    assessment = audited_assessment(vendor)
    questions = checklist_questions(assessment)
    form = AuditForm()
    blank = SelectChoice("", _("(choose)"))
    form.kind.choices = [blank, *choices(AuditKind)]
    form.purpose.choices = [blank, *choices(AuditPurpose)]
    form.result.choices = [blank, *choices(AuditResult)]
    outcome = submit(form, lambda: record_audit(
        vendor, form.audit_input(questions, request.form), actor=current_user, now=utcnow()))
    if outcome.done:
        flash(_("The audit is recorded."), "success")
        return redirect(url_for("vendors.audit", vendor_id=vendor.id,
                                audit_id=outcome.value.id))
    return render_template(
        "assessments/audit_form.html", vendor=vendor, form=form, assessment=assessment,
        questions=questions, posted=request.form, due=audit_due(vendor),
        locale=str(get_locale()), check_labels=_check_labels()
    ), outcome.status if request.method == "POST" else 200


@bp.get("/<int:vendor_id>/audits/<int:audit_id>")
@require_role(*REGISTER_READERS)
def audit(vendor_id: int, audit_id: int) -> ResponseReturnValue:
    record = _audit(vendor_id, audit_id)
    questions = {question.id: question for question in checklist_questions(record.assessment)}
    return render_template(
        "assessments/audit.html", audit=record, vendor=record.vendor, questions=questions,
        locale=str(get_locale()), today=utcnow().date(), check_labels=_check_labels(),
        may_add=current_user.has_role(*RECORDERS) and record.assessment is not None
        and remediation_open(record.assessment))


@bp.route("/<int:vendor_id>/audits/<int:audit_id>/findings/new", methods=["GET", "POST"])
@require_role(*RECORDERS)
def audit_finding(vendor_id: int, audit_id: int) -> ResponseReturnValue:
    record = _audit(vendor_id, audit_id)
    questions = {question.id: question for question in checklist_questions(record.assessment)}
    locale = str(get_locale())
    form = FindingForm()
    form.question_id.choices = [SelectChoice("", _("(the audit as a whole)"))] + [
        SelectChoice(row["question_id"], questions[row["question_id"]].text.get(locale)
                     if row["question_id"] in questions else row["question_id"])
        for row in record.checklist]
    form.severity.choices = severity_choices()
    form.owner_id.choices = people_choices()
    outcome = submit(form, lambda: add_audit_finding(
        record, question_id=form.question_id.data or None, severity=form.severity.data or "",
        description=form.description.data or "", remediation=form.remediation.data or "",
        owner_id=as_id(form.owner_id.data), due_on=form.due_on.data, actor=current_user,
        now=utcnow()))
    if outcome.done:
        flash(_("Finding recorded. Send it to the vendor from the assessment's findings."),
              "success")
        return redirect(url_for("vendors.audit", vendor_id=vendor_id, audit_id=audit_id,
                                _anchor="findings"))
    return render_template("assessments/audit_finding.html", audit=record, form=form
                           ), outcome.status if request.method == "POST" else 200


@bp.app_template_global("vendor_audits")
def vendor_audits(vendor: Vendor, today: date) -> SimpleNamespace:
    """The vendor page's part: its audits, newest first, and the next one due."""
    return SimpleNamespace(audits=audits_of(vendor), due=audit_due(vendor), today=today,
                           may_record=current_user.has_role(*RECORDERS))
