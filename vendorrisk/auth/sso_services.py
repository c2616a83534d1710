"""Who a company sign-in is: the user linked to the provider's subject, a user made at
first sign-in (provisioning), and roles read from the token's groups each time.

Matched by issuer and subject, never by e-mail address alone: a provider account that
happens to carry someone's address does not become them. The caller commits, also
after a refusal (the refusal and any roles taken away are kept).
"""

from datetime import datetime
from typing import Any

from sqlalchemy import select

from vendorrisk.audit.services import record
from vendorrisk.auth.models import NO_PASSWORD, Language, Role, RoleGrant, User, UserIdentity
from vendorrisk.auth.policy import is_break_glass
from vendorrisk.auth.services import find_user_by_email, is_last_admin, normalise_email
from vendorrisk.auth.sso import SignInRefused
from vendorrisk.auth.sso_settings import ProviderSettings
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.foundation.extensions import db


def find_identity(issuer: str, subject: str) -> UserIdentity | None:
    return db.session.scalar(select(UserIdentity).where(
        UserIdentity.issuer == issuer, UserIdentity.subject == subject))


def identities_of(user: User) -> list[UserIdentity]:
    return list(db.session.scalars(select(UserIdentity).where(
        UserIdentity.user_id == user.id).order_by(UserIdentity.provider)))


def _sorted(roles: frozenset[Role]) -> list[str]:
    return sorted(role.value for role in roles)


def _apply_roles(user: User, roles: frozenset[Role], provider: ProviderSettings,
                 now: datetime) -> None:
    if roles == user.roles:
        return
    before = _sorted(user.roles)
    user.role_grants = [grant for grant in user.role_grants if grant.role in roles] + [
        RoleGrant(role=role) for role in sorted(roles - user.roles)]
    db.session.flush()
    record("user.roles_from_claims", actor=None, actor_label=provider.label,
           object_type="user", object_id=user.id, now=now,
           details={"provider": provider.name, "roles": [before, _sorted(roles)]})


def _provision(provider: ProviderSettings, claims: dict[str, Any], roles: frozenset[Role],
               language: str, now: datetime) -> User:
    if not roles:
        raise SignInRefused("no_role")
    if not claims.get("email") or claims.get("email_verified") is False:
        raise SignInRefused("no_email")
    try:
        email = normalise_email(str(claims["email"]))
    except ValidationError:
        raise SignInRefused("no_email") from None
    if find_user_by_email(email) is not None:  # linking is the owner's act, not ours
        raise SignInRefused("email_taken")
    name = str(claims.get("name") or email.split("@")[0])[:200]
    user = User(email=email, name=name, password_hash=NO_PASSWORD, created_at=now,
                language=Language(language),
                role_grants=[RoleGrant(role=role) for role in sorted(roles)])
    db.session.add(user)
    db.session.flush()
    record("user.provisioned", actor=None, actor_label=provider.label, object_type="user",
           object_id=user.id, now=now,
           details={"provider": provider.name, "email": email, "roles": _sorted(roles)})
    return user


def sign_in_from_claims(provider: ProviderSettings, claims: dict[str, Any], *,
                        language: str = "en", now: datetime) -> User:
    """The user these verified ID-token claims sign in as, or SignInRefused. A user made
    now reads the interface in ``language`` (the one they signed in in)."""
    issuer, subject = str(claims["iss"]), str(claims["sub"])
    identity = find_identity(issuer, subject)
    roles = None
    if provider.roles:
        groups = claims.get(provider.groups_claim)
        if groups is None:  # not "in no group": the provider did not say (Entra leaves
            # the claim out past 200 groups); taking every role away on that is wrong
            raise SignInRefused("no_groups_claim", user=identity.user_id if identity else None)
        roles = provider.roles_from(groups)
    if identity is None:
        if not provider.provision:
            raise SignInRefused("unknown_subject", subject=subject[:80])
        user = _provision(provider, claims, roles or frozenset(), language, now)
        identity = UserIdentity(user_id=user.id, provider=provider.name, issuer=issuer,
                                subject=subject, created_at=now)
        db.session.add(identity)
    else:
        user = identity.user
        if not user.active:
            raise SignInRefused("disabled", user=user.id)
        if roles is not None and not is_break_glass(user):  # the groups decide, each time
            if Role.ADMIN in user.roles and Role.ADMIN not in roles and is_last_admin(user):
                raise SignInRefused("last_admin", user=user.id)
            _apply_roles(user, roles, provider, now)
            if not roles:
                raise SignInRefused("no_role", user=user.id)
    identity.last_login_at = user.last_login_at = now
    db.session.flush()
    return user


def link_identity(user: User, provider: ProviderSettings, claims: dict[str, Any], *,
                  now: datetime) -> UserIdentity:
    """Let the signed-in ``user`` sign in through ``provider`` as the subject in
    ``claims`` from now on (they proved both)."""
    issuer, subject = str(claims["iss"]), str(claims["sub"])
    existing = find_identity(issuer, subject)
    if existing is not None and existing.user_id != user.id:
        raise SignInRefused("linked_elsewhere", user=existing.user_id)
    if existing is not None:
        return existing
    identity = UserIdentity(user_id=user.id, provider=provider.name, issuer=issuer,
                            subject=subject, created_at=now, last_login_at=now)
    db.session.add(identity)
    db.session.flush()
    record("user.identity_linked", actor=user, object_type="user", object_id=user.id,
           now=now, details={"provider": provider.name})
    return identity


def record_refusal(provider: ProviderSettings, refused: SignInRefused, *,
                   now: datetime) -> None:
    """Audit a company sign-in that did not go ahead, with its reason."""
    who = refused.details.get("user")
    record("user.sign_in_refused", actor=None, actor_label=provider.label,
           object_type="user" if who else "sign_in", object_id=who or provider.name, now=now,
           details={"provider": provider.name, "reason": refused.reason,
                    **{key: value for key, value in refused.details.items() if key != "user"}})
