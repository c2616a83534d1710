"""The contract register: every contract with its status, coverage and end-of-contract
obligation, filtered as the register page and the exports ask.

Status depends on the day and on auto-renewal, so the filters run on the loaded rows; a
company's contracts number in the thousands, not millions.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vendorrisk.contracts.clauses import Coverage
from vendorrisk.contracts.models import WITH_CHECKLIST, Contract, Termination
from vendorrisk.contracts.services import (
    clause_coverage,
    contract_status,
    dates_of,
    vendor_holds_data,
)
from vendorrisk.contracts.status import ContractStatus, term_end
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

EXPIRY_WINDOWS = (30, 60, 90)


@dataclass(frozen=True)
class ContractFilters:
    type: str = ""
    status: str = ""
    expiring_within: int | None = None  # days: 30, 60 or 90
    missing_clauses: bool = False
    deletion_overdue: bool = False
    q: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "ContractFilters":
        within = args.get("expiring_within", "")
        return cls(type=args.get("type", ""), status=args.get("status", ""),
                   expiring_within=int(within) if within in {str(d) for d in EXPIRY_WINDOWS}
                   else None,
                   missing_clauses=args.get("missing_clauses") == "1",
                   deletion_overdue=args.get("deletion_overdue") == "1",
                   q=args.get("q", "").strip()[:100])

    def as_args(self) -> dict[str, str]:
        """The filters as query arguments (for pagination and export links)."""
        args = {"type": self.type, "status": self.status, "q": self.q,
                "expiring_within": str(self.expiring_within or ""),
                "missing_clauses": "1" if self.missing_clauses else "",
                "deletion_overdue": "1" if self.deletion_overdue else ""}
        return {key: value for key, value in args.items() if value}


@dataclass(frozen=True)
class ContractRow:
    contract: Contract
    status: ContractStatus
    ends_on: date | None  # the last day of the running (or last) term
    coverage: Coverage | None  # consignment contracts and DPAs only
    termination: Termination | None
    deletion_overdue: bool
    reconfirm: bool = False  # renewed; the clause checklist waits to be confirmed again


def contract_row(contract: Contract, today: date, *, expiring_days: int) -> ContractRow:
    termination = contract.termination
    return ContractRow(
        contract=contract,
        status=contract_status(contract, today, expiring_days=expiring_days),
        ends_on=term_end(dates_of(contract), today),
        coverage=clause_coverage(contract) if contract.type in WITH_CHECKLIST else None,
        termination=termination,
        deletion_overdue=termination is not None and termination.overdue(today),
        reconfirm=any(review.confirmed_at is None for review in contract.reviews))


def _matches(row: ContractRow, filters: ContractFilters, today: date) -> bool:
    if filters.type and row.contract.type.value != filters.type:
        return False
    if filters.status and row.status.value != filters.status:
        return False
    if filters.expiring_within is not None and not (
            row.status in {ContractStatus.ACTIVE, ContractStatus.EXPIRING}
            and contract_status(row.contract, today, expiring_days=filters.expiring_within)
            == ContractStatus.EXPIRING):
        return False
    if filters.missing_clauses and (row.coverage is None or row.coverage.complete):
        return False
    if filters.deletion_overdue and not row.deletion_overdue:
        return False
    if filters.q:
        needle = filters.q.casefold()
        haystack = " ".join(filter(None, (
            row.contract.title, row.contract.reference, row.contract.vendor.legal_name,
            row.contract.vendor.legal_name_ja))).casefold()
        return needle in haystack
    return True


def register_rows(filters: ContractFilters, today: date, *, expiring_days: int,
                  vendor_id: int | None = None) -> list[ContractRow]:
    """Matching contracts, soonest-ending first (open-ended ones last)."""
    statement = (select(Contract).options(
        selectinload(Contract.vendor), selectinload(Contract.clauses),
        selectinload(Contract.termination), selectinload(Contract.documents),
        selectinload(Contract.reviews))
                 .order_by(Contract.id))
    if vendor_id is not None:
        statement = statement.where(Contract.vendor_id == vendor_id)
    rows = [contract_row(contract, today, expiring_days=expiring_days)
            for contract in db.session.scalars(statement)]
    matching = [row for row in rows if _matches(row, filters, today)]
    return sorted(matching, key=lambda row: (row.ends_on is None, row.ends_on or today,
                                             row.contract.id))


@dataclass(frozen=True)
class VendorContracts:
    rows: list[ContractRow]
    termination: Termination | None  # the open one
    past_terminations: list[Termination]
    # R10: the contracts are kept as long as the vendor may hold our data, past their
    # keep-until date too (services.vendor_holds_data; deletion is refused till then)
    data_held: bool = True


def vendor_contracts(vendor: Vendor, today: date, *, expiring_days: int) -> VendorContracts:
    """A vendor's contracts and the ends of its relationship, newest first."""
    terminations = db.session.scalars(select(Termination).where(
        Termination.vendor_id == vendor.id).order_by(Termination.id.desc())).all()
    return VendorContracts(
        rows=register_rows(ContractFilters(), today, expiring_days=expiring_days,
                           vendor_id=vendor.id),
        termination=next((item for item in terminations if not item.settled), None),
        past_terminations=[item for item in terminations if item.settled],
        data_held=vendor_holds_data(vendor))
