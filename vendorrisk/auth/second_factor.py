"""Two-factor for a user: who must enrol, enrolment, checking a code, recovery codes,
and an administrator's reset (a lost phone).

The rules of the codes are in auth/totp.py; this module keeps them on the user's row
and in the audit log. The caller commits.
"""

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, or_, select, update

from vendorrisk.audit.services import record
from vendorrisk.auth import totp
from vendorrisk.auth.models import RecoveryCode, Role, User
from vendorrisk.auth.sessions import end_sessions_of
from vendorrisk.auth.sso_settings import parse_required_roles
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.foundation.extensions import db

ISSUER = "vendorrisk"  # how the account is named in the authenticator app
LOCK_AFTER = 10  # wrong codes in a row before the second factor locks


def required_roles() -> frozenset[Role]:
    """The roles that must enrol (the TOTP_REQUIRED_ROLES setting)."""
    return parse_required_roles(current_app.config["TOTP_REQUIRED_ROLES"])


def enrolled(user: User) -> bool:
    return user.totp_secret is not None


def required_for(user: User) -> bool:
    """True when a role the user holds requires two-factor."""
    return bool(user.roles & required_roles())


def enrolment_pending(user: User) -> bool:
    """True while a user who must enrol has not: they can do nothing else."""
    return required_for(user) and not enrolled(user)


def _key() -> str:
    return str(current_app.config["SECRET_KEY"])


def enrolment_secret(sealed: str | None) -> tuple[str, str]:
    """The secret of the enrolment under way (``sealed``), or a fresh one when there is
    none or it was sealed under another key: (sealed, to keep meanwhile; plain, to show)."""
    secret = totp.unseal(sealed, _key()) if sealed else None
    if secret is None:
        secret = totp.new_secret()
        sealed = totp.seal(secret, _key())
    return sealed, secret


def enrolment_picture(user: User, secret: str) -> tuple[str, str]:
    """The otpauth address and its QR code (SVG) for ``secret``."""
    uri = totp.enrolment_uri(secret, account=user.email, issuer=ISSUER)
    return uri, totp.qr_svg(uri, _("QR code to scan with your authenticator app"))


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = totp.new_recovery_codes()
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=totp.recovery_hash(code))
                       for code in codes)
    return codes


def confirm_enrolment(user: User, sealed: str, code: str, *, now: datetime,
                      keep_session: str | None = None) -> list[str]:
    """Keep the secret once the user has typed a code from it; return the recovery codes
    (to show once). The user's other sessions, begun without the second factor, end."""
    secret = totp.unseal(sealed, _key())
    step = secret and totp.matching_step(secret, code, now=now, last_step=None)
    if not step:
        raise ValidationError(_("That code does not match. Type the 6 digits your app shows "
                                "now (they change every 30 seconds)."), field="code")
    user.totp_secret, user.totp_enrolled_at, user.totp_last_step = sealed, now, step
    user.totp_failures = 0
    end_sessions_of(user, now=now, reason="two_factor", keep=keep_session)
    codes = _new_recovery_codes(user)
    db.session.flush()
    record("user.totp_enrolled", actor=user, object_type="user", object_id=user.id, now=now)
    return codes


def renew_recovery_codes(user: User, *, now: datetime) -> list[str]:
    """Replace the user's recovery codes (the old ones stop working)."""
    codes = _new_recovery_codes(user)
    db.session.flush()
    record("user.recovery_codes_renewed", actor=user, object_type="user", object_id=user.id,
           now=now)
    return codes


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def locked(user: User) -> bool:
    """True once LOCK_AFTER wrong codes in a row were given: an administrator resets."""
    return user.totp_failures >= LOCK_AFTER


def check_code(user: User, code: str, *, now: datetime) -> str | None:
    """How ``code`` proved the second factor ("totp" or "recovery_code"), or None. A code
    already used is refused, also by a request racing this one (the row is updated only
    if no other took the step or the recovery code first); a recovery code is spent."""
    if not enrolled(user) or locked(user):
        return None
    how = _recovery(user, code, now) if totp.looks_like_recovery_code(code) \
        else _totp(user, code, now)
    db.session.execute(update(User).where(User.id == user.id).values(
        totp_failures=0 if how else User.totp_failures + 1))
    db.session.refresh(user, ["totp_failures", "totp_last_step"])
    if how is None and locked(user):
        record("user.second_factor_locked", actor=None, object_type="user", object_id=user.id,
               now=now)
    return how


def record_wrong_code(user: User, *, address: str | None, now: datetime) -> None:
    """Audit a wrong code given at sign-in, with how many in a row."""
    record("user.second_factor_refused", actor=None, object_type="user", object_id=user.id,
           now=now, actor_label=address or "", details={"in_a_row": user.totp_failures})


def _recovery(user: User, code: str, now: datetime) -> str | None:
    spent = db.session.execute(update(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None),
        RecoveryCode.code_hash == totp.recovery_hash(code)).values(used_at=now))
    if spent.rowcount != 1:
        return None
    record("user.recovery_code_used", actor=user, object_type="user", object_id=user.id,
           now=now, details={"left": recovery_codes_left(user)})
    return "recovery_code"


def _totp(user: User, code: str, now: datetime) -> str | None:
    secret = totp.unseal(user.totp_secret or "", _key())
    step = secret and totp.matching_step(secret, code, now=now, last_step=user.totp_last_step)
    if not step:
        return None
    taken = db.session.execute(update(User).where(
        User.id == user.id,
        or_(User.totp_last_step.is_(None), User.totp_last_step < step),
    ).values(totp_last_step=step))
    return "totp" if taken.rowcount == 1 else None


def remove(user: User, *, actor: User, now: datetime) -> None:
    """Forget the user's authenticator and recovery codes: by an administrator (a lost
    phone: the user's sessions end, and they enrol again at next sign-in if their role
    requires it) or by the user themselves when no role of theirs requires it."""
    if actor.id == user.id and required_for(user):
        raise ValidationError(_("Your role requires two-factor sign-in: it cannot be turned "
                                "off. Ask an administrator to reset it if you lost your "
                                "authenticator."))
    user.totp_secret = user.totp_enrolled_at = user.totp_last_step = None
    user.totp_failures = 0
    if actor.id != user.id:  # a lost phone: whoever holds it is signed out too
        end_sessions_of(user, now=now, reason="two_factor_reset")
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.flush()
    record("user.totp_removed", actor=actor, object_type="user", object_id=user.id, now=now)
