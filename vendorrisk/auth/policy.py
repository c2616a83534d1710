"""How staff must sign in: the administrators' sign-in policy.

With company sign-in required, a password signs in only the break-glass administrator
(kept for the day the identity provider is down); everyone else is sent to the
provider. The caller commits.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, SignInPolicy, User
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.foundation.extensions import db


def current_policy() -> SignInPolicy:
    """The policy in force (the defaults when none was saved: passwords allowed)."""
    return db.session.scalar(select(SignInPolicy).order_by(SignInPolicy.id).limit(1)) \
        or SignInPolicy(require_sso=False)


def password_allowed(user: User) -> bool:
    """True when ``user`` may sign in with a password under the policy."""
    return not current_policy().require_sso or is_break_glass(user)


def refuse_password(user: User, *, now: datetime) -> None:
    """Audit a right password refused because company sign-in is required."""
    record("user.sign_in_refused", actor=None, object_type="user", object_id=user.id,
           now=now, details={"method": "password", "reason": "sso_required"})


def is_break_glass(user: User) -> bool:
    """True for the break-glass administrator while company sign-in is required (an
    administrator still: one demoted since is not)."""
    policy = current_policy()
    return bool(policy.require_sso and policy.break_glass_user_id == user.id
                and user.has_role(Role.ADMIN))


def set_policy(*, require_sso: bool, break_glass: User | None, providers: int, actor: User,
               now: datetime) -> SignInPolicy:
    """Save the policy; requiring company sign-in needs a provider and an active
    administrator to keep a password."""
    if require_sso and not providers:
        raise ValidationError(_("No identity provider is configured (VENDORRISK_OIDC__…): "
                                "company sign-in cannot be required."), field="require_sso")
    if break_glass is not None and not (break_glass.active and break_glass.has_role(Role.ADMIN)
                                        and break_glass.has_password):
        raise ValidationError(_("The break-glass account must be an active administrator "
                                "with a password."), field="break_glass")
    if require_sso and break_glass is None:
        raise ValidationError(_("Choose the break-glass administrator: the one account that "
                                "can still sign in with a password if the identity provider "
                                "is down."), field="break_glass")
    policy = current_policy()
    before = {"require_sso": policy.require_sso,
              "break_glass": policy.break_glass_user_id}
    policy.require_sso = require_sso
    policy.break_glass_user_id = break_glass.id if break_glass else None
    policy.changed_at = now
    db.session.add(policy)
    db.session.flush()
    after = {"require_sso": policy.require_sso, "break_glass": policy.break_glass_user_id}
    if before != after:
        record("auth.policy_changed", actor=actor, object_type="sign_in_policy",
               object_id=policy.id, now=now,
               details={key: [before[key], after[key]] for key in before
                        if before[key] != after[key]})
    return policy
