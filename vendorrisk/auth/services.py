"""Account workflows: create, edit, disable users, passwords and login.

Each function checks the rules, changes rows, flushes and writes the audit log; the
caller commits. Error messages are shown to the person who made the mistake.
"""

from collections.abc import Iterable
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Language, NotificationMode, Role, RoleGrant, User
from vendorrisk.auth.passwords import PasswordProblem, check_password
from vendorrisk.auth.policy import is_break_glass
from vendorrisk.auth.sessions import end_sessions_of
from vendorrisk.foundation.errors import Conflict, ValidationError
from vendorrisk.foundation.extensions import db


def _hasher() -> PasswordHasher:
    return PasswordHasher(**current_app.config["ARGON2_PARAMS"])


def password_problem_message(problem: PasswordProblem) -> str:
    """The sentence shown for a refused password."""
    return {
        PasswordProblem.BLANK: _("Enter a password."),
        PasswordProblem.TOO_SHORT: _("Use at least 12 characters."),
        PasswordProblem.TOO_LONG: _("Use at most 256 characters."),
        PasswordProblem.IS_EMAIL: _("The password must not be the e-mail address."),
    }[problem]


def normalise_email(email: str) -> str:
    """The canonical form of ``email``, or ValidationError saying what is wrong with it."""
    try:
        checked = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError(
            _("This is not a valid e-mail address (%(reason)s).", reason=str(error)),
            field="email",
        ) from error
    return checked.normalized.lower()


def find_user_by_email(email: str) -> User | None:
    """The user with this address, compared case-insensitively."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def _parse_roles(roles: Iterable[str]) -> set[Role]:
    parsed = set()
    for role in roles:
        try:
            parsed.add(Role(role))
        except ValueError:
            raise ValidationError(
                _("Unknown role %(role)s. Roles are: %(roles)s.",
                  role=role, roles=", ".join(r.value for r in Role)),
                field="roles",
            ) from None
    if not parsed:
        raise ValidationError(_("Choose at least one role."), field="roles")
    return parsed


def _checked_password(password: str, email: str) -> str:
    problem = check_password(password, email=email)
    if problem:
        raise ValidationError(password_problem_message(problem), field="password")
    return _hasher().hash(password)


def _check_email_free(email: str, user: User | None = None) -> None:
    existing = find_user_by_email(email)
    if existing is not None and (user is None or existing.id != user.id):
        raise ValidationError(_("A user with this e-mail address already exists."), field="email")


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError(_("Enter the person's name."), field="name")
    return name


def create_user(
    *,
    email: str,
    name: str,
    password: str,
    roles: Iterable[str],
    language: str = Language.EN,
    actor: User | None,
    now: datetime,
) -> User:
    """Create an active user holding ``roles``."""
    email = normalise_email(email)
    _check_email_free(email)
    user = User(
        email=email,
        name=_check_name(name),
        password_hash=_checked_password(password, email),
        language=Language(language),
        created_at=now,
        role_grants=[RoleGrant(role=role) for role in sorted(_parse_roles(roles))],
    )
    db.session.add(user)
    db.session.flush()
    record("user.created", actor=actor, object_type="user", object_id=user.id, now=now,
           details={"email": email, "roles": sorted(r.value for r in user.roles)})
    return user


_ACTIVE_ADMIN = (User.active.is_(True), RoleGrant.role == Role.ADMIN)


def active_admins() -> list[User]:
    """The active administrators, by e-mail address."""
    return list(db.session.scalars(select(User).join(RoleGrant).where(*_ACTIVE_ADMIN)
                                   .order_by(User.email)))


def is_last_admin(user: User) -> bool:
    """True when ``user`` is the only active administrator left."""
    return user.active and Role.ADMIN in user.roles and (db.session.scalar(
        select(func.count()).select_from(User).join(RoleGrant).where(*_ACTIVE_ADMIN)) or 0) <= 1


def _guard_last_admin(user: User, *, losing_admin: bool) -> None:
    if losing_admin and is_last_admin(user):
        raise Conflict(_("This is the last active administrator; keep at least one."))
    if losing_admin and is_break_glass(user):
        raise Conflict(_("This is the break-glass administrator, the only one who can sign in "
                         "with a password while company sign-in is required. Choose another "
                         "on the sign-in policy page first."))


def update_user(
    user: User, *, email: str, name: str, roles: Iterable[str], language: str,
    actor: User, now: datetime,
) -> User:
    """Change a user's profile and roles; the audit row lists what changed."""
    email = normalise_email(email)
    _check_email_free(email, user)
    new_roles = _parse_roles(roles)
    _guard_last_admin(user, losing_admin=Role.ADMIN not in new_roles)
    before = {"email": user.email, "name": user.name, "language": user.language.value,
              "roles": sorted(r.value for r in user.roles)}
    user.email, user.name, user.language = email, _check_name(name), Language(language)
    user.role_grants = [
        grant for grant in user.role_grants if grant.role in new_roles
    ] + [RoleGrant(role=role) for role in sorted(new_roles - user.roles)]
    after = {"email": user.email, "name": user.name, "language": user.language.value,
             "roles": sorted(r.value for r in new_roles)}
    changed = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    db.session.flush()
    if changed:
        record("user.updated", actor=actor, object_type="user", object_id=user.id, now=now,
               details=changed)
    return user


def set_active(user: User, active: bool, *, actor: User | None, now: datetime) -> User:
    """Disable (ending every session) or re-enable a user."""
    if user.active == active:
        return user
    if not active:
        if actor is not None and user.id == actor.id:
            raise Conflict(_("You cannot disable your own account."))
        _guard_last_admin(user, losing_admin=True)
        end_sessions_of(user, now=now, reason="disabled")
    user.active = active
    db.session.flush()
    record("user.enabled" if active else "user.disabled", actor=actor, object_type="user",
           object_id=user.id, now=now)
    return user


def set_password(user: User, password: str, *, actor: User | None, now: datetime,
                 keep_session: str | None = None) -> User:
    """Give ``user`` a new password and end their sessions (except ``keep_session``, the
    one in which they changed it themselves)."""
    user.password_hash = _checked_password(password, user.email)
    end_sessions_of(user, now=now, reason="password", keep=keep_session)
    db.session.flush()
    record("user.password_set", actor=actor, object_type="user", object_id=user.id, now=now)
    return user


def change_own_password(user: User, current: str, new: str, *, now: datetime) -> User:
    """Change the password of the logged-in user after checking the current one; their
    other sessions end, this one goes on."""
    if not _verify(user.password_hash, current):
        raise ValidationError(_("The current password is not correct."), field="current")
    return set_password(user, new, actor=user, now=now, keep_session=user.session_key)


def set_language(user: User, language: str, *, now: datetime) -> User:
    """Store the user's preferred interface language."""
    try:
        user.language = Language(language)
    except ValueError:
        raise ValidationError(_("Unknown language."), field="language") from None
    db.session.flush()
    record("user.language_set", actor=user, object_type="user", object_id=user.id, now=now,
           details={"language": user.language.value})
    return user


def set_notification_mode(user: User, mode: str, *, now: datetime) -> User:
    """Store how the user hears of hand-offs: each e-mail at once, or a daily digest."""
    try:
        user.notification_mode = NotificationMode(mode)
    except ValueError:
        raise ValidationError(_("Choose how you want to be notified."),
                              field="mode") from None
    db.session.flush()
    record("user.notifications_set", actor=user, object_type="user", object_id=user.id,
           now=now, details={"mode": user.notification_mode.value})
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Hashed once per process so that an unknown e-mail costs as much time as a known one.
_DUMMY_HASHES: dict[tuple[tuple[str, int], ...], str] = {}


def _dummy_hash() -> str:
    # Made on first use only: hashing it on every call would make an unknown e-mail cost
    # a hash and a verification, twice what a known one costs, and tell them apart.
    key = tuple(sorted(current_app.config["ARGON2_PARAMS"].items()))
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = _hasher().hash("not-a-real-password")
    return _DUMMY_HASHES[key]


def authenticate(email: str, password: str, *, now: datetime) -> User | None:
    """The active user with these credentials, or None (without saying which part failed).
    The sign-in itself is audited when it completes (auth/signin.py), after any second
    factor."""
    user = find_user_by_email(email) if email else None
    if user is None or not user.active or not user.has_password:
        _verify(_dummy_hash(), password)  # as long as a real check: nothing told apart
        return None
    if not _verify(user.password_hash, password):
        return None
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = _hasher().hash(password)
        db.session.flush()
    return user
