"""Display names of an audit's kind, purpose, result and checks, in both languages (in
the register's table, so ``|label`` and ``choices`` use them)."""

from flask_babel import lazy_gettext as _l

from vendorrisk.review.audit_models import AuditKind, AuditPurpose, AuditResult, CriterionCheck
from vendorrisk.vendors.labels import LABELS

LABELS.update({
    AuditKind: {
        AuditKind.ON_SITE: _l("On site"),
        AuditKind.REMOTE: _l("Remote"),
        AuditKind.DOCUMENT: _l("On documents"),
    },
    AuditPurpose: {
        AuditPurpose.PERIODIC: _l("Periodic (the tier's programme)"),
        AuditPurpose.BEFORE_GO_LIVE: _l("Before go-live"),
        AuditPurpose.ON_DEMAND: _l("On demand"),
    },
    AuditResult: {
        AuditResult.SATISFACTORY: _l("Satisfactory"),
        AuditResult.IMPROVEMENT_REQUIRED: _l("Improvement required"),
        AuditResult.UNSATISFACTORY: _l("Unsatisfactory"),
    },
    CriterionCheck: {
        CriterionCheck.CONFIRMED: _l("Confirmed as answered"),
        CriterionCheck.NOT_CONFIRMED: _l("Not as answered"),
        CriterionCheck.NOT_CHECKED: _l("Not checked"),
    },
})
