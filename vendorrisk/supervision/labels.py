"""Display names for the supervision page, in both languages."""

from typing import Any

from flask_babel import lazy_gettext as _l

JOB_LABELS = {
    "outbox": _l("Deliver the e-mail outbox"),
    "reviews": _l("Send due periodic reviews"),
    "triggers": _l("Open triggered reassessments"),
    "reports": _l("Ask for handling-status reports"),
    "reminders": _l("Remind respondents and escalate"),
    "notices": _l("Expiry and overdue notices"),
    "incidents": _l("Incident deadline reminders and request escalations"),
    "onboarding": _l("Send first assessments to vendors in use (onboarding plan)"),
    "contract_reviews": _l("Open contract reviews after renewals (clause checklist)"),
    "standard_reviews": _l("Remind approvers of standards due for review"),
    "digests": _l("Send the daily digests of hand-off notices"),
}
UPCOMING_LABELS = {
    "periodic": _l("Full reassessment"),
    "confirmation": _l("Yearly confirmation"),
    "handling_status_report": _l("Handling-status report"),
    "questionnaire": _l("Questionnaire"),
    "finding": _l("Remediation"),
    "deletion_certificate": _l("Deletion certificate"),
}
SKIP_LABELS = {
    "no_contact": _l("no contact to send the questionnaire to: add one to the vendor"),
    "no_standard": _l("no approved selection standard is assigned to its tier: an approver "
                      "assigns one on the standards' assignments page"),
}

# Why a triggered reassessment was opened (supervision.triggered: code and params).
TRIGGER_LABELS = {
    "tier_changed": _l("Tier changed from %(from)s to %(to)s"),
    "sub_consignee_added": _l("A sub-consignee was added"),
    "sub_consignee_changed": _l("A sub-consignee's work, country or data changed"),
    "countries_changed": _l("Countries where the data is handled changed: %(before)s → "
                            "%(after)s"),
    "incident_reported": _l("An incident was reported at the vendor"),
    "certificate_lapsed": _l("A certificate the vendor gave lapsed on %(expires_on)s"),
    "band_crossed": _l("The data profile crossed a band within its tier: %(bands)s"),
    "confirmation_changes": _l("The annual confirmation reports changes: %(questions)s"),
    "chain_lapsed": _l("The approved sub-consignee %(sub)s no longer holds a current "
                       "evaluation"),
}
BAND_LABELS = {"S": _l("sensitivity %(before)s → %(after)s"),
               "V": _l("volume %(before)s → %(after)s")}
CONFIRMATION_LABELS = {
    "company_control_changed": _l("change of control"),
    "scope_changed": _l("change of scope"),
    "scope_countries_changed": _l("new or changed countries"),
    "scope_sub_consignees_changed": _l("new or changed sub-consignees"),
}


def trigger_text(details: dict[str, Any]) -> str:
    """A triggered reassessment's reason in the reader's language (the English kept in
    the log when an older entry has no code)."""
    code, params = details.get("code"), dict(details.get("params") or {})
    if code not in TRIGGER_LABELS:
        return str(details.get("reason", ""))
    if code == "countries_changed":
        params = {key: ", ".join(params.get(key) or []) or "—" for key in ("before", "after")}
    elif code == "band_crossed":
        params = {"bands": ", ".join(str(BAND_LABELS[factor]) % {"before": pair[0],
                                                                "after": pair[1]}
                                     for factor, pair in sorted(params.items())
                                     if factor in BAND_LABELS)}
    elif code == "confirmation_changes":
        params = {"questions": ", ".join(str(CONFIRMATION_LABELS.get(item, item))
                                         for item in params.get("questions", []))}
    return str(TRIGGER_LABELS[code]) % params
