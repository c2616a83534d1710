"""Display names for the register's vocabularies and tier reasons, in both languages."""

from collections.abc import Iterable
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from vendorrisk.vendors.countries import country_names
from vendorrisk.vendors.crossborder_models import CheckOutcome, TransferBasis
from vendorrisk.vendors.data_items import DataItem
from vendorrisk.vendors.statuses import StatusRefusal
from vendorrisk.vendors.vocabulary import (
    AccessType,
    Classification,
    Criticality,
    DataCategory,
    IndividualsBand,
    SubConsignmentStatus,
    Tier,
    VendorStatus,
)

LABELS: dict[type, dict[Any, Any]] = {
    VendorStatus: {
        VendorStatus.PROSPECT: _l("Prospect"),
        VendorStatus.IN_USE_UNASSESSED: _l("In use — not yet assessed"),
        VendorStatus.UNDER_ASSESSMENT: _l("Under assessment"),
        VendorStatus.APPROVED: _l("Approved"),
        VendorStatus.CONDITIONALLY_APPROVED: _l("Conditionally approved"),
        VendorStatus.REJECTED: _l("Rejected"),
        VendorStatus.SUSPENDED: _l("Suspended"),
        VendorStatus.TERMINATED: _l("Terminated"),
    },
    Classification: {
        Classification.CONSIGNMENT: _l("Consignment (entrusted handling)"),
        Classification.THIRD_PARTY_PROVISION: _l("Provision to a third party"),
        Classification.STORAGE_ONLY_CLOUD: _l("Storage-only cloud (no handling)"),
        Classification.NO_PERSONAL_DATA: _l("No personal data"),
    },
    DataCategory: {
        DataCategory.BUSINESS_CONTACT: _l("Business contacts only"),
        DataCategory.CUSTOMER: _l("Customer data"),
        DataCategory.EMPLOYEE: _l("Employee data"),
        DataCategory.SPECIAL_CARE: _l("Special-care-required data"),
        DataCategory.HEALTH: _l("Health and medical data"),
        DataCategory.MY_NUMBER: _l("My Number"),
        DataCategory.PAYMENT_CARD: _l("Payment card data"),
        DataCategory.BANK_CREDENTIALS: _l("Bank account credentials"),
        DataCategory.CHILDREN: _l("Children's data"),
    },
    IndividualsBand: {
        IndividualsBand.UP_TO_100: _l("Up to 100 individuals"),
        IndividualsBand.UP_TO_1000: _l("Up to 1,000 individuals"),
        IndividualsBand.UP_TO_100000: _l("Up to 100,000 individuals"),
        IndividualsBand.MORE: _l("More than 100,000 individuals"),
    },
    AccessType: {
        AccessType.NONE: _l("No access"),
        AccessType.VIEW: _l("Views the data or has ad hoc access"),
        AccessType.TRANSPORT: _l("Transports paper or media"),
        AccessType.BULK: _l("Processes the data in bulk"),
        AccessType.HOSTING: _l("Hosts or administers the systems (privileged access)"),
    },
    Criticality: {
        Criticality.REPLACEABLE: _l("Replaceable"),
        Criticality.SIGNIFICANT: _l("Significant"),
        Criticality.SEVERE: _l("Severe, no substitute"),
    },
    Tier: {
        Tier.TIER_1: _l("Tier 1"),
        Tier.TIER_2: _l("Tier 2"),
        Tier.TIER_3: _l("Tier 3"),
        Tier.OUT_OF_SCOPE: _l("Out of scope"),
    },
    SubConsignmentStatus: {
        SubConsignmentStatus.REQUESTED: _l("Awaiting decision"),
        SubConsignmentStatus.APPROVED: _l("Approved"),
        SubConsignmentStatus.REFUSED: _l("Refused"),
    },
    TransferBasis: {
        TransferBasis.CONSENT: _l("The person's consent, informed of the country"),
        TransferBasis.DESIGNATED_COUNTRY: _l("A country the PPC designated (EEA, UK)"),
        TransferBasis.CONFORMING_CONTRACT: _l(
            "A conforming system: a contract ensuring equivalent measures"),
        TransferBasis.CONFORMING_CBPR: _l("A conforming system: APEC CBPR"),
        TransferBasis.NOT_A_PROVISION: _l("Not a provision to a third party (say why)"),
    },
    DataItem: {
        DataItem.NAME: _l("Name"), DataItem.ADDRESS: _l("Address"),
        DataItem.PHONE: _l("Phone number"), DataItem.EMAIL: _l("E-mail address"),
        DataItem.DATE_OF_BIRTH: _l("Date of birth"), DataItem.GENDER: _l("Gender"),
        DataItem.COMPANY_AND_TITLE: _l("Company, department and title"),
        DataItem.PURCHASE_HISTORY: _l("Purchase and contract history"),
        DataItem.EMPLOYEE_NUMBER: _l("Employee number"), DataItem.SALARY: _l("Salary"),
        DataItem.PERSONNEL_EVALUATION: _l("Personnel evaluation"),
        DataItem.MEDICAL: _l("Health and medical information"),
        DataItem.CRIMINAL_RECORD: _l("Criminal record"),
        DataItem.BELIEFS: _l("Creed, beliefs and race"),
        DataItem.MY_NUMBER: _l("My Number (individual number)"),
        DataItem.CARD_NUMBER: _l("Payment card number"),
        DataItem.BANK_ACCOUNT: _l("Bank account"),
        DataItem.GUARDIAN: _l("Guardian's name and contact"),
    },
    CheckOutcome: {
        CheckOutcome.CONTINUE: _l("Provision continues"),
        CheckOutcome.MEASURES_REQUIRED: _l("Continues with measures required"),
        CheckOutcome.SUSPEND: _l("Provision suspended"),
    },
}


def label(value: Any) -> str:
    """The display name of an enum member (its value when it has none)."""
    names = LABELS.get(type(value), {})
    return str(names.get(value, value))


def item_words(codes: Iterable[str] | None) -> str:
    """Data items (stored codes) by name in the current language, in the list's order."""
    chosen = set(codes or ())
    return ", ".join(label(item) for item in DataItem if item.value in chosen)


def choices(enum: type, members: Iterable[Any] | None = None) -> list[SelectChoice]:
    """Form choices for ``members`` of ``enum`` (all of them by default), labelled."""
    return [SelectChoice(member.value, LABELS[enum][member]) for member in members or enum]


def pairs(enum: type) -> list[tuple[str, str]]:
    """(value, label) pairs for a filter's options."""
    return [(member.value, str(LABELS[enum][member])) for member in enum]


def refusal_text(refusal: StatusRefusal, status: VendorStatus) -> str:
    """Why a person may not set ``status`` (statuses.py), as a sentence."""
    in_use = label(VendorStatus.IN_USE_UNASSESSED)
    if refusal == StatusRefusal.WORKFLOW:
        return _("The status “%(status)s” is given only by a signed assessment decision or "
                 "the end of a contract, never by a form, an import or the API. A vendor "
                 "already in use can be entered as “%(in_use)s”.", status=label(status),
                 in_use=in_use)
    if refusal == StatusRefusal.IN_USE_LATE:
        return _("Only a new vendor or a prospect can be marked “%(in_use)s”.", in_use=in_use)
    if refusal == StatusRefusal.LEAVE_SUSPENDED:
        return _("This vendor was suspended while “%(in_use)s” and no assessment has been "
                 "decided since; it can only go back to “%(in_use)s” by hand, until its "
                 "assessment is decided.", in_use=in_use)
    return _("A vendor “%(in_use)s” keeps that status until its assessment is decided; it "
             "can only be suspended by hand.", in_use=in_use)


def reason_text(reason: dict[str, Any]) -> str:
    """A stored tier reason as a sentence in the current language."""
    params = dict(reason.get("params", {}))
    if "countries" in params:  # stored as codes ("SG, US"): named in the reader's language
        names = country_names(str(get_locale()))
        params["countries"] = ", ".join(names.get(code.strip(), code.strip())
                                        for code in str(params["countries"]).split(","))
    texts = {
        "out_of_scope_storage_only": lambda: _(
            "Out of scope: a storage-only cloud barred from handling the data is not a "
            "consignee (PPC Q&A 7-53)."),
        "out_of_scope_no_personal_data": lambda: _(
            "Out of scope: no personal data is handled (S = 0)."),
        "tier_1_sensitive": lambda: _(
            "Tier 1: special-care, My Number, payment, bank or children's data (S = 5)."),
        "tier_1_volume_access": lambda: _(
            "Tier 1: many individuals (V = %(V)s) with bulk or system access (A = %(A)s).",
            **params),
        "tier_1_critical": lambda: _("Tier 1: business-critical with no substitute (C = 5)."),
        "tier_1_abroad": lambda: _(
            "Tier 1: customer or employee data handled abroad (%(countries)s).", **params),
        "tier_3_low": lambda: _(
            "Tier 3: business contacts only, small volume or limited access, replaceable, "
            "all in the home country (S = %(S)s, V = %(V)s, A = %(A)s, C = %(C)s).", **params),
        "tier_2_sensitivity": lambda: _(
            "Tier 2: customer or employee data (S = %(S)s) rules out tier 3.", **params),
        "tier_2_volume_access": lambda: _(
            "Tier 2: more than 100 individuals (V = %(V)s) with more than view access "
            "(A = %(A)s) rules out tier 3.", **params),
        "tier_2_criticality": lambda: _(
            "Tier 2: the service is not easily replaced (C = %(C)s).", **params),
        "tier_2_abroad": lambda: _(
            "Tier 2: data is handled abroad (%(countries)s).", **params),
        "sub_consignees": lambda: _(
            "Sub-consignees handle the data (R): each needs approval and supervision."),
    }
    text = texts.get(reason.get("code", ""))
    return text() if text else str(reason.get("code"))
