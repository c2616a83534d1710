"""Importing vendors from a table (with a dry run) and exporting the register (R1)."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.tabular import Table
from vendorrisk.vendors import corporate_number
from vendorrisk.vendors.inputs import (
    ContactInput,
    FieldError,
    VendorInput,
    check_contact_input,
    check_vendor_input,
)
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import create_vendor_with_contact
from vendorrisk.vendors.services.locations import handled_where
from vendorrisk.vendors.services.register import (
    check_status,
    check_unique_corporate_number,
    corporate_number_holders,
)
from vendorrisk.vendors.vocabulary import UNASSESSED, VendorStatus

IMPORT_COLUMNS = [
    "legal_name", "legal_name_ja", "corporate_number", "lei", "vat_number", "duns", "address",
    "country", "website", "status", "classification", "classification_reason", "services",
    "purpose", "data_categories", "data_items", "individuals", "access", "criticality", "countries",
    "owner_email", "contact_name", "contact_email", "contact_phone", "notes",
]
REQUIRED_COLUMNS = {"legal_name", "country", "classification", "classification_reason",
                    "services", "purpose", "individuals", "access", "criticality"}
EXPORT_COLUMNS = [
    *IMPORT_COLUMNS[:20], "special_care", "my_number", "abroad", "sub_consignees",
    "handling_sites", "tier",
    "computed_tier", "tier_score", "tier_reasons", "tier_rules_version", "tier_override_reason",
    "country_record_flag", "unassessed_flag", "owner_email", "owner_name", "contact_name",
    "contact_email", "contact_phone", "notes", "created_at", "updated_at",
]


# What a file may write in the status column for a vendor already in use: the short code,
# the stored value, or the label in either language (questionnaires/README.md, README).
IN_USE_WORDS = frozenset({"in_use", "in use", "in_use_unassessed",
                          "in use — not yet assessed", "in use - not yet assessed",
                          "利用中", "利用中（未評価）", "利用中(未評価)"})


def status_value(text: str) -> str:
    """The status a file's cell means: empty is a prospect, the in-use words are
    "in use — not yet assessed"; anything else is checked as it stands."""
    cell = " ".join(text.split())
    if not cell:
        return VendorStatus.PROSPECT.value
    if cell.casefold().replace("–", "—") in IN_USE_WORDS:
        return VendorStatus.IN_USE_UNASSESSED.value
    return cell


def _split(value: str) -> list[str]:
    return [part for part in re.split(r"[;,、\s]+", value.strip()) if part]


@dataclass
class RowCheck:
    """One table row: its line, the vendor input built from it and its problems."""

    line: int
    name: str
    vendor: VendorInput
    contact: ContactInput | None
    owner_id: int | None
    errors: list[FieldError] = field(default_factory=list)


@dataclass
class ImportReport:
    """The dry run's verdict on a whole file."""

    rows: list[RowCheck]
    missing_columns: list[str]

    @property
    def valid(self) -> list[RowCheck]:
        return [row for row in self.rows if not row.errors]

    @property
    def invalid(self) -> list[RowCheck]:
        return [row for row in self.rows if row.errors]

    @property
    def all_valid(self) -> bool:
        return not self.missing_columns and bool(self.rows) and not self.invalid


def check_table(table: Table) -> ImportReport:
    """Validate every row against the rules and the register; write nothing."""
    missing = sorted(REQUIRED_COLUMNS - set(table.headers))
    owners = {user.email: user for user in db.session.scalars(
        select(User).where(User.active.is_(True)))}
    # One query for every corporate number in the file, not one per row.
    holders = corporate_number_holders(
        corporate_number.normalise(cells.get("corporate_number", ""))
        for _line, cells in table.rows)
    seen_numbers: dict[str, int] = {}
    rows = [_check_row(line, cells, owners, holders, seen_numbers)
            for line, cells in table.rows]
    return ImportReport(rows=rows, missing_columns=missing)


def _check_row(line: int, cells: dict[str, str], owners: dict[str, User],
               holders: dict[str, tuple[int, str]], seen_numbers: dict[str, int]
               ) -> RowCheck:
    get = lambda name: cells.get(name, "")  # noqa: E731
    vendor = VendorInput(
        **{name: get(name) for name in VendorInput.__dataclass_fields__
           if name not in {"categories", "countries", "status", "data_items"}},
        status=status_value(get("status")),
        categories=_split(get("data_categories")), countries=_split(get("countries")),
        data_items=_split(get("data_items")) if "data_items" in cells else None,
    )
    check = RowCheck(line=line, name=get("legal_name"), vendor=vendor, contact=None,
                     owner_id=None)
    clean, check.errors = check_vendor_input(vendor)
    if problem := check_status(vendor, None):  # a file never starts a workflow status
        check.errors.append(problem)
    if clean is not None and clean.corporate_number:
        if problem := check_unique_corporate_number(clean.corporate_number, holders=holders):
            check.errors.append(problem)
        elif clean.corporate_number in seen_numbers:
            check.errors.append(FieldError("corporate_number", _(
                "The same corporate number is on line %(line)d.",
                line=seen_numbers[clean.corporate_number])))
        seen_numbers.setdefault(clean.corporate_number, line)
    owner_email = get("owner_email").lower()
    if owner_email:
        owner = owners.get(owner_email)
        if owner is None:
            check.errors.append(FieldError("owner_email", _(
                "No active user has the e-mail %(email)s.", email=owner_email)))
        else:
            check.owner_id = owner.id
    if get("contact_name") or get("contact_email"):
        check.contact = ContactInput(name=get("contact_name"), email=get("contact_email"),
                                     phone=get("contact_phone"))
        _clean_contact, contact_errors = check_contact_input(check.contact)
        check.errors.extend(FieldError(f"contact_{e.field}", e.message) for e in contact_errors)
    return check


def apply_import(report: ImportReport, *, only_valid: bool, filename: str, actor: User,
                 now: datetime) -> list[Vendor]:
    """Create the vendors of a checked file: all rows, or (if chosen) the valid ones."""
    if not only_valid and not report.all_valid:
        raise ValueError("the file has errors; import only the valid rows or fix the file")
    created = []
    for row in report.valid:
        created.append(create_vendor_with_contact(row.vendor, row.contact, owner_id=row.owner_id,
                                                  actor=actor, now=now, source="import"))
    record("register.imported", actor=actor, object_type="register", object_id="vendors",
           now=now, details={"file": filename, "created": len(created),
                             "skipped_lines": [row.line for row in report.invalid]})
    return created


def export_rows(vendors: Iterable[tuple[Vendor, bool]], *, home: str,
                reason_text) -> Iterator[list[object]]:  # noqa: ANN001
    """One list of cells per vendor, in EXPORT_COLUMNS order."""
    for vendor, flagged in vendors:
        contact = vendor.primary_contact
        categories = vendor.categories
        chain = "; ".join(f"{link.sub_vendor.legal_name} ({link.work}, {link.country}, "
                          f"{link.status})" for link in vendor.sub_consignments)
        yield [
            vendor.legal_name, vendor.legal_name_ja, vendor.corporate_number, vendor.lei,
            vendor.vat_number, vendor.duns, vendor.address, vendor.country, vendor.website,
            vendor.status.value, vendor.classification.value, vendor.classification_reason,
            vendor.services, vendor.purpose, "; ".join(sorted(categories)),
            "; ".join(vendor.data_items or []),
            vendor.individuals.value, vendor.access.value, vendor.criticality.value,
            "; ".join(sorted(vendor.countries)),
            _yes(categories & {"special_care", "health"}), _yes("my_number" in categories),
            _yes(handled_where(vendor).abroad(home)), chain,
            "; ".join(f"{site.name}, {site.address} ({site.country})"
                      for site in vendor.sites), vendor.tier.value,
            vendor.computed_tier.value, vendor.tier_score,
            " ".join(reason_text(reason) for reason in vendor.tier_reasons),
            vendor.tier_rules_version, vendor.tier_override_reason, _yes(flagged),
            _yes(vendor.status in UNASSESSED),
            vendor.owner.email if vendor.owner else "",
            vendor.owner.name if vendor.owner else "",
            contact.name if contact else "", contact.email if contact else "",
            contact.phone if contact else "", vendor.notes,
            vendor.created_at.isoformat(timespec="seconds"),
            vendor.updated_at.isoformat(timespec="seconds"),
        ]


def _yes(value: object) -> str:
    return "yes" if value else "no"
