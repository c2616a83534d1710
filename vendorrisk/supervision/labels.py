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
    "audit_anchor": _l("Anchor the audit log outside the database"),
    "review_actions": _l("Remind owners of management review actions"),
    "retention": _l("Dispose of what is past its retention period"),
    "audits": _l("Remind of consignees' audits by the programme"),
}
UPCOMING_LABELS = {
    "periodic": _l("Full reassessment"),
    "confirmation": _l("Yearly confirmation"),
    "handling_status_report": _l("Handling-status report"),
    "questionnaire": _l("Questionnaire"),
    "finding": _l("Remediation"),
    "deletion_certificate": _l("Deletion certificate"),
}
RUN_OUTCOME_LABELS = {"running": _l("running"), "ok": _l("done"),
                      "failed": _l("stopped with an error")}
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


# What a job's run counted (supervision.models.JobRun.counts), as the history shows it.
COUNT_LABELS = {
    "delivered": _l("e-mails delivered"), "retrying": _l("e-mails to retry"),
    "failed": _l("e-mails failed"), "reminded": _l("respondents reminded"),
    "escalated": _l("staff told of an overdue questionnaire"),
    "already_done": _l("already sent before"),
    "skipped_open_assessment": _l("skipped: an assessment is already open"),
    "covered_by_open_assessment": _l("covered by an assessment already open"),
    "waiting": _l("waiting for next week's capacity"),
    "request_tasks_overdue": _l("data-request tasks overdue"),
    "contract_reviews": _l("contract reviews opened"),
    "standard_reviews_due": _l("standards due for review"),
    "digests": _l("digests sent"), "notices": _l("notices in them"),
    "audit_anchored": _l("audit log anchored"),
    "audit_anchor_mailed": _l("auditors sent the anchor"),
    "review_actions_due": _l("management review actions due within a week"),
    "review_actions_overdue": _l("management review actions overdue"),
    "audits_due": _l("audits of consignees due within 30 days"),
    "audits_overdue": _l("audits of consignees overdue"),
    "link_uses_anonymised": _l("link uses whose address was removed"),
    "requests_anonymised": _l("closed requests whose person's name was removed"),
    "contacts_deleted": _l("contacts of ended vendors deleted"),
    "evidence_files_disposed": _l("evidence files of superseded assessments deleted"),
    "contract_expiring": _l("contracts ending"), "exception_expiring": _l("exceptions expiring"),
    "finding_overdue": _l("remediations overdue"),
    "deletion_overdue": _l("deletion certificates overdue"),
    "country_record_stale": _l("country records to check"),
    "certificate_expiring": _l("certificates expiring"),
    "rule18_check_due": _l("yearly Rule 18 checks due"),
    "preliminary_due": _l("preliminary PPC reports due"),
    "preliminary_overdue": _l("preliminary PPC reports overdue"),
    "final_due": _l("final PPC reports due"), "final_overdue": _l("final PPC reports overdue"),
}
SENT_LABELS = {
    "selection": _l("selection questionnaires sent"), "periodic": _l("periodic reviews sent"),
    "triggered": _l("reassessments sent"),
    "handling_status_report": _l("handling-status reports asked for"),
    "confirmation": _l("annual confirmations sent"),
}
SKIPPED_LABELS = {"no_contact": _l("skipped: no contact"),
                  "no_standard": _l("skipped: no approved standard for the tier")}


def count_label(key: str) -> str:
    """A run's count by its words: a key no label knows is shown as stored (a count the
    code gained later), which the words test would catch."""
    if key in COUNT_LABELS:
        return str(COUNT_LABELS[key])
    if key.startswith("sent_") and key.removeprefix("sent_") in SENT_LABELS:
        return str(SENT_LABELS[key.removeprefix("sent_")])
    if key.startswith("skipped_") and key.removeprefix("skipped_") in SKIPPED_LABELS:
        return str(SKIPPED_LABELS[key.removeprefix("skipped_")])
    return key
