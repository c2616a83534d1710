"""Users and the roles they hold."""

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db


class Role(StrEnum):
    """What a user may do; a user may hold several."""

    ADMIN = "admin"
    PROCUREMENT = "procurement"
    REVIEWER = "reviewer"
    APPROVER = "approver"
    AUDITOR = "auditor"
    # Top management: accepts the exceptions that let a tier 1 vendor graded C go ahead
    # (DOMAIN §6), and nothing else that an approver does.
    EXECUTIVE = "executive"


class Language(StrEnum):
    """The interface languages with a complete catalog."""

    EN = "en"
    JA = "ja"


class NotificationMode(StrEnum):
    """How a user hears of hand-offs: each at once, or one e-mail a day listing them."""

    IMMEDIATE = "immediate"
    DIGEST = "digest"


# The password hash of an account made at company sign-in: no argon2 hash, so no
# password ever matches it (auth/services.py checks it against a dummy hash instead).
NO_PASSWORD = "!company-sign-in"  # noqa: S105  (a marker, not a password)


class User(UserMixin, db.Model):
    """A person who logs in. Users are disabled, never deleted: the audit log names them."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    language: Mapped[Language] = mapped_column(str_enum(Language), default=Language.EN)
    notification_mode: Mapped[NotificationMode] = mapped_column(
        str_enum(NotificationMode), default=NotificationMode.IMMEDIATE,
        server_default=NotificationMode.IMMEDIATE.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Two-factor (auth/totp.py): the authenticator's secret, encrypted with a key derived
    # from SECRET_KEY; the time step of the last code accepted, so that no code is used
    # twice. No secret: not enrolled.
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    # Wrong codes in a row (kept here, not in the browser's cookie, so that no replayed
    # cookie or new sign-in resets it); at second_factor.LOCK_AFTER an administrator resets.
    totp_failures: Mapped[int] = mapped_column(default=0, server_default="0")

    role_grants: Mapped[list["RoleGrant"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> frozenset[Role]:
        """The roles this user holds."""
        return frozenset(grant.role for grant in self.role_grants)

    def has_role(self, *roles: Role) -> bool:
        """True if the user holds at least one of ``roles``."""
        return bool(self.roles.intersection(roles))

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    # The key of the login session this request runs in (see auth/sessions.py); never
    # stored on the row. Flask-Login keeps it, not the user's id, in the cookie.
    session_key = None  # str when set; not a column

    def get_id(self) -> str:
        if not self.session_key:
            raise RuntimeError("a user is logged in only through auth.sessions.start_session")
        return self.session_key

    @property
    def has_password(self) -> bool:
        """False for an account made at company sign-in (it signs in only that way)."""
        return self.password_hash != NO_PASSWORD

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class RoleGrant(db.Model):
    """One role held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(str_enum(Role), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_grants")


class UserSession(db.Model):
    """One login: kept server-side so that logging out, a password change or disabling
    the account ends it for good, and so that it has an absolute end."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the key in the cookie: a copy of the database cannot log anyone in.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_reason: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(300))

    user: Mapped[User] = relationship()


class UserIdentity(db.Model):
    """An account at a company identity provider that signs in as this user: matched by
    the provider's issuer and its stable subject, never by e-mail address."""

    __tablename__ = "user_identities"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(String(40))  # the settings' name for it
    issuer: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class RecoveryCode(db.Model):
    """One of the codes that stand in for the authenticator once; kept as SHA-256."""

    __tablename__ = "user_recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SignInPolicy(db.Model):
    """The administrators' choice of how staff sign in (one row; none: the defaults)."""

    __tablename__ = "sign_in_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Company sign-in for everyone: a password then works only for the break-glass
    # administrator, kept for the day the identity provider is down.
    require_sso: Mapped[bool] = mapped_column(default=False)
    break_glass_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
