"""The consignee register (委託先管理台帳) as plain rows: the R1 columns for every vendor
the register page's filters match, read in batches so thousands of vendors never sit in
the session at once."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vendorrisk.contracts.models import Contract
from vendorrisk.contracts.queries import contract_row
from vendorrisk.contracts.status import ContractStatus
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.chain_display import register_chain_columns
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.queries import RegisterFilters, register_rows
from vendorrisk.vendors.vocabulary import (
    UNASSESSED,
    AccessType,
    Classification,
    DataCategory,
    IndividualsBand,
    Tier,
    VendorStatus,
)

BATCH = 500
SPECIAL_CARE = frozenset({DataCategory.SPECIAL_CARE, DataCategory.HEALTH})


@dataclass(frozen=True)
class ContractLine:
    title: str
    status: ContractStatus
    ends_on: date | None


@dataclass(frozen=True)
class RegisterLine:
    """One consignee with the register's columns (R1)."""

    number: int
    name: str
    name_ja: str | None
    status: VendorStatus
    classification: Classification
    tier: Tier
    services: str
    purpose: str
    categories: tuple[DataCategory, ...]
    special_care: bool
    my_number: bool
    individuals: IndividualsBand
    access: AccessType
    address: str | None
    countries: tuple[str, ...]
    flagged: bool  # a country without a current foreign-regime record
    unassessed: bool  # in use without a selection: a gap until its first decision
    sub_consignees: tuple[str, ...]
    contracts: tuple[ContractLine, ...]
    owner: str | None
    next_review_on: date | None
    chain_lapsed: bool = False  # an approved sub-consignee without a current evaluation
    data_items: tuple[str, ...] = ()  # codes, as stored


def contract_lines(vendor_ids: list[int], today: date, expiring_days: int
               ) -> dict[int, list[ContractLine]]:
    found: dict[int, list[ContractLine]] = {}
    statement = (select(Contract).where(Contract.vendor_id.in_(vendor_ids))
                 .options(selectinload(Contract.clauses), selectinload(Contract.termination))
                 .order_by(Contract.id))
    for contract in db.session.scalars(statement):
        row = contract_row(contract, today, expiring_days=expiring_days)
        found.setdefault(contract.vendor_id, []).append(
            ContractLine(title=contract.title, status=row.status, ends_on=row.ends_on))
    return found


def _line(vendor: Vendor, flagged: bool, contracts: list[ContractLine]) -> RegisterLine:
    categories = vendor.categories
    return RegisterLine(
        number=vendor.id, name=vendor.legal_name, name_ja=vendor.legal_name_ja,
        status=vendor.status, classification=vendor.classification, tier=vendor.tier,
        services=vendor.services or "", purpose=vendor.purpose or "",
        categories=tuple(sorted(categories)), special_care=bool(categories & SPECIAL_CARE),
        my_number=DataCategory.MY_NUMBER in categories, individuals=vendor.individuals,
        access=vendor.access, address=vendor.address, countries=tuple(sorted(vendor.countries)),
        flagged=flagged, unassessed=vendor.status in UNASSESSED,
        sub_consignees=tuple(f"{link.sub_vendor.legal_name} ({link.work}, {link.country})"
                             for link in vendor.sub_consignments),
        contracts=tuple(contracts), owner=vendor.owner.name if vendor.owner else None,
        next_review_on=vendor.next_review_on, data_items=tuple(vendor.data_items or ()))


def register_lines(filters: RegisterFilters, *, today: date, home: str, expiring_days: int,
                   progress: Callable[[int], None] | None = None) -> Iterator[RegisterLine]:
    """The matching vendors as register lines, in the register's order; ``progress`` is
    told how many are done after each batch."""
    batch: list[tuple[Vendor, bool]] = []
    done = 0

    def flush() -> Iterator[RegisterLine]:
        contracts = contract_lines([vendor.id for vendor, _ in batch], today, expiring_days)
        # where the data is handled down the chain, and lapsed sub-consignees
        chain = register_chain_columns([vendor for vendor, _ in batch], today)
        yield from (replace(_line(vendor, flagged, contracts.get(vendor.id, [])),
                            **chain[vendor.id]) for vendor, flagged in batch)

    for row in register_rows(filters, today=today, home=home, batch=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            yield from flush()
            done += len(batch)
            batch = []
            if progress:
                progress(done)
    if batch:
        yield from flush()
        if progress:
            progress(done + len(batch))
