"""Checking what people type (or import) about a vendor, field by field.

Every problem is collected, not just the first, so the import dry run can list all
of a row's errors and a form can mark every wrong field at once.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from vendorrisk.auth.models import Language
from vendorrisk.vendors import corporate_number
from vendorrisk.vendors.countries import normalise_country
from vendorrisk.vendors.data_items import UNDER, DataItem, misplaced
from vendorrisk.vendors.labels import label
from vendorrisk.vendors.vocabulary import (
    AccessType,
    Classification,
    Criticality,
    DataCategory,
    IndividualsBand,
    VendorStatus,
)


@dataclass(frozen=True)
class FieldError:
    """One problem with one field."""

    field: str
    message: str


@dataclass
class VendorInput:
    """A vendor as entered: strings straight from a form or a file row."""

    legal_name: str = ""
    legal_name_ja: str = ""
    corporate_number: str = ""
    lei: str = ""
    vat_number: str = ""
    duns: str = ""
    address: str = ""
    country: str = ""
    website: str = ""
    notes: str = ""
    status: str = VendorStatus.PROSPECT.value
    classification: str = ""
    classification_reason: str = ""
    services: str = ""
    purpose: str = ""
    categories: list[str] = field(default_factory=list)
    individuals: str = ""
    access: str = ""
    criticality: str = ""
    countries: list[str] = field(default_factory=list)
    data_items: list[str] | None = None  # None: as they are (dropped where they no longer fit)


@dataclass
class CleanVendor:
    """A vendor input that passed every check, in typed form."""

    legal_name: str
    legal_name_ja: str | None
    corporate_number: str | None
    lei: str | None
    vat_number: str | None
    duns: str | None
    address: str | None
    country: str
    website: str | None
    notes: str | None
    status: VendorStatus
    classification: Classification
    classification_reason: str
    services: str
    purpose: str
    categories: frozenset[DataCategory]
    individuals: IndividualsBand
    access: AccessType
    criticality: Criticality
    countries: frozenset[str]
    data_items: frozenset[DataItem] | None = None


def _enum(errors: list[FieldError], name: str, value: str, enum: type, label: str):  # noqa: ANN202
    try:
        return enum(value.strip())
    except ValueError:
        errors.append(FieldError(name, _("Choose a valid %(label)s.", label=label)))
        return None


def _optional(value: str) -> str | None:
    return value.strip() or None


def _lei_is_valid(lei: str) -> bool:
    """ISO 17442: 20 characters, ISO 7064 mod 97-10 over letters as numbers."""
    if not re.fullmatch(r"[0-9A-Z]{18}[0-9]{2}", lei):
        return False
    return int("".join(str(int(char, 36)) for char in lei)) % 97 == 1


def _check_identifiers(data: VendorInput, errors: list[FieldError]) -> dict[str, str | None]:
    number = corporate_number.normalise(data.corporate_number) or None
    if number and not corporate_number.is_valid(number):
        errors.append(FieldError("corporate_number", _(
            "A corporate number has 13 digits and a valid check digit (e.g. 4011001098993)."
        )))
    lei = _optional(data.lei.upper())
    if lei and not _lei_is_valid(lei):
        errors.append(FieldError("lei", _("An LEI has 20 letters and digits with a valid check.")))
    duns = _optional(re.sub(r"[\s-]", "", data.duns))
    if duns and not re.fullmatch(r"\d{9}", duns):
        errors.append(FieldError("duns", _("A D-U-N-S number has 9 digits.")))
    return {"corporate_number": number, "lei": lei, "duns": duns}


def _check_text(data: VendorInput, errors: list[FieldError]) -> None:
    required = {
        "legal_name": _("Enter the vendor's legal name."),
        "classification_reason": _("Record why the relationship is classified this way."),
        "services": _("Describe the services the vendor provides."),
        "purpose": _("State the purpose for which the data is entrusted."),
    }
    for name, message in required.items():
        if not getattr(data, name).strip():
            errors.append(FieldError(name, message))
    if len(data.legal_name) > 300:
        errors.append(FieldError("legal_name", _("Use at most 300 characters.")))
    website = data.website.strip()
    if website and (urlsplit(website).scheme not in {"http", "https"}
                    or not urlsplit(website).netloc):
        errors.append(FieldError("website", _("Enter a web address starting with https://.")))


def _check_countries(data: VendorInput, errors: list[FieldError]) -> frozenset[str]:
    countries = set()
    for value in data.countries:
        if not value.strip():
            continue
        code = normalise_country(value)
        if code is None:
            errors.append(FieldError("countries", _(
                "%(value)s is not an ISO 3166 country code.", value=value.strip())))
        else:
            countries.add(code)
    return frozenset(countries)


def check_vendor_input(data: VendorInput) -> tuple[CleanVendor | None, list[FieldError]]:
    """Every problem with ``data``; the clean vendor when there is none.

    Uniqueness and the owner are checked by the services, which see the database.
    """
    errors: list[FieldError] = []
    _check_text(data, errors)
    identifiers = _check_identifiers(data, errors)
    country = normalise_country(data.country)
    if country is None:
        errors.append(FieldError("country", _("Choose the country of the vendor's address.")))
    status = _enum(errors, "status", data.status, VendorStatus, _("status"))
    classification = _enum(errors, "classification", data.classification, Classification,
                           _("classification"))
    individuals = _enum(errors, "individuals", data.individuals, IndividualsBand,
                        _("number of individuals"))
    access = _enum(errors, "access", data.access, AccessType, _("access type"))
    criticality = _enum(errors, "criticality", data.criticality, Criticality,
                        _("criticality"))
    categories = frozenset(
        category for value in data.categories if value.strip()
        if (category := _enum(errors, "categories", value, DataCategory, _("data category")))
    )
    countries = _check_countries(data, errors)
    items = _check_items(data, categories, errors)
    if classification == Classification.NO_PERSONAL_DATA and categories:
        errors.append(FieldError("categories", _(
            "A vendor classified as handling no personal data cannot have data categories.")))
    if categories and not countries:
        errors.append(FieldError("countries", _(
            "List every country where the data is stored, accessed or processed.")))
    if errors:
        return None, errors
    return CleanVendor(
        legal_name=data.legal_name.strip(), legal_name_ja=_optional(data.legal_name_ja),
        lei=identifiers["lei"], corporate_number=identifiers["corporate_number"],
        vat_number=_optional(data.vat_number), duns=identifiers["duns"],
        address=_optional(data.address), country=country, website=_optional(data.website),
        notes=_optional(data.notes), status=status, classification=classification,
        classification_reason=data.classification_reason.strip(),
        services=data.services.strip(), purpose=data.purpose.strip(), categories=categories,
        individuals=individuals, access=access, criticality=criticality, countries=countries,
        data_items=items,
    ), []


def _check_items(data: VendorInput, categories: frozenset[DataCategory],
                 errors: list[FieldError]) -> frozenset[DataItem] | None:
    """The data items chosen, each under a chosen category (data_items.py)."""
    if data.data_items is None:
        return None
    items = frozenset(item for value in data.data_items if value.strip()
                      if (item := _enum(errors, "data_items", value, DataItem,
                                        _("data item"))))
    for item in misplaced(items, categories):
        errors.append(FieldError("data_items", _(
            "“%(item)s” is not an item of the data categories chosen: choose its category "
            "(%(categories)s) or untick it.", item=label(item),
            categories=", ".join(label(category) for category in sorted(UNDER[item])))))
    return items


@dataclass
class ContactInput:
    """A respondent contact as entered."""

    name: str = ""
    email: str = ""
    phone: str = ""
    role: str = ""
    language: str = Language.EN.value


def check_contact_input(data: ContactInput) -> tuple[dict | None, list[FieldError]]:
    """Every problem with a contact; its clean values when there is none."""
    errors = []
    if not data.name.strip():
        errors.append(FieldError("name", _("Enter the contact's name.")))
    email = ""
    try:
        email = validate_email(data.email.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        errors.append(FieldError("email", _("Enter a valid e-mail address for the contact.")))
    language = _enum(errors, "language", data.language or "en", Language, _("language"))
    if errors:
        return None, errors
    return {"name": data.name.strip(), "email": email, "phone": _optional(data.phone),
            "role": _optional(data.role), "language": language}, []
