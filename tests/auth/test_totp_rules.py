"""The rules of two-factor codes and of naming what went wrong with a provider's answer,
without a database or a network."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from hypothesis import given
from hypothesis import strategies as st
from joserfc.errors import DecodeError, InvalidClaimError

from vendorrisk.auth import totp
from vendorrisk.auth.sso import refusal_of

KEY = "a-secret-key-for-these-tests-only-0123456789"
START = datetime(2026, 12, 5, 9, 0, 0, tzinfo=UTC)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@given(st.integers(min_value=-5, max_value=5), st.integers(min_value=0, max_value=29))
def test_a_code_is_accepted_one_step_either_side_and_never_again(steps, seconds):
    secret = SECRET
    now = START + timedelta(seconds=seconds)
    code = pyotp.TOTP(secret).at(START + timedelta(seconds=30 * steps))
    step = totp.matching_step(secret, code, now=now, last_step=None)
    if abs(steps) <= totp.DRIFT_STEPS:
        assert step == totp.step_of(START) + steps
        assert totp.matching_step(secret, code, now=now, last_step=step) is None
    else:  # another step may share the code by chance; never the one asked for
        assert step != totp.step_of(START) + steps


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 34 5x", "١٢٣٤٥٦"])
def test_what_is_not_six_digits_matches_nothing(code):
    assert totp.matching_step(SECRET, code, now=START, last_step=None) is None


def test_spaces_and_full_width_digits_in_a_typed_code_do_not_matter():
    code = pyotp.TOTP(SECRET).at(START)
    assert totp.matching_step(SECRET, f" {code[:3]} {code[3:]} ", now=START,
                              last_step=None) == totp.step_of(START)
    full_width = code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert totp.matching_step(SECRET, full_width, now=START,
                              last_step=None) == totp.step_of(START)


def test_the_secret_is_sealed_under_the_secret_key():
    sealed = totp.seal(SECRET, KEY)
    assert SECRET not in sealed
    assert totp.unseal(sealed, KEY) == SECRET
    assert totp.unseal(sealed, KEY + "x") is None  # another key: enrol again
    assert totp.unseal("not sealed", KEY) is None


def test_recovery_codes_are_random_readable_and_typed_loosely():
    codes = totp.new_recovery_codes()
    assert len(set(codes)) == totp.RECOVERY_CODES
    assert all(len(code) == 14 and code.count("-") == 2 for code in codes)
    assert not set("01ilo").intersection("".join(codes))
    assert totp.recovery_hash(codes[0]) == totp.recovery_hash(
        " " + codes[0].upper().replace("-", " ") + " ")
    assert totp.recovery_hash(codes[0]) == totp.recovery_hash(codes[0].translate(
        str.maketrans("abcdefghjkmnpqrstuvwxyz23456789-",
                      "ａｂｃｄｅｆｇｈｊｋｍｎｐｑｒｓｔｕｖｗｘｙｚ２３４５６７８９ー")))
    assert totp.looks_like_recovery_code(codes[0])
    assert not totp.looks_like_recovery_code("123456")


def test_the_qr_code_is_an_svg_with_a_name():
    svg = totp.qr_svg(totp.enrolment_uri(SECRET, account="a@example.com",
                                         issuer="vendorrisk"), "QR code")
    assert svg.startswith('<svg role="img" ')
    assert "<title>QR code</title>" in svg


@pytest.mark.parametrize(("error", "reason"), [
    (MismatchingStateError(), "state"),
    (OAuthError(error="access_denied"), "provider_error"),
    (InvalidClaimError("aud"), "audience"), (InvalidClaimError("iss"), "issuer"),
    (InvalidClaimError("nonce"), "nonce"), (InvalidClaimError("azp"), "claims"),
    (DecodeError("bad"), "token"), (requests.ConnectionError("down"), "unreachable")])
def test_each_wrong_answer_is_named(error, reason):
    assert refusal_of(error).reason == reason


def test_an_error_of_ours_is_not_taken_for_a_refusal():
    with pytest.raises(ZeroDivisionError):
        refusal_of(ZeroDivisionError())
