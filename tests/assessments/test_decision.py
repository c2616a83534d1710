"""The decision rules (docs/rules.md, R6–R8): matrix, approval gaps, second signature,
segregation of duties."""

from datetime import date

import pytest

from vendorrisk.assessments.workflow import Outcome
from vendorrisk.review.decision import (
    BELOW_PASS,
    Case,
    Gap,
    Risk,
    Stage,
    approval_gaps,
    exception_subjects,
    knockout_subject,
    recommend,
    second_signature_reasons,
    signing_refusal,
)

TODAY = date(2026, 11, 30)

# The matrix, cell by cell.
MATRIX = [
    ("1", "A", Risk.MEDIUM, Outcome.APPROVE),
    ("1", "B", Risk.HIGH, Outcome.APPROVE_WITH_CONDITIONS),
    ("1", "C", None, Outcome.REJECT),
    ("2", "A", Risk.LOW, Outcome.APPROVE),
    ("2", "B", Risk.MEDIUM, Outcome.APPROVE_WITH_CONDITIONS),
    ("2", "C", Risk.HIGH, Outcome.REJECT),
    ("3", "A", Risk.LOW, Outcome.APPROVE),
    ("3", "B", Risk.LOW, Outcome.APPROVE),
    ("3", "C", Risk.MEDIUM, Outcome.APPROVE_WITH_CONDITIONS),
]


@pytest.mark.parametrize(("tier", "grade", "risk", "outcome"), MATRIX)
def test_the_recommendation_follows_the_matrix(tier, grade, risk, outcome):
    recommendation = recommend(tier, grade)
    assert (recommendation.risk, recommendation.outcome) == (risk, outcome)


def test_the_matrix_notes_exceptions_and_the_approver():
    assert recommend("1", "C").exception_possible
    assert recommend("2", "C").exception_possible
    assert recommend("1", "B").approver_required
    assert not recommend("3", "C").exception_possible


def test_out_of_scope_vendors_get_no_recommendation():
    assert recommend("out_of_scope", "A") is None


def case(**changes) -> Case:
    values = {"tier": "2", "grade": "A", "failed_knockouts": (), "below_pass": False,
              "excepted": frozenset(), "condition_due_dates": (), "today": TODAY}
    return Case(**{**values, **changes})


def test_a_clean_grade_a_may_be_approved():
    assert approval_gaps(Outcome.APPROVE, case()) == []


@pytest.mark.parametrize("outcome", [Outcome.APPROVE, Outcome.APPROVE_WITH_CONDITIONS])
@pytest.mark.parametrize("tier", ["1", "2", "3"])
def test_no_approval_with_a_failed_knockout_without_an_exception(outcome, tier):
    failed = case(tier=tier, grade="C", failed_knockouts=("d1_policy",),
                  condition_due_dates=(date(2027, 1, 15),))
    assert Gap("knockout", "d1_policy") in approval_gaps(outcome, failed)


def test_an_exception_for_the_knockout_lifts_that_gap():
    covered = case(grade="C", failed_knockouts=("d1_policy", "d4_access"),
                   excepted=frozenset({knockout_subject("d1_policy")}))
    assert approval_gaps(Outcome.APPROVE, covered) == [Gap("knockout", "d4_access")]


def test_a_rejection_needs_nothing():
    assert approval_gaps(Outcome.REJECT, case(grade="C", failed_knockouts=("x",),
                                              below_pass=True)) == []


@pytest.mark.parametrize("tier", ["1", "2"])
def test_below_the_pass_mark_tiers_1_and_2_need_an_exception(tier):
    below = case(tier=tier, grade="C", below_pass=True,
                 condition_due_dates=(date(2027, 1, 15),))
    assert Gap(BELOW_PASS) in approval_gaps(Outcome.APPROVE_WITH_CONDITIONS, below)
    excepted = case(tier=tier, grade="C", below_pass=True, excepted=frozenset({BELOW_PASS}))
    assert approval_gaps(Outcome.APPROVE, excepted) == []


def test_tier_3_below_the_pass_mark_may_be_approved_with_conditions_only():
    below = case(tier="3", grade="C", below_pass=True,
                 condition_due_dates=(date(2027, 6, 1),))
    assert approval_gaps(Outcome.APPROVE_WITH_CONDITIONS, below) == []
    assert approval_gaps(Outcome.APPROVE, below) == [Gap("grade_needs_conditions")]


def test_a_conditional_approval_needs_conditions_with_due_dates():
    assert approval_gaps(Outcome.APPROVE_WITH_CONDITIONS, case(grade="B")) == [
        Gap("no_conditions")]


def test_tier_1_conditions_are_due_within_90_days():
    in_time = case(tier="1", grade="B", condition_due_dates=(date(2027, 2, 28),))
    assert approval_gaps(Outcome.APPROVE_WITH_CONDITIONS, in_time) == []
    late = case(tier="1", grade="B", condition_due_dates=(date(2027, 1, 1), date(2027, 3, 1)))
    assert approval_gaps(Outcome.APPROVE_WITH_CONDITIONS, late) == [
        Gap("conditions_too_late", "2027-03-01")]


@pytest.mark.parametrize(("tier", "outcome", "exceptions", "reasons"), [
    ("2", Outcome.APPROVE, False, []),
    ("3", Outcome.REJECT, False, []),
    ("1", Outcome.APPROVE, False, ["tier1"]),
    ("1", Outcome.REJECT, False, ["tier1"]),
    ("2", Outcome.APPROVE, True, ["exception"]),
    ("3", Outcome.APPROVE_WITH_CONDITIONS, False, ["conditions"]),
    ("1", Outcome.APPROVE_WITH_CONDITIONS, True, ["tier1", "exception", "conditions"]),
])
def test_when_an_approver_must_sign_too(tier, outcome, exceptions, reasons):
    assert second_signature_reasons(tier, outcome, exceptions) == reasons


def refusal(signer_id=5, roles=("reviewer",), stage=Stage.REVIEWER, senders=(1, 2),
            signed=()):
    return signing_refusal(signer_id=signer_id, signer_roles=roles, stage=stage,
                           sender_ids=senders, signed_by=signed)


def test_a_reviewer_who_did_not_send_it_may_sign_first():
    assert refusal() is None


def test_the_sender_cannot_sign():
    assert refusal(signer_id=1, roles=("reviewer", "procurement")) == "sent_it"
    assert refusal(signer_id=2, roles=("approver",), stage=Stage.APPROVER) == "sent_it"


def test_the_same_person_cannot_sign_twice():
    assert refusal(roles=("reviewer", "approver"), stage=Stage.APPROVER,
                   signed=(5,)) == "signed_already"


def test_the_second_signature_needs_an_approver():
    assert refusal(stage=Stage.APPROVER, signed=(7,)) == "role"
    assert refusal(roles=("approver",), stage=Stage.APPROVER, signed=(7,)) is None
    assert refusal(roles=("procurement",)) == "role"


def test_what_an_exception_may_name():
    gaps = case(grade="C", failed_knockouts=("d1_policy",), below_pass=True,
                contract_gaps=(("contract:nda", ""),))
    assert exception_subjects(gaps) == ["knockout:d1_policy", "below_pass", "contract:nda"]
    assert exception_subjects(case()) == []
