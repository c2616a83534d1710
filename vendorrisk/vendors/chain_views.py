"""Recording sub-consignees and deciding on them."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.vendors import bp
from vendorrisk.vendors.countries import country_choices
from vendorrisk.vendors.forms import DecisionForm, SubConsignmentForm
from vendorrisk.vendors.models import SubConsignment, Vendor
from vendorrisk.vendors.permissions import REGISTER_EDITORS, TIER_DECIDERS
from vendorrisk.vendors.services.reconsignment import (
    add_sub_consignment,
    decide_sub_consignment,
    remove_sub_consignment,
    update_sub_consignment,
)
from vendorrisk.vendors.views import load_vendor

MAX_CHOICES = 2000  # beyond this the select box asks for the vendor's id instead


def _form(vendor: Vendor, form: SubConsignmentForm) -> SubConsignmentForm:
    others = db.session.execute(
        select(Vendor.id, Vendor.legal_name).where(Vendor.id != vendor.id)
        .order_by(Vendor.sort_name).limit(MAX_CHOICES)).all()
    form.sub_vendor_id.choices = [(str(row.id), row.legal_name) for row in others]
    form.country.choices = country_choices(str(get_locale()))
    return form


def _fields(form: SubConsignmentForm) -> dict[str, str]:
    return {"work": form.work.data or "", "country": form.country.data or "",
            "data_handled": form.data_handled.data or ""}


def _back(vendor: Vendor) -> ResponseReturnValue:
    return redirect(url_for("vendors.show", vendor_id=vendor.id) + "#chain")


@bp.route("/<int:vendor_id>/sub-consignees/new", methods=["GET", "POST"])
@require_role(*REGISTER_EDITORS)
def chain_new(vendor_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    form = _form(vendor, SubConsignmentForm(country="JP"))
    if submit(form, lambda: add_sub_consignment(
            vendor, db.get_or_404(Vendor, int(form.sub_vendor_id.data)), **_fields(form),
            actor=current_user, now=utcnow())).done:
        flash(_("Sub-consignee recorded; it awaits a reviewer's decision."), "success")
        return _back(vendor)
    return render_template("vendors/chain_form.html", form=form, vendor=vendor, link=None), (
        400 if request.method == "POST" else 200)


@bp.route("/<int:vendor_id>/sub-consignees/<int:link_id>", methods=["GET", "POST"])
@require_role(*REGISTER_EDITORS)
def chain_edit(vendor_id: int, link_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    link = child_or_404(SubConsignment, link_id, vendor_id=vendor.id)
    form = _form(vendor, SubConsignmentForm(obj=link, sub_vendor_id=str(link.sub_vendor_id)))
    form.sub_vendor_id.choices = [(str(link.sub_vendor_id), link.sub_vendor.legal_name)]
    if submit(form, lambda: update_sub_consignment(link, **_fields(form), actor=current_user,
                                                   now=utcnow())).done:
        flash(_("Sub-consignee saved."), "success")
        return _back(vendor)
    return render_template("vendors/chain_form.html", form=form, vendor=vendor, link=link), (
        400 if request.method == "POST" else 200)


@bp.post("/<int:vendor_id>/sub-consignees/<int:link_id>/decision")
@require_role(*TIER_DECIDERS)
def chain_decide(vendor_id: int, link_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    link = child_or_404(SubConsignment, link_id, vendor_id=vendor.id)
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Choose approve or refuse."), "danger")
        return _back(vendor)
    try:
        decide_sub_consignment(link, approve=form.decision.data == "approve",
                               note=form.note.data or "", actor=current_user, now=utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Decision recorded."), "success")
    return _back(vendor)


@bp.post("/<int:vendor_id>/sub-consignees/<int:link_id>/delete")
@require_role(*REGISTER_EDITORS)
def chain_delete(vendor_id: int, link_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    link = child_or_404(SubConsignment, link_id, vendor_id=vendor.id)
    remove_sub_consignment(link, actor=current_user, now=utcnow())
    db.session.commit()
    flash(_("Sub-consignee removed."), "success")
    return _back(vendor)
