"""Display names of roles, languages and notification modes, and the words for a
refused company sign-in."""

from flask_babel import gettext as _
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


def refusal_message(reason: str, provider: str) -> str:
    """The sentence a refused person reads."""
    unverified = _("The answer from %(provider)s could not be verified, so you were not signed "
                   "in. Try again; if it happens again, tell your administrator.",
                   provider=provider)
    return {
        "state": _("This sign-in could not be matched to this browser (it was started in "
                   "another window, or used already). Start again."),
        "provider_error": _("%(provider)s did not complete the sign-in. Start again.",
                            provider=provider),
        "unreachable": _("%(provider)s could not be reached. Try again in a few minutes.",
                         provider=provider),
        "unknown_subject": _("Your %(provider)s account is not linked to an account here. Ask "
                             "an administrator for access, or sign in with your password and "
                             "link it on your account page.", provider=provider),
        "no_email": _("Your %(provider)s account has no confirmed e-mail address, so no account "
                      "could be made for it. Ask your administrator.", provider=provider),
        "email_taken": _("An account with your e-mail address exists already. Sign in with its "
                         "password and link your %(provider)s account on your account page.",
                         provider=provider),
        "no_role": _("Your %(provider)s account is in no group that gives access here. Ask "
                     "your administrator.", provider=provider),
        "disabled": _("This account is disabled."),
        "no_groups_claim": _("%(provider)s did not say which groups your account is in, so "
                             "your access could not be checked. Tell your administrator (the "
                             "groups claim must be in the ID token).", provider=provider),
        "last_admin": _("Your %(provider)s groups no longer make you an administrator, but "
                        "you are the last one here: your roles are unchanged and you are not "
                        "signed in. Ask for another administrator first.", provider=provider),
        "busy": _("Another sign-in with this account was under way. Start again."),
        "linked_elsewhere": _("This %(provider)s account is linked to another user already.",
                              provider=provider),
    }.get(reason, unverified)
