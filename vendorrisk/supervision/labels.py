"""Display names for the supervision page, in both languages."""

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
    "no_standard": _l("no loaded selection standard fits its tier: load the standards"),
}
