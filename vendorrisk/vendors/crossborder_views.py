"""A vendor's cross-border provision to one country: its Art. 28 basis and, under a
conforming system, the Rule 18 checks (services/crossborder.py)."""

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.formerrors import submit
from vendorrisk.vendors import bp
from vendorrisk.vendors.countries import normalise_country
from vendorrisk.vendors.crossborder_models import CheckOutcome, TransferBasis
from vendorrisk.vendors.forms import CrossBorderBasisForm, Rule18CheckForm
from vendorrisk.vendors.labels import choices
from vendorrisk.vendors.permissions import COUNTRY_EDITORS, REGISTER_READERS, can_edit_countries
from vendorrisk.vendors.services.crossborder import (
    crossborder_lines,
    record_check,
    save_basis,
)
from vendorrisk.vendors.views import load_vendor


def _line(vendor_id: int, country: str):  # noqa: ANN202
    vendor = load_vendor(vendor_id)
    code = normalise_country(country)
    line = next((line for line in crossborder_lines(vendor, utcnow().date())
                 if line.country == code), None)
    if line is None:  # no data of the vendor's is handled there, and nothing was recorded
        abort(404)
    return vendor, line


def _page(vendor_id: int, country: str, basis_form: CrossBorderBasisForm | None = None,
          check_form: Rule18CheckForm | None = None) -> str:
    vendor, line = _line(vendor_id, country)
    entry = line.record
    basis_form = basis_form or CrossBorderBasisForm(
        basis=entry.basis.value if entry else "", evidence=entry.evidence if entry else "",
        evidenced_on=entry.evidenced_on if entry else None)
    basis_form.basis.choices = [("", _("(choose)")), *choices(TransferBasis)]
    check_form = check_form or Rule18CheckForm()
    check_form.outcome.choices = [("", _("(choose)")), *choices(CheckOutcome)]
    return render_template("vendors/crossborder.html", vendor=vendor, line=line,
                           basis_form=basis_form, check_form=check_form,
                           can_edit=can_edit_countries(current_user))


@bp.get("/<int:vendor_id>/cross-border/<country>")
@require_role(*REGISTER_READERS)
def crossborder(vendor_id: int, country: str) -> ResponseReturnValue:
    return _page(vendor_id, country)


@bp.post("/<int:vendor_id>/cross-border/<country>")
@require_role(*COUNTRY_EDITORS)
def crossborder_basis(vendor_id: int, country: str) -> ResponseReturnValue:
    vendor, line = _line(vendor_id, country)
    form = CrossBorderBasisForm()
    if submit(form, lambda: save_basis(
            vendor, line.country, basis=form.basis.data or "", evidence=form.evidence.data or "",
            evidenced_on=form.evidenced_on.data, actor=current_user, now=utcnow())).done:
        flash(_("The basis of the provision is recorded."), "success")
        return redirect(url_for("vendors.crossborder", vendor_id=vendor_id,
                                country=line.country))
    return _page(vendor_id, country, basis_form=form), 400


@bp.post("/<int:vendor_id>/cross-border/<country>/checks")
@require_role(*COUNTRY_EDITORS)
def crossborder_check(vendor_id: int, country: str) -> ResponseReturnValue:
    _vendor, line = _line(vendor_id, country)
    entry = line.record
    if entry is None:
        abort(404)
    form = Rule18CheckForm()
    if submit(form, lambda: record_check(
            entry, checked_on=form.checked_on.data, implementation=form.implementation.data
            or "", foreign_law=form.foreign_law.data or "", outcome=form.outcome.data or "",
            note=form.note.data or "", actor=current_user, now=utcnow())).done:
        flash(_("The Rule 18 check is recorded."), "success")
        return redirect(url_for("vendors.crossborder", vendor_id=vendor_id,
                                country=line.country))
    return _page(vendor_id, country, check_form=form), 400
