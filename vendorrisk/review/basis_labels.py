"""The signed record's approval basis (approval_basis.py) as its page shows it: labels
in the reader's language, read from the stored snapshot, never rebuilt."""

import json
from typing import Any

from flask_babel import lazy_gettext as _l

from vendorrisk.contracts.labels import REQUIREMENT_LABELS, contract_gap_text
from vendorrisk.contracts.models import ContractType, ProvisionBasis, TechnicalMeasure
from vendorrisk.review.approval_basis import KEY
from vendorrisk.review.models import Snapshot
from vendorrisk.vendors.labels import LABELS
from vendorrisk.vendors.vocabulary import Classification

GATE_LABELS = {
    "satisfied": _l("Satisfied by the contracts below"),
    "lifted_by_exception": _l("Met only through approved exceptions"),
    "not_required": _l("No contract gate: the vendor handles no personal data"),
    "not_met": _l("Not met (possible only for a rejection)"),
}
RESULT_LABELS = {
    "satisfied": _l("satisfied"), "lifted": _l("lifted by exception"),
    "missing": _l("missing"),
}


def _named(enum: type, value: str | None) -> str:
    try:
        return str(LABELS[enum][enum(value)])
    except (KeyError, ValueError):
        return value or "—"


def signed_basis(snapshot: Snapshot | None) -> dict[str, Any] | None:
    """The approval basis kept in ``snapshot``, with labels; None for a record signed
    before the snapshot named it."""
    return labelled_basis(json.loads(snapshot.body)) if snapshot is not None else None


def labelled_basis(record: dict[str, Any]) -> dict[str, Any] | None:
    """The approval basis of ``record`` (build_record's shape), with labels."""
    basis = record.get(KEY)
    if basis is None:
        return None
    return {
        **basis,
        "classification_label": _named(Classification, basis["classification"]),
        "gate_label": str(GATE_LABELS.get(basis["gate"], basis["gate"])),
        "requirements": [{**item, "label": str(REQUIREMENT_LABELS.get(item["subject"],
                                                                      item["subject"])),
                          "result_label": str(RESULT_LABELS[item["result"]]),
                          "gap_text": contract_gap_text(item["gap"], item.get("detail", ""))
                          if item.get("gap") else ""}
                         for item in basis["requirements"]],
        "contracts": [{**item, "type_label": _named(ContractType, item["type"]),
                       "measure_label": _named(TechnicalMeasure, (item.get("storage_only")
                                                                  or {}).get(
                           "technical_measure")),
                       "basis_label": _named(ProvisionBasis, (item.get("provision") or {}).get(
                           "basis"))}
                      for item in basis["contracts"]],
    }
