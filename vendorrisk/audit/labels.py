"""What each audit action and kind of object is called, in the reader's language.

The log stores codes (``user.login``, ``vendor``); the pages that show activity to
people show these words instead. An action not listed here is named by its object's
kind ("Vendor: other change"), never by its code.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

OBJECT_LABELS = {
    "assessment": _l("Assessment"), "contract": _l("Contract"), "country": _l("Country"),
    "data_request": _l("Individual's request"), "exception": _l("Exception"),
    "finding": _l("Finding"), "incident": _l("Incident"), "register": _l("Vendor register"),
    "report_run": _l("Report"), "report": _l("Report"),
    "standard_assignment": _l("Standard assignment"),
    "standard_version": _l("Selection standard"), "termination": _l("Termination"),
    "user": _l("User"), "vendor": _l("Vendor"), "api_token": _l("API token"),
    "audit_anchor": _l("Audit log anchor"), "export": _l("Export"),
    "management_review": _l("Management review"), "retention": _l("Retention"),
    "sign_in": _l("Company sign-in"), "sign_in_policy": _l("Sign-in policy"),
}

ACTION_LABELS = {
    # assessments: the lifecycle (workflow.Event) and what happens along it
    "export.downloaded": _l("Exported (rows, filter and format in the details)"),
    "management_review.recorded": _l("Management review recorded"),
    "retention.disposed": _l("Disposed of after the retention period"),
    "vendor.crossborder_basis": _l("Basis of a provision abroad recorded"),
    "vendor.rule18_check": _l("Rule 18 check recorded"),
    "vendor_audit.recorded": _l("Audit of the consignee recorded"),
    "vendor.site_added": _l("Handling site added"),
    "vendor.site_changed": _l("Handling site changed"),
    "vendor.site_removed": _l("Handling site removed"),
    "management_review.action_closed": _l("Management review action closed"),
    "assessment.created": _l("Assessment created"), "assessment.send": _l("Assessment sent"),
    "assessment.start": _l("Vendor started answering"),
    "assessment.submit": _l("Vendor submitted the answers"),
    "assessment.review": _l("Review started"),
    "assessment.return": _l("Returned for revision"),
    "assessment.propose": _l("Decision proposed"),
    "assessment.withdraw": _l("Proposal withdrawn"), "assessment.sign": _l("Signed"),
    "assessment.decline": _l("Signature declined"), "assessment.decide": _l("Decided"),
    "assessment.cancel": _l("Assessment cancelled"),
    "assessment.expire": _l("Assessment expired"),
    "assessment.extend": _l("Due date extended"),
    "assessment.answer_marked": _l("Answer reviewed"),
    "assessment.answers_prefilled": _l("Answers prefilled"),
    "assessment.carried_over": _l("Answers carried over"),
    "assessment.evidence_added": _l("Evidence added"),
    "assessment.evidence_removed": _l("Evidence removed"),
    "assessment.findings_shared": _l("Findings shared with the vendor"),
    "assessment.link_reissued": _l("Vendor link sent again"),
    "assessment.link_replaced": _l("Vendor link replaced"),
    "assessment.link_revoked": _l("Vendor link revoked"),
    "assessment.override_removed": _l("Points override removed"),
    "assessment.points_overridden": _l("Points overridden"),
    "assessment.reminded": _l("Reminder sent"),
    "assessment.respondent_added": _l("Respondent added"),
    "assessment.snapshot": _l("Signed record frozen"),
    # contracts and terminations
    "contract.created": _l("Contract recorded"), "contract.updated": _l("Contract updated"),
    "contract.deleted": _l("Contract deleted"),
    "contract.clauses": _l("Clause checklist updated"),
    "contract.checklist_reconfirmed": _l("Clause checklist confirmed again"),
    "contract.document_added": _l("Contract document added"),
    "contract.provision_basis": _l("Basis for provision recorded"),
    "contract.review_opened": _l("Contract review opened"),
    "contract.storage_confirmed": _l("Storage-only terms confirmed"),
    "termination.certificate_submitted": _l("Deletion certificate submitted"),
    "termination.certificate_verified": _l("Deletion certificate verified"),
    "termination.certificate_rejected": _l("Deletion certificate rejected"),
    "termination.certificate_pending": _l("Deletion certificate awaiting check"),
    "termination.link_sent": _l("Deletion link sent"),
    "termination.link_withdrawn": _l("Deletion link withdrawn"),
    "termination.link_opened": _l("Vendor opened the deletion link"),
    "termination.link_refused": _l("Deletion link refused"),
    "termination.link_certificate_sent": _l("Vendor sent a deletion certificate"),
    # vendors and the register
    "vendor.created": _l("Vendor registered"), "vendor.updated": _l("Vendor updated"),
    "vendor.assessment_started": _l("Vendor under assessment: its selection was sent"),
    "vendor.assessment_withdrawn": _l("Vendor a prospect again: its selection was cancelled"),
    "vendor.decided": _l("Vendor status set by a decision"),
    "vendor.condition_reopened": _l("Condition reopened"),
    "vendor.conditions_met": _l("Conditions met"),
    "vendor.contact_added": _l("Contact added"), "vendor.contact_removed": _l("Contact removed"),
    "vendor.contact_updated": _l("Contact updated"),
    "vendor.owner_changed": _l("Owner changed"),
    "vendor.sub_consignee_added": _l("Sub-consignee added"),
    "vendor.sub_consignee_changed": _l("Sub-consignee changed"),
    "vendor.sub_consignee_decided": _l("Sub-consignee decided"),
    "vendor.sub_consignee_lapsed": _l("Sub-consignee approval lapsed"),
    "vendor.sub_consignee_removed": _l("Sub-consignee removed"),
    "vendor.sub_consignee_standing_again": _l("Sub-consignee approved again"),
    "vendor.terminated": _l("Vendor terminated"),
    "vendor.termination_recorded": _l("Termination recorded"),
    "vendor.tier_computed": _l("Tier computed"),
    "vendor.tier_overridden": _l("Tier overridden"),
    "vendor.tier_override_cleared": _l("Tier override cleared"),
    "country.record_saved": _l("Country record saved"),
    "register.imported": _l("Vendors imported"),
    # findings and exceptions
    "finding.recorded": _l("Finding recorded"), "finding.planned": _l("Remediation plan agreed"),
    "finding.completed": _l("Finding reported done"), "finding.accepted": _l("Finding closed"),
    "finding.reopened": _l("Finding reopened"), "finding.withdrawn": _l("Finding withdrawn"),
    "exception.requested": _l("Exception requested"),
    "exception.approved": _l("Exception approved"), "exception.refused": _l("Exception refused"),
    # incidents and individuals' requests
    "incident.reported": _l("Incident reported"), "incident.updated": _l("Incident updated"),
    "incident.update_added": _l("Incident update added"),
    "incident.closed": _l("Incident closed"),
    "incident.preliminary_reported": _l("Preliminary report made"),
    "incident.final_reported": _l("Final report made"),
    "incident.link_sent": _l("Incident link sent"),
    "incident.link_used": _l("Vendor used the incident link"),
    "incident.link_revoked": _l("Incident link revoked"),
    "data_request.created": _l("Individual's request recorded"),
    "data_request.closed": _l("Individual's request closed"),
    "data_request.task_sent": _l("Request passed to a vendor"),
    "data_request.task_answered": _l("Vendor answered a request"),
    "data_request.link_used": _l("Vendor used the request link"),
    "data_request.link_refused": _l("Request link refused"),
    # standards, reports, supervision, users
    "standard.version_loaded": _l("Standard version loaded"),
    "standard.version_approved": _l("Standard version approved"),
    "standard.assigned": _l("Standard assigned"), "standard.reviewed": _l("Assignment reviewed"),
    "report.requested": _l("Report requested"), "report.generated": _l("Report generated"),
    "report.downloaded": _l("Report downloaded"),
    "report.assessment_downloaded": _l("Assessment report downloaded"),
    "report.dossier_downloaded": _l("Vendor dossier downloaded"),
    "report.incident_draft_downloaded": _l("Incident report draft downloaded"),
    "supervision.triggered": _l("Supervision jobs run by hand"),
    "supervision.chain_exception": _l("Sub-consignee exception requested"),
    "supervision.index": _l("Supervision page opened"),
    "user.login": _l("Signed in"), "user.logout": _l("Signed out"),
    "user.created": _l("User created"), "user.updated": _l("User updated"),
    "user.disabled": _l("User disabled"), "user.enabled": _l("User enabled"),
    "user.language_set": _l("Language changed"), "user.password_set": _l("Password set"),
    "user.notifications_set": _l("E-mail settings changed"),
    "api_token.created": _l("API token created"), "api_token.revoked": _l("API token revoked"),
    "user.sign_in_refused": _l("Sign-in refused"),
    "user.second_factor_refused": _l("Wrong two-factor code"),
    "user.second_factor_locked": _l("Second factor locked after wrong codes"),
    "user.provisioned": _l("User created at first company sign-in"),
    "user.roles_from_claims": _l("Roles changed by the identity provider's groups"),
    "user.identity_linked": _l("Company account linked"),
    "user.totp_enrolled": _l("Two-factor turned on"),
    "user.totp_removed": _l("Two-factor reset"),
    "user.recovery_codes_renewed": _l("New recovery codes made"),
    "user.recovery_code_used": _l("Recovery code used"),
    "user.session_ended": _l("Session ended"),
    "user.sessions_ended": _l("All sessions ended by an administrator"),
    "auth.policy_changed": _l("Sign-in policy changed"),
}


def object_label(object_type: str) -> str:
    """The kind of an audited object in words."""
    return str(OBJECT_LABELS.get(object_type, _("Other record")))


def action_label(action: str) -> str:
    """An audit action in words; an unlisted one by its object's kind."""
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    return _("%(kind)s: other change", kind=object_label(action.split(".", 1)[0]))
