"""The contract register as table rows for CSV and XLSX: codes rather than labels, so
that a spreadsheet can filter on them in any language."""

from collections.abc import Iterable, Iterator

from vendorrisk.contracts.queries import ContractRow

EXPORT_COLUMNS = [
    "contract_id", "vendor_id", "vendor", "type", "title", "reference", "status",
    "signed_on", "effective_from", "effective_to", "current_term_ends", "auto_renewal",
    "notice_days", "notice_given_on", "retention_until", "clause_coverage",
    "document_versions", "latest_document_sha256", "terminated_on", "deletion_status",
    "deletion_due_on", "deletion_overdue",
]


def _day(value: object) -> str:
    return value.isoformat() if value is not None else ""


def export_rows(rows: Iterable[ContractRow]) -> Iterator[list[object]]:
    for row in rows:
        contract, termination = row.contract, row.termination
        latest = contract.documents[-1] if contract.documents else None
        yield [
            contract.id, contract.vendor_id, contract.vendor.legal_name, contract.type.value,
            contract.title, contract.reference or "", row.status.value,
            _day(contract.signed_on), _day(contract.effective_from),
            _day(contract.effective_to), _day(row.ends_on),
            "yes" if contract.auto_renewal else "no", contract.notice_days or "",
            _day(contract.notice_given_on), _day(contract.retention_until),
            row.coverage.summary() if row.coverage else "",
            len(contract.documents), latest.sha256 if latest else "",
            _day(contract.terminated_on), termination.status.value if termination else "",
            _day(termination.due_on) if termination else "",
            "yes" if row.deletion_overdue else "",
        ]
