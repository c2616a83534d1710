"""Japan's corporate number (法人番号): 13 digits, the first a check digit
(docs/rules.md#corporate-number)."""

import re

_THIRTEEN_DIGITS = re.compile(r"\d{13}")


def check_digit(base: str) -> int:
    """The check digit of a 12-digit base number.

    check = 9 − (Σ Pₙ·Qₙ mod 9), Pₙ the n-th digit counted from the right (n = 1…12),
    Qₙ = 1 for odd n and 2 for even n.
    """
    if len(base) != 12 or not base.isdigit():
        raise ValueError("the base number has 12 digits")
    total = sum(int(digit) * (2 if n % 2 == 0 else 1)
                for n, digit in enumerate(reversed(base), start=1))
    return 9 - total % 9


def normalise(value: str) -> str:
    """Drop spaces and hyphens people type, and turn full-width digits into ASCII."""
    translated = value.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return re.sub(r"[\s\-‐－]", "", translated)


def is_valid(number: str) -> bool:
    """True for 13 digits, not starting with 0, whose first digit checks the rest."""
    if not _THIRTEEN_DIGITS.fullmatch(number) or number[0] == "0":
        return False
    return int(number[0]) == check_digit(number[1:])
