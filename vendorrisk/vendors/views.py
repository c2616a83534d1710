"""The register list, the vendor page, and creating and editing a vendor."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from vendorrisk.auth.models import User
from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import submit
from vendorrisk.foundation.routing import query_int, whole_number
from vendorrisk.vendors import bp
from vendorrisk.vendors.chain_display import chain_page
from vendorrisk.vendors.countries import country_choices, country_names
from vendorrisk.vendors.forms import OverrideForm, VendorForm
from vendorrisk.vendors.inputs import ContactInput, VendorInput
from vendorrisk.vendors.labels import choices, item_words, label, pairs, reason_text
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.permissions import (
    REGISTER_EDITORS,
    REGISTER_READERS,
    TIER_DECIDERS,
    can_decide_tier,
    can_edit_register,
)
from vendorrisk.vendors.queries import RegisterFilters, register_page
from vendorrisk.vendors.services.contacts import create_vendor_with_contact
from vendorrisk.vendors.services.country_records import country_flags
from vendorrisk.vendors.services.crossborder import crossborder_lines
from vendorrisk.vendors.services.reconsignment import chain_below
from vendorrisk.vendors.services.register import (
    clear_tier_override,
    override_tier,
    update_vendor,
)
from vendorrisk.vendors.statuses import allowed_by_hand
from vendorrisk.vendors.vocabulary import Classification, DataCategory, Tier, VendorStatus

PER_PAGE = 50


def active_users() -> list[User]:
    """Users who can own a vendor."""
    # Their roles are not needed here: skip the selectin load of every user's grants.
    return list(db.session.scalars(select(User).where(User.active.is_(True))
                                   .options(lazyload(User.role_grants)).order_by(User.name)))


def load_vendor(vendor_id: int) -> Vendor:
    """The vendor or 404 (every internal role may read the whole register)."""
    return db.get_or_404(Vendor, vendor_id)


@bp.get("/")
@require_role(*REGISTER_READERS)
def index() -> ResponseReturnValue:
    filters = RegisterFilters.from_args(request.args)
    page = register_page(filters, page=query_int("page", 1, minimum=1),
                         per_page=PER_PAGE, today=utcnow().date(),
                         home=current_app.config["HOME_COUNTRY"])
    options = {
        "tier": pairs(Tier), "status": pairs(VendorStatus),
        "classification": pairs(Classification), "category": pairs(DataCategory),
        "owner": [(user.id, user.name) for user in active_users()],
    }
    return render_template("vendors/index.html", page=page, filters=filters, options=options,
                           countries=country_choices(str(get_locale())),
                           can_edit=can_edit_register(current_user))


@bp.get("/<int:vendor_id>")
@require_role(*REGISTER_READERS)
def show(vendor_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    tree, links = chain_below(vendor)
    return render_template(
        "vendors/show.html", vendor=vendor, tree=tree, links=links,
        flags=country_flags(vendor, utcnow().date(), current_app.config["HOME_COUNTRY"]),
        override_form=OverrideForm(tier=vendor.tier.value),
        can_edit=can_edit_register(current_user),
        can_decide=can_decide_tier(current_user),
        today=utcnow().date(), chain=chain_page(vendor, utcnow().date()),
        crossborder=crossborder_lines(vendor, utcnow().date()),
    )


def _vendor_form(form: VendorForm, vendor: Vendor | None = None) -> VendorForm:
    locale = str(get_locale())
    form.country.choices = country_choices(locale)
    form.countries.choices = country_choices(locale)
    form.owner_id.choices = [("", _("— nobody —"))] + [
        (str(user.id), f"{user.name} ({user.email})") for user in active_users()]
    form.status.choices = choices(VendorStatus, allowed_by_hand(
        vendor and vendor.status,
        suspended_unassessed=bool(vendor and vendor.suspended_unassessed)))
    return form


def _input(form: VendorForm) -> VendorInput:
    fields = {name: getattr(form, name).data or "" for name in VendorInput.__dataclass_fields__
              if name not in {"categories", "countries", "data_items"}}
    return VendorInput(**fields, categories=form.categories.data or [],
                       countries=form.countries.data or [],
                       data_items=form.data_items.data or [])


@bp.route("/new", methods=["GET", "POST"])
@require_role(*REGISTER_EDITORS)
def new() -> ResponseReturnValue:
    form = _vendor_form(VendorForm(country="JP", countries=["JP"],
                                   owner_id=str(current_user.id)))
    outcome = submit(form, lambda: create_vendor_with_contact(
        _input(form), _contact_input(form), owner_id=_owner_id(form), actor=current_user,
        now=utcnow()))
    if outcome.done:
        vendor = outcome.value
        flash(_("%(name)s registered as %(tier)s.", name=vendor.legal_name,
                tier=label(vendor.tier)), "success")
        return redirect(url_for("vendors.show", vendor_id=vendor.id))
    return render_template("vendors/form.html", form=form, vendor=None), (
        400 if request.method == "POST" else 200)


def _contact_input(form: VendorForm) -> ContactInput | None:
    if not (form.contact_name.data or form.contact_email.data):
        return None
    return ContactInput(name=form.contact_name.data or "", email=form.contact_email.data or "",
                        language=form.contact_language.data or "")


def _owner_id(form: VendorForm) -> int | None:
    text = form.owner_id.data or ""
    return whole_number("owner_id", text) if text else None


@bp.route("/<int:vendor_id>/edit", methods=["GET", "POST"])
@require_role(*REGISTER_EDITORS)
def edit(vendor_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    form = _vendor_form(VendorForm(obj=vendor if request.method == "GET" else None), vendor)
    if request.method == "GET":
        form.categories.data = sorted(vendor.categories)
        form.countries.data = sorted(vendor.countries)
        form.data_items.data = list(vendor.data_items or [])
        form.owner_id.data = str(vendor.owner_id or "")
        for name in ("status", "classification", "individuals", "access", "criticality"):
            getattr(form, name).data = getattr(vendor, name).value
    outcome = submit(form, lambda: update_vendor(
        vendor, _input(form), owner_id=_owner_id(form), actor=current_user, now=utcnow()))
    if outcome.done:
        flash(_("%(name)s saved.", name=vendor.legal_name), "success")
        return redirect(url_for("vendors.show", vendor_id=vendor.id))
    return render_template("vendors/form.html", form=form, vendor=vendor), (
        400 if request.method == "POST" else 200)


@bp.post("/<int:vendor_id>/tier")
@require_role(*TIER_DECIDERS)
def tier_override(vendor_id: int) -> ResponseReturnValue:
    vendor = load_vendor(vendor_id)
    form = OverrideForm()
    if form.validate_on_submit():
        try:
            if request.form.get("clear") == "1":
                clear_tier_override(vendor, actor=current_user, now=utcnow())
            else:
                override_tier(vendor, form.tier.data or "", form.justification.data or "",
                              actor=current_user, now=utcnow())
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
            return redirect(url_for("vendors.show", vendor_id=vendor.id) + "#tier"), 303
        db.session.commit()
        flash(_("The tier of %(name)s is now %(tier)s.", name=vendor.legal_name,
                tier=label(vendor.tier)), "success")
    return redirect(url_for("vendors.show", vendor_id=vendor.id) + "#tier")


@bp.app_template_filter("label")
def label_filter(value: object) -> str:
    """``{{ vendor.tier|label }}``: the display name of a vocabulary value."""
    return label(value)


@bp.app_template_filter("data_item_words")
def data_item_words_filter(vendor: Vendor) -> str:
    """``{{ vendor|data_item_words }}``: its data items by name, in the list's order."""
    return item_words(vendor.data_items)


bp.add_app_template_filter(item_words, "item_words")  # codes, as a register line holds them


@bp.app_template_filter("country_name")
def country_name_filter(code: str) -> str:
    """``{{ vendor.country|country_name }}``: a country's name in the current language."""
    return country_names(str(get_locale())).get(code, code)


@bp.app_template_global("reason_text")
def reason_text_global(reason: dict) -> str:
    """A stored tier reason as a sentence in the current language."""
    return reason_text(reason)
