"""The password policy as a pure function."""

import pytest

from vendorrisk.auth.passwords import PasswordProblem, check_password

EMAIL = "alice.smith1@example.com"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("", PasswordProblem.BLANK),
        ("            ", PasswordProblem.BLANK),
        ("elevenchars", PasswordProblem.TOO_SHORT),
        ("x" * 257, PasswordProblem.TOO_LONG),
        ("Alice.Smith1@Example.com", PasswordProblem.IS_EMAIL),
        ("alice.smith1", PasswordProblem.IS_EMAIL),
        ("twelve chars", None),
        ("x" * 256, None),
        ("日本語のパスワードです十二文字", None),
    ],
)
def test_password_policy(password, problem):
    assert check_password(password, email=EMAIL) == problem
