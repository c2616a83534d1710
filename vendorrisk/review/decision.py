"""Residual risk, the recommended decision and what an approval needs (R6–R8;
docs/rules.md#residual-risk-and-the-decision-matrix).

Pure: no Flask, no database. The services turn the gaps and refusals returned here into
sentences; the rules themselves are readable in this one file.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vendorrisk.assessments.workflow import Outcome

# Recorded in every signed snapshot, so a later change of these rules is visible.
DECISION_RULES_VERSION = "2026.1"
# The matrix, tier 1 grade B: "approve with remediation plan ≤ 90 days".
TIER1_REMEDIATION_DAYS = 90


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class Recommendation:
    """One cell of the decision matrix. ``risk`` is None where the matrix names no
    level (tier 1, grade C: reject, or a time-boxed exception by top management)."""

    risk: Risk | None
    outcome: Outcome
    exception_possible: bool = False
    approver_required: bool = False


MATRIX: dict[tuple[str, str], Recommendation] = {
    ("1", "A"): Recommendation(Risk.MEDIUM, Outcome.APPROVE),
    ("1", "B"): Recommendation(Risk.HIGH, Outcome.APPROVE_WITH_CONDITIONS,
                               approver_required=True),
    ("1", "C"): Recommendation(None, Outcome.REJECT, exception_possible=True),
    ("2", "A"): Recommendation(Risk.LOW, Outcome.APPROVE),
    ("2", "B"): Recommendation(Risk.MEDIUM, Outcome.APPROVE_WITH_CONDITIONS),
    ("2", "C"): Recommendation(Risk.HIGH, Outcome.REJECT, exception_possible=True),
    ("3", "A"): Recommendation(Risk.LOW, Outcome.APPROVE),
    ("3", "B"): Recommendation(Risk.LOW, Outcome.APPROVE),
    ("3", "C"): Recommendation(Risk.MEDIUM, Outcome.APPROVE_WITH_CONDITIONS),
}


def recommend(tier: str, grade: str) -> Recommendation | None:
    """The matrix cell for ``tier`` × ``grade``; None for a tier the matrix does not know
    (a vendor out of Art. 25 scope)."""
    return MATRIX.get((tier, grade))


BELOW_PASS = "below_pass"  # noqa: S105  (an exception subject, not a password)


def knockout_subject(question_id: str) -> str:
    """What an exception for a failed knockout names."""
    return f"knockout:{question_id}"


@dataclass(frozen=True)
class Gap:
    """Something that stands between a proposal and its signature.

    ``code``: ``knockout`` (``subject`` = the question), ``below_pass``,
    ``no_conditions``, ``conditions_too_late`` (``subject`` = the latest due date),
    ``grade_needs_conditions``, and a contract gap whose code is the exception subject
    that names it (contracts/gate.py: ``contract:nda``...).
    """

    code: str
    subject: str = ""
    detail: str = ""  # for a contract gap: the missing clauses


@dataclass(frozen=True)
class Case:
    """What the rules read about an assessment when a decision is proposed or signed."""

    tier: str
    grade: str
    failed_knockouts: tuple[str, ...]
    below_pass: bool
    excepted: frozenset[str]  # subjects of approved, unexpired exceptions
    condition_due_dates: tuple[date | None, ...]  # open findings' due dates
    today: date
    # (exception subject, detail) of what the vendor's contracts lack (contracts/gate.py)
    contract_gaps: tuple[tuple[str, str], ...] = ()
    # (question id, why it failed) of the failed knockouts, for the gap's sentence: a
    # reviewer's override below the minimum names the reviewer's reason (issue 22)
    knockout_details: tuple[tuple[str, str], ...] = ()


def approval_gaps(outcome: Outcome, case: Case) -> list[Gap]:
    """Why ``outcome`` cannot be signed for ``case``; empty when it can.

    A rejection can always be signed. An approval needs every failed knockout and a
    score below the pass mark covered by an exception (R6, R8) — except tier 3, where
    the matrix allows a grade C to be approved with conditions. A conditional approval
    needs conditions: open findings with due dates, within 90 days for tier 1. Every
    approval needs the contracts (R9) or an exception naming each contract gap.
    """
    if outcome == Outcome.REJECT:
        return []
    gaps = [Gap("knockout", qid, detail=dict(case.knockout_details).get(qid, ""))
            for qid in case.failed_knockouts if knockout_subject(qid) not in case.excepted]
    tier3_conditional = case.tier == "3" and outcome == Outcome.APPROVE_WITH_CONDITIONS
    if case.below_pass and BELOW_PASS not in case.excepted:
        if case.tier == "3" and not tier3_conditional:
            gaps.append(Gap("grade_needs_conditions"))
        elif not tier3_conditional:
            gaps.append(Gap(BELOW_PASS))
    gaps += [Gap(subject, detail=detail) for subject, detail in case.contract_gaps
             if subject not in case.excepted]
    if outcome == Outcome.APPROVE_WITH_CONDITIONS:
        dated = [due for due in case.condition_due_dates if due is not None]
        if not dated:
            gaps.append(Gap("no_conditions"))
        elif case.tier == "1":
            limit = case.today + timedelta(days=TIER1_REMEDIATION_DAYS)
            late = max(dated)
            if late > limit:
                gaps.append(Gap("conditions_too_late", late.isoformat()))
    return gaps


def exception_subjects(case: Case) -> list[str]:
    """What an exception may name for ``case``: each failed knockout, a score below the
    pass mark, each contract gap — whether or not one is already asked for."""
    subjects = [knockout_subject(qid) for qid in case.failed_knockouts]
    if case.below_pass:
        subjects.append(BELOW_PASS)
    return subjects + [subject for subject, _detail in case.contract_gaps]


def second_signature_reasons(tier: str, outcome: Outcome, has_exceptions: bool) -> list[str]:
    """Why an approver must sign too (tier 1, any exception, a conditional approval);
    empty when the reviewer's signature decides."""
    reasons = []
    if tier == "1":
        reasons.append("tier1")
    if has_exceptions:
        reasons.append("exception")
    if outcome == Outcome.APPROVE_WITH_CONDITIONS:
        reasons.append("conditions")
    return reasons


class Stage(StrEnum):
    REVIEWER = "reviewer"
    APPROVER = "approver"


def signing_refusal(*, signer_id: int, signer_roles: Collection[str], stage: Stage,
                    sender_ids: Iterable[int | None], signed_by: Iterable[int]) -> str | None:
    """Segregation of duties: None if the person may sign at ``stage``, else why not.

    ``sent_it``: nobody signs an assessment they created or sent; ``signed_already``:
    the two signatures come from two different people; ``role``: the reviewer's
    signature needs a reviewer (or approver), the second an approver.
    """
    if signer_id in set(sender_ids):
        return "sent_it"
    if signer_id in set(signed_by):
        return "signed_already"
    allowed = {"reviewer", "approver"} if stage == Stage.REVIEWER else {"approver"}
    if not allowed & set(signer_roles):
        return "role"
    return None
