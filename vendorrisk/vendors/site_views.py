"""Adding, changing and removing a vendor's handling sites (services/sites.py)."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.vendors import bp
from vendorrisk.vendors.countries import country_names
from vendorrisk.vendors.forms import SiteForm
from vendorrisk.vendors.models import Vendor, VendorSite
from vendorrisk.vendors.permissions import REGISTER_EDITORS
from vendorrisk.vendors.services.sites import SiteInput, add_site, remove_site, update_site
from vendorrisk.vendors.views import load_vendor


def _form(vendor: Vendor, site: VendorSite | None) -> SiteForm:
    form = SiteForm(obj=site) if site and request.method == "GET" else SiteForm()
    names = country_names(str(get_locale()))
    form.country.choices = [("", _("(choose)"))] + [
        (code, names.get(code, code)) for code in sorted(vendor.countries)]
    return form


def _input(form: SiteForm) -> SiteInput:
    return SiteInput(name=form.name.data or "", address=form.address.data or "",
                     country=form.country.data or "", handled=form.handled.data or "")


def _page(vendor: Vendor, site: VendorSite | None) -> ResponseReturnValue:
    """The site's form: a new one, or ``site`` changed; saved, or shown with its errors."""
    form = _form(vendor, site)
    outcome = submit(form, lambda: add_site(vendor, _input(form), actor=current_user,
                                            now=utcnow()) if site is None
                     else update_site(site, _input(form), actor=current_user, now=utcnow()))
    if outcome.done:
        flash(_("Site saved."), "success")
        return redirect(url_for("vendors.show", vendor_id=vendor.id, _anchor="sites"))
    return render_template("vendors/site_form.html", form=form, vendor=vendor, site=site
                           ), 400 if request.method == "POST" else 200


@bp.route("/<int:vendor_id>/sites/new", methods=["GET", "POST"])
@require_role(*REGISTER_EDITORS)
def site_new(vendor_id: int) -> ResponseReturnValue:
    return _page(load_vendor(vendor_id), None)


@bp.route("/<int:vendor_id>/sites/<int:site_id>", methods=["GET", "POST"])
@require_role(*REGISTER_EDITORS)
def site_edit(vendor_id: int, site_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    return _page(vendor, child_or_404(VendorSite, site_id, vendor_id=vendor.id))


@bp.post("/<int:vendor_id>/sites/<int:site_id>/delete")
@require_role(*REGISTER_EDITORS)
def site_delete(vendor_id: int, site_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    site = child_or_404(VendorSite, site_id, vendor_id=vendor.id)
    remove_site(site, actor=current_user, now=utcnow())
    db.session.commit()
    flash(_("Site removed."), "success")
    return redirect(url_for("vendors.show", vendor_id=vendor.id, _anchor="sites"))
