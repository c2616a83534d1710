"""The register's CSV and Excel export with what an auditor reads beside the R1 columns
(issue 25): the vendor's contracts with their status and end, the next review date, the
latest decision with its day, as the register PDF has them, and each foreign country's
APPI Art. 28 basis with its last Rule 18 check and a suspension. The vendor columns come
from the register (vendors/services/transfer.py); the rest is read per batch."""

from collections.abc import Iterable, Iterator
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import State
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.register import BATCH, ContractLine, contract_lines
from vendorrisk.vendors.crossborder_models import CrossBorderRecord
from vendorrisk.vendors.labels import reason_text
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.locations import handled_where_many
from vendorrisk.vendors.services.transfer import EXPORT_COLUMNS, export_rows

REGISTER_EXPORT_COLUMNS = [*EXPORT_COLUMNS, "contracts", "next_review_on", "latest_decision",
                           "latest_decision_on", "cross_border"]


def _decisions(vendor_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each vendor's latest signed decision and its day (UTC), by vendor id."""
    latest: dict[int, tuple[str, str]] = {}
    for vendor_id, decision, decided_at in db.session.execute(
            select(Assessment.vendor_id, Assessment.decision, Assessment.decided_at)
            .where(Assessment.vendor_id.in_(vendor_ids), Assessment.status == State.DECIDED)
            .order_by(Assessment.decided_at, Assessment.id)):
        latest[vendor_id] = (decision.value if decision else "",
                             decided_at.date().isoformat() if decided_at else "")
    return latest


def _crossborder(vendor_ids: list[int]) -> dict[int, dict[str, CrossBorderRecord]]:
    found: dict[int, dict[str, CrossBorderRecord]] = {}
    for entry in db.session.scalars(select(CrossBorderRecord).options(
            selectinload(CrossBorderRecord.checks))
            .where(CrossBorderRecord.vendor_id.in_(vendor_ids))):
        found.setdefault(entry.vendor_id, {})[entry.country] = entry
    return found


def _crossborder_cell(countries: list[str], entries: dict[str, CrossBorderRecord]) -> str:
    """Each foreign country with its Art. 28 basis, its last Rule 18 check and a
    suspension: "US: conforming_contract, checked 2026-11-13; SG: no_basis"."""
    cells = []
    for country in sorted(set(countries) | set(entries)):
        entry = entries.get(country)
        if entry is None:
            cells.append(f"{country}: no_basis")
            continue
        last = max((check.checked_on for check in entry.checks), default=None)
        cells.append(f"{country}: {entry.basis.value}"
                     + (f", checked {last.isoformat()}" if last else "")
                     + (", suspended" if entry.suspended else ""))
    return "; ".join(cells)


def _contracts_cell(contracts: list[ContractLine]) -> str:
    return "; ".join(f"{line.title} ({line.status.value}"
                     + (f", {line.ends_on.isoformat()})" if line.ends_on else ")")
                     for line in contracts)


def register_export_rows(vendors: Iterable[tuple[Vendor, bool]], *, home: str, today: date,
                         expiring_days: int) -> Iterator[list[object]]:
    """One list of cells per vendor, in REGISTER_EXPORT_COLUMNS order."""
    batch: list[tuple[Vendor, bool]] = []

    def flush() -> Iterator[list[object]]:
        ids = [vendor.id for vendor, _ in batch]
        contracts = contract_lines(ids, today, expiring_days)
        decisions, crossborder = _decisions(ids), _crossborder(ids)
        places = handled_where_many(vendor for vendor, _ in batch)  # chains read together
        for (vendor, _), row in zip(batch, export_rows(batch, home=home,
                                                       reason_text=reason_text), strict=True):
            decision, decided_on = decisions.get(vendor.id, ("", ""))
            yield [*row, _contracts_cell(contracts.get(vendor.id, [])),
                   vendor.next_review_on.isoformat() if vendor.next_review_on else "",
                   decision, decided_on,
                   _crossborder_cell(places[vendor.id].abroad(home),
                                     crossborder.get(vendor.id, {}))]

    for item in vendors:
        batch.append(item)
        if len(batch) == BATCH:
            yield from flush()
            batch = []
    if batch:
        yield from flush()
