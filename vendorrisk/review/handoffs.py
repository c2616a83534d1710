"""Who hears of a decision: the approvers who may give the second signature, and, once it
is made, the vendor's contacts, each in their language, with the outcome and its
conditions (docs/rules.md, "Segregation of duties"; notifications/handoffs.py sends each
once, as each person chose).
"""

from datetime import datetime

from flask import current_app

from vendorrisk.assessments.handoffs import reply_to_of, title_in
from vendorrisk.assessments.labels import OUTCOME_LABELS, SECOND_SIGNATURE_LABELS
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import Outcome
from vendorrisk.auth.models import Role, User
from vendorrisk.notifications.handoffs import (
    active_with_role,
    notify_address,
    notify_users,
    staff_link,
)
from vendorrisk.review.decision import Stage, signing_refusal
from vendorrisk.review.findings import open_findings


def may_give_second_signature(assessment: Assessment, person: User,
                              signed_by: list[int]) -> bool:
    """The segregation-of-duties rules of ``sign``, asked before anyone tries: an approver
    who neither created, sent, answered nor already signed the assessment."""
    refusal = signing_refusal(
        signer_id=person.id, signer_roles={role.value for role in person.roles},
        stage=Stage.APPROVER, sender_ids=(assessment.created_by_id, assessment.sent_by_id),
        signed_by=signed_by)
    answered = any(r.email.lower() == person.email.lower() for r in assessment.respondents)
    return refusal is None and not answered


def ask_approvers(assessment: Assessment, *, signer: User, reasons: list[str],
                  now: datetime) -> int:
    """Tell every approver who may sign that ``assessment``'s decision, signed by
    ``signer``, waits for them; return how many were told now."""
    approvers = [person for person in active_with_role(Role.APPROVER)
                 if may_give_second_signature(assessment, person, [signer.id])]
    return notify_users(
        "handoff_signature", f"signature:{assessment.id}:{assessment.proposal_round}",
        approvers, link=staff_link(f"/assessments/{assessment.id}#decision"),
        context={"assessment": assessment, "vendor": assessment.vendor, "signer": signer,
                 "outcome": OUTCOME_LABELS[assessment.decision.value],
                 # labels, not strings: each is worded in its reader's language
                 "reasons": [SECOND_SIGNATURE_LABELS[reason] for reason in reasons]},
        object_type="assessment", object_id=assessment.id, now=now)


def announce_decision(assessment: Assessment, *, now: datetime) -> int:
    """E-mail the decision to each respondent whose link was not revoked (the vendor's
    contacts for this questionnaire), in their language: the outcome, and for an
    approval the open findings with their due dates; return how many were told now."""
    outcome = assessment.decision
    conditions = [] if outcome == Outcome.REJECT else open_findings(assessment)
    reply_to, told, seen = reply_to_of(assessment), 0, set()
    for respondent in assessment.respondents:
        if respondent.revoked_at is not None or respondent.email.lower() in seen:
            continue
        seen.add(respondent.email.lower())
        language = respondent.language.value
        told += notify_address(
            "decision", f"decided:{assessment.id}", recipient=respondent.email,
            language=language, reply_to=reply_to,
            context={"contact": respondent, "assessment": assessment,
                     "vendor": assessment.vendor, "outcome": outcome.value,
                     "conditions": sorted(conditions, key=lambda f: (f.due_on, f.id)),
                     "title": title_in(assessment, language), "decided_on": now.date(),
                     "reply_to": reply_to, "company": current_app.config["COMPANY_NAME"]},
            object_type="assessment", object_id=assessment.id, now=now)
    return told
