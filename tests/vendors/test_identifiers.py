"""The corporate number's check digit (docs/rules.md) and other identifiers."""

import pytest

from vendorrisk.vendors.corporate_number import check_digit, is_valid, normalise


def test_worked_example_from_the_domain_notes():
    assert check_digit("123456789012") == 7
    assert is_valid("7123456789012")


@pytest.mark.parametrize("number", ["4011001098993", "7123456789012"])
def test_valid_numbers(number):
    assert is_valid(number)


@pytest.mark.parametrize("number", [
    "5011001098993",   # wrong check digit
    "0123456789012",   # starts with 0
    "412345678901",    # 12 digits
    "40110010989931",  # 14 digits
    "401100109899A",   # a letter
    "",
])
def test_invalid_numbers(number):
    assert not is_valid(number)


def test_typed_forms_are_normalised():
    assert normalise("4011-0010-98993") == "4011001098993"
    assert normalise("４０１１００１０９８９９３") == "4011001098993"
    assert normalise(" 4011 001 098 993 ") == "4011001098993"


def test_check_digit_needs_twelve_digits():
    with pytest.raises(ValueError, match="12 digits"):
        check_digit("123")
