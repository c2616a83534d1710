"""Display names of assessment states and lifecycle steps, in both languages."""

from flask_babel import lazy_gettext as _l

STATE_LABELS = {
    "draft": _l("Draft"), "sent": _l("Sent"), "in_progress": _l("Being answered"),
    "submitted": _l("Submitted"), "in_review": _l("In review"),
    "returned": _l("Returned for revision"), "proposed": _l("Decision proposed"),
    "awaiting_approval": _l("Awaiting approval"), "decided": _l("Decided"),
    "cancelled": _l("Cancelled"), "expired": _l("Expired"),
}
EVENT_LABELS = {
    "send": _l("send it"), "start": _l("start answering"), "submit": _l("submit it"),
    "review": _l("start the review"), "return": _l("return it for revision"),
    "propose": _l("propose a decision"), "withdraw": _l("withdraw the proposal"),
    "sign": _l("sign it"), "decline": _l("decline to sign it"), "decide": _l("decide on it"),
    "cancel": _l("cancel it"), "expire": _l("let it expire"), "extend": _l("extend it"),
}

OUTCOME_LABELS = {
    "approve": _l("Approve"), "approve_with_conditions": _l("Approve with conditions"),
    "reject": _l("Reject"),
}
RISK_LABELS = {"low": _l("low"), "medium": _l("medium"), "high": _l("high")}
MARK_LABELS = {
    "accepted": _l("Accepted"), "needs_information": _l("Needs information"),
    "finding": _l("Finding"),
}
SEVERITY_LABELS = {
    "low": _l("Low"), "medium": _l("Medium"), "high": _l("High"), "critical": _l("Critical"),
}
FINDING_STATUS_LABELS = {
    "open": _l("Remediation requested"), "planned": _l("Plan agreed"),
    "completed": _l("Reported done"), "closed": _l("Closed"), "withdrawn": _l("Withdrawn"),
}
FINDING_EVENT_LABELS = {
    "recorded": _l("recorded"), "edited": _l("changed"), "withdrawn": _l("withdrawn"),
    "planned": _l("the vendor gave a plan"), "completed": _l("the vendor reported it done"),
    "accepted": _l("remediation accepted"), "reopened": _l("reopened"),
}
FINDING_FIELD_LABELS = {
    "severity": _l("Severity"), "description": _l("Finding"),
    "remediation": _l("Remediation"), "owner": _l("Owner"), "due_on": _l("Due date"),
}
EXCEPTION_STATUS_LABELS = {
    "requested": _l("Waiting for an approver"), "approved": _l("Approved"),
    "refused": _l("Refused"),
}
# Why an approver must sign too (decision.second_signature_reasons).
SECOND_SIGNATURE_LABELS = {
    "tier1": _l("tier 1 vendor"), "exception": _l("an exception is relied on"),
    "conditions": _l("conditional approval"),
}
# decision.Gap codes; {subject} is the question id or the date; the contract gaps' codes
# are the exception subjects of contracts/gate.py, {detail} the missing clauses.
GAP_LABELS = {
    "contract:nda": _l("There is no active NDA (nor a consignment contract with a "
                       "confidentiality clause), and no approved, unexpired exception for it."),
    "contract:consignment": _l("There is no active consignment contract, and no approved, "
                               "unexpired exception for it."),
    "contract:clauses": _l("The consignment contract lacks mandatory clauses: {detail}; no "
                           "approved, unexpired exception covers it."),
    "knockout": _l("Knockout {subject} failed ({detail}) and has no approved, unexpired "
                   "exception."),
    "below_pass": _l("The score is below the tier's pass mark and has no approved, unexpired "
                     "exception."),
    "grade_needs_conditions": _l("A grade C tier 3 vendor can be approved only with "
                                 "conditions."),
    "no_conditions": _l("A conditional approval needs its conditions: open findings with due "
                        "dates."),
    "conditions_too_late": _l("For a tier 1 vendor the remediation must be due within 90 "
                              "days; the last finding is due {subject}."),
}
# decision.signing_refusal codes, plus answered_it.
REFUSAL_LABELS = {
    "sent_it": _l("You created or sent this assessment, so you cannot sign it (segregation "
                  "of duties)."),
    "signed_already": _l("You have already signed this assessment; the second signature "
                         "must come from someone else."),
    "role": _l("This signature needs an approver."),
    "answered_it": _l("You answered this questionnaire for the vendor, so you cannot sign "
                      "it."),
}
# An answer in words: a maturity level (the texts the portal shows the vendor) and yes/no.
MATURITY_LABELS = {
    0: _l("0 — not in place"), 1: _l("1 — partly, or a policy only"), 2: _l("2 — in place"),
    3: _l("3 — in place with evidence or independent assurance"),
}
YES_NO_LABELS = {"yes": _l("Yes"), "no": _l("No")}
