"""Respondent contacts: the people at a vendor who receive questionnaire links."""

from dataclasses import replace
from datetime import datetime

from flask_babel import gettext as _

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Language, User
from vendorrisk.foundation.errors import Conflict
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.inputs import ContactInput, FieldError, VendorInput, check_contact_input
from vendorrisk.vendors.models import Vendor, VendorContact
from vendorrisk.vendors.services.register import VendorInputError, create_vendor


def _clean(data: ContactInput) -> dict:
    clean, errors = check_contact_input(data)
    if errors:
        raise VendorInputError(errors)
    return clean


def _make_primary(vendor: Vendor, contact: VendorContact) -> None:
    for other in vendor.contacts:
        if other is not contact and other.is_primary:
            other.is_primary = False
    db.session.flush()  # the partial unique index allows one primary at a time
    contact.is_primary = True


def add_contact(vendor: Vendor, data: ContactInput, *, primary: bool, actor: User | None,
                now: datetime) -> VendorContact:
    """Add a contact; the first one, or one marked primary, becomes the primary contact."""
    contact = VendorContact(vendor=vendor, is_primary=False, **_clean(data))
    db.session.add(contact)
    db.session.flush()
    if primary or vendor.primary_contact is None:
        _make_primary(vendor, contact)
    db.session.flush()
    record("vendor.contact_added", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"contact_id": contact.id, "email": contact.email,
                             "primary": contact.is_primary})
    return contact


def language_for_country(country: str | None) -> str:
    """The language a vendor's contact is written to unless someone chose one: Japanese
    for a vendor in Japan, English anywhere else."""
    return Language.JA.value if (country or "").upper() == "JP" else Language.EN.value


def create_vendor_with_contact(data: VendorInput, contact: ContactInput | None, *,
                               owner_id: int | None, actor: User | None, now: datetime,
                               source: str = "form") -> Vendor:
    """Register a vendor and, when given, its primary contact, as one step.

    Contact problems are reported on ``contact_<field>``, the names the vendor form and
    the import file use. A contact without a language gets the vendor's country's
    (language_for_country).
    """
    vendor = create_vendor(data, owner_id=owner_id, actor=actor, now=now, source=source)
    if contact is not None:
        if not contact.language:
            contact = replace(contact, language=language_for_country(vendor.country))
        try:
            add_contact(vendor, contact, primary=True, actor=actor, now=now)
        except VendorInputError as error:
            raise VendorInputError([FieldError(f"contact_{problem.field}", problem.message)
                                    for problem in error.errors]) from None
    return vendor


def update_contact(contact: VendorContact, data: ContactInput, *, primary: bool, actor: User,
                   now: datetime) -> VendorContact:
    """Change a contact's details, or make it the primary contact."""
    for name, value in _clean(data).items():
        setattr(contact, name, value)
    if primary and not contact.is_primary:
        _make_primary(contact.vendor, contact)
    db.session.flush()
    record("vendor.contact_updated", actor=actor, object_type="vendor",
           object_id=contact.vendor_id, now=now,
           details={"contact_id": contact.id, "email": contact.email,
                    "primary": contact.is_primary})
    return contact


def remove_contact(contact: VendorContact, *, actor: User, now: datetime) -> None:
    """Remove a contact; the primary contact goes only when it is the last one."""
    vendor = contact.vendor
    if contact.is_primary and len(vendor.contacts) > 1:
        raise Conflict(_("Make another contact primary before removing this one."))
    vendor.contacts.remove(contact)
    db.session.flush()
    record("vendor.contact_removed", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"contact_id": contact.id, "email": contact.email})
