"""The contract gate per classification (contracts/gate.py, docs/rules.md), rule by rule."""

from vendorrisk.contracts.clauses import MANDATORY, coverage
from vendorrisk.contracts.gate import (
    CHECKLIST_UNCONFIRMED,
    MISSING_CLAUSES,
    NO_CONSIGNMENT_CONTRACT,
    NO_NDA,
    NO_PROVISION_BASIS,
    NO_PROVISION_RECORD,
    NO_STORAGE_CONFIRMATION,
    ContractFacts,
    ProvisionFacts,
    StorageFacts,
    contract_gaps,
    evaluate,
)

FULL = {clause.key: "Art. 1" for clause in MANDATORY}


def _terms(kind="dpa", references=None, *, cid=1, status="active", confirmed=True):
    return ContractFacts(kind, status, coverage(FULL if references is None else references),
                         id=cid, checklist_confirmed=confirmed)


def _subjects(gaps):
    return [gap.subject for gap in gaps]


def test_a_dpa_covering_a_to_h_with_confidentiality_satisfies_a_consignment():
    dpa = _terms(references={**FULL, "confidentiality": "Art. 9"}, cid=7)
    result = evaluate([dpa], "consignment")
    assert result.gaps == []
    assert [(r.subject, r.met_by) for r in result.requirements] == [
        (NO_NDA, (7,)), (NO_CONSIGNMENT_CONTRACT, (7,)), (MISSING_CLAUSES, (7,))]


def test_a_consignment_without_terms_lacks_nda_and_contract():
    assert _subjects(contract_gaps([], "consignment")) == [NO_NDA, NO_CONSIGNMENT_CONTRACT]


def test_the_clause_gap_names_the_missing_items_of_the_best_covered():
    short = {key: ref for key, ref in FULL.items() if key not in {"e", "g"}}
    gaps = contract_gaps([ContractFacts("nda", "active", None, id=1),
                          _terms("consignment_contract", short, cid=2),
                          _terms("dpa", {"a": "1"}, cid=3)], "consignment")
    assert [(g.subject, g.detail) for g in gaps] == [(MISSING_CLAUSES, "e,g")]


def test_contracts_not_in_force_do_not_count():
    gaps = contract_gaps([ContractFacts("nda", "expired", None, id=1),
                          _terms(status="draft")], "consignment")
    assert _subjects(gaps) == [NO_NDA, NO_CONSIGNMENT_CONTRACT]


def test_a_renewed_checklist_not_yet_reconfirmed_is_a_gap_naming_the_contract():
    gaps = contract_gaps([ContractFacts("nda", "active", None, id=1),
                          _terms(cid=4, confirmed=False)], "consignment")
    assert [(g.subject, g.detail) for g in gaps] == [(CHECKLIST_UNCONFIRMED, "4")]


def _storage(**changes):
    values = {"no_handling_reference": "§4.2", "technical_measure": "encryption_own_keys",
              "technical_note": "Keys in our KMS.", "has_document": True, **changes}
    return ContractFacts("storage_terms", "active", None, id=5, storage=StorageFacts(**values))


def test_storage_only_needs_the_confirmation_not_a_consignment_contract():
    assert evaluate([_storage()], "storage_only_cloud").gaps == []
    for missing in ({"no_handling_reference": " "}, {"technical_measure": ""},
                    {"technical_note": ""}, {"has_document": False}):
        assert _subjects(contract_gaps([_storage(**missing)], "storage_only_cloud")) == [
            NO_STORAGE_CONFIRMATION]
    # a complete consignment contract does not stand in for the confirmation
    assert _subjects(contract_gaps([_terms()], "storage_only_cloud")) == [
        NO_STORAGE_CONFIRMATION]


def _provision(basis="consent", evidence="Consent form v3", kept="Ledger 2026"):
    return ContractFacts("provision_basis", "active", None, id=6,
                         provision=ProvisionFacts(basis, evidence, kept))


def test_third_party_provision_needs_its_ground_and_record_not_clauses():
    assert evaluate([_provision()], "third_party_provision").gaps == []
    assert _subjects(contract_gaps([_terms()], "third_party_provision")) == [
        NO_PROVISION_BASIS]
    assert _subjects(contract_gaps([_provision(evidence="")], "third_party_provision")) == [
        NO_PROVISION_BASIS]
    assert _subjects(contract_gaps([_provision(kept="")], "third_party_provision")) == [
        NO_PROVISION_RECORD]
    # Art. 29(1) proviso: no record is asked for a provision required by law or joint use
    assert contract_gaps([_provision("law", kept="")], "third_party_provision") == []
    assert contract_gaps([_provision("joint_use", kept="")], "third_party_provision") == []


def test_special_care_data_cannot_be_provided_by_opt_out():
    opt_out = _provision("opt_out")
    assert contract_gaps([opt_out], "third_party_provision") == []
    gaps = contract_gaps([opt_out], "third_party_provision", special_care=True)
    assert [(g.subject, g.detail) for g in gaps] == [(NO_PROVISION_BASIS, "special_care")]


def test_no_personal_data_has_no_contract_gate():
    result = evaluate([], "no_personal_data")
    assert not result.required
    assert result.gaps == []
