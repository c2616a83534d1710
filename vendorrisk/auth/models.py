"""Users and the roles they hold."""

import secrets
from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.dbtypes import UTCDateTime, str_enum
from vendorrisk.extensions import db


class Role(StrEnum):
    """What a user may do; a user may hold several."""

    ADMIN = "admin"
    PROCUREMENT = "procurement"
    REVIEWER = "reviewer"
    APPROVER = "approver"
    AUDITOR = "auditor"


class Language(StrEnum):
    """The interface languages with a complete catalog."""

    EN = "en"
    JA = "ja"


def new_session_token() -> str:
    """A fresh random identifier for the user's sessions (rotating it ends them all)."""
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    """A person who logs in. Users are disabled, never deleted: the audit log names them."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    language: Mapped[Language] = mapped_column(str_enum(Language), default=Language.EN)
    # Flask-Login stores this, not the id, in the session cookie: changing the password
    # or disabling the account rotates it and so logs out every open session.
    session_token: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_session_token
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

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

    def get_id(self) -> str:
        return self.session_token

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
