"""Adding, editing and removing a vendor's respondent contacts."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.vendors import bp
from vendorrisk.vendors.forms import ContactForm
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import VendorContact
from vendorrisk.vendors.permissions import REGISTER_EDITORS
from vendorrisk.vendors.services.contacts import add_contact, remove_contact, update_contact
from vendorrisk.vendors.views import load_vendor


def _input(form: ContactForm) -> ContactInput:
    return ContactInput(name=form.name.data or "", email=form.email.data or "",
                        phone=form.phone.data or "", role=form.role.data or "",
                        language=form.language.data or "en")


def _saved(vendor_id: int) -> ResponseReturnValue:
    flash(_("Contact saved."), "success")
    return redirect(url_for("vendors.show", vendor_id=vendor_id) + "#contacts")


@bp.route("/<int:vendor_id>/contacts/new", methods=["GET", "POST"])
@require_role(*REGISTER_EDITORS)
def contact_new(vendor_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    form = ContactForm()
    if submit(form, lambda: add_contact(vendor, _input(form), primary=form.primary.data,
                                        actor=current_user, now=utcnow())).done:
        return _saved(vendor.id)
    return (render_template("vendors/contact_form.html", form=form, vendor=vendor,
                                    contact=None), 400 if request.method == "POST" else 200)


@bp.route("/<int:vendor_id>/contacts/<int:contact_id>", methods=["GET", "POST"])
@require_role(*REGISTER_EDITORS)
def contact_edit(vendor_id: int, contact_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    contact = child_or_404(VendorContact, contact_id, vendor_id=vendor.id)
    form = ContactForm(obj=contact, language=contact.language.value, primary=contact.is_primary)
    if submit(form, lambda: update_contact(contact, _input(form), primary=form.primary.data,
                                           actor=current_user, now=utcnow())).done:
        return _saved(vendor.id)
    return (render_template("vendors/contact_form.html", form=form, vendor=vendor,
                                    contact=contact), 400 if request.method == "POST" else 200)


@bp.post("/<int:vendor_id>/contacts/<int:contact_id>/delete")
@require_role(*REGISTER_EDITORS)
def contact_delete(vendor_id: int, contact_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    contact = child_or_404(VendorContact, contact_id, vendor_id=vendor.id)
    try:
        remove_contact(contact, actor=current_user, now=utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Contact removed."), "success")
    return redirect(url_for("vendors.show", vendor_id=vendor.id) + "#contacts")
