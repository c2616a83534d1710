"""The password policy, as a pure function the forms, services and CLI share."""

from enum import StrEnum

MIN_LENGTH = 12
# argon2 accepts any length; the cap only stops multi-megabyte "passwords".
MAX_LENGTH = 256


class PasswordProblem(StrEnum):
    """Why a password is refused."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    IS_EMAIL = "is_email"
    BLANK = "blank"


def check_password(password: str, *, email: str) -> PasswordProblem | None:
    """Return the first rule ``password`` breaks for the account ``email``, or None."""
    if not password.strip():
        return PasswordProblem.BLANK
    if len(password) < MIN_LENGTH:
        return PasswordProblem.TOO_SHORT
    if len(password) > MAX_LENGTH:
        return PasswordProblem.TOO_LONG
    lowered = password.strip().lower()
    email = email.strip().lower()
    if email and lowered in {email, email.partition("@")[0]}:
        return PasswordProblem.IS_EMAIL
    return None
