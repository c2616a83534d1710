"""Display names of roles, languages and notification modes."""

from flask_babel import lazy_gettext as _l

from vendorrisk.auth.models import Language, NotificationMode, Role

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.PROCUREMENT: _l("Procurement"),
    Role.REVIEWER: _l("Reviewer"),
    Role.APPROVER: _l("Approver"),
    Role.AUDITOR: _l("Auditor"),
    Role.EXECUTIVE: _l("Executive (top management)"),
}
# Each language is named in itself, so a reader who cannot read the other finds theirs.
LANGUAGE_LABELS = {Language.EN: "English", Language.JA: "日本語"}
NOTIFICATION_MODE_LABELS = {
    NotificationMode.IMMEDIATE: _l("An e-mail for each, as it happens"),
    NotificationMode.DIGEST: _l("One e-mail a day listing them (daily digest)"),
}
