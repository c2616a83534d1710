"""What let an approval through, as the signed record keeps it (issue 22, item 6): the
contract gate's result per requirement — satisfied by which contracts, or lifted by which
exception — the contracts themselves (kind, dates, document versions with their SHA-256,
clause coverage, the storage-only or provision record), and every exception the approval
relied on, with who approved it, when, and until when. So the record stands on its own
years later, after the contracts renewed, gained versions or were deleted."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import User
from vendorrisk.contracts.gate import GateResult
from vendorrisk.contracts.models import WITH_CHECKLIST, Contract
from vendorrisk.contracts.services import clause_coverage, contract_status, gate_result
from vendorrisk.foundation.extensions import db
from vendorrisk.review.decision import exception_subjects
from vendorrisk.review.exceptions import case_of, exceptions_of
from vendorrisk.standards.scoring import ScoreResult

KEY = "approval_basis"


def _when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _value(item: object) -> object:
    return getattr(item, "value", item)


def contract_entry(contract: Contract, today: date) -> dict[str, Any]:
    """One contract as the record names it."""
    entry: dict[str, Any] = {
        "id": contract.id, "type": contract.type.value, "title": contract.title,
        "reference": contract.reference,
        "status": contract_status(contract, today, expiring_days=0).value,
        "signed_on": _when(contract.signed_on), "effective_from": _when(contract.effective_from),
        "effective_to": _when(contract.effective_to), "auto_renewal": contract.auto_renewal,
        "retention_until": _when(contract.retention_until),
        "documents": [{"version": d.version, "sha256": d.sha256, "filename": d.filename,
                       "size": d.size, "uploaded_at": _when(d.uploaded_at)}
                      for d in contract.documents],
    }
    if contract.type in WITH_CHECKLIST:
        coverage = clause_coverage(contract)
        entry["clauses"] = {c.clause_key: c.reference for c in contract.clauses}
        entry["coverage"] = {"complete": coverage.complete,
                             "mandatory_missing": [c.key for c in coverage.mandatory_missing]}
        entry["checklist_confirmed"] = all(r.confirmed_at is not None
                                           for r in contract.reviews)
    if contract.no_handling_reference or contract.technical_measure:
        entry["storage_only"] = {"no_handling_reference": contract.no_handling_reference,
                                 "technical_measure": _value(contract.technical_measure),
                                 "technical_note": contract.technical_note}
    if contract.provision_basis:
        entry["provision"] = {"basis": _value(contract.provision_basis),
                              "basis_reference": contract.basis_reference,
                              "provision_record": contract.provision_record}
    return entry


def _verdict(gate: GateResult, lifted: bool) -> str:
    if not gate.required:
        return "not_required"
    if not gate.gaps:
        return "satisfied"
    return "lifted_by_exception" if lifted else "not_met"


def approval_basis(assessment: Assessment, result: ScoreResult, today: date,
                   person: Callable[[User | None], int | None]) -> dict[str, Any]:
    """The approval's basis on ``today``; ``person`` records the people it names."""
    gate = gate_result(assessment.vendor, today)
    in_force = {item.subject: item for item in exceptions_of(assessment)
                if item.in_force(today)}
    requirements = []
    for requirement in gate.requirements:
        entry: dict[str, Any] = {"subject": requirement.subject}
        if requirement.gap is None:
            entry.update(result="satisfied", contracts=list(requirement.met_by))
        else:
            lifting = in_force.get(requirement.gap.subject)
            entry.update(result="lifted" if lifting else "missing",
                         gap=requirement.gap.subject, detail=requirement.gap.detail,
                         exception=lifting.id if lifting else None)
        requirements.append(entry)
    named = sorted({cid for r in gate.requirements for cid in r.met_by if cid is not None})
    contracts = [db.session.get(Contract, cid) for cid in named]
    relied: list[RiskException] = [in_force[subject] for subject in dict.fromkeys(
        exception_subjects(case_of(assessment, result, today))) if subject in in_force]
    return {
        "classification": gate.classification,
        "gate": _verdict(gate, all(r["result"] != "missing" for r in requirements)),
        "requirements": requirements,
        "contracts": [contract_entry(contract, today) for contract in contracts],
        "exceptions": [{"id": item.id, "subject": item.subject,
                        "approved_by": person(item.decided_by),
                        "approved_at": _when(item.decided_at),
                        "expires_on": _when(item.expires_on)} for item in relied],
    }
