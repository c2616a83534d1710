"""Two-factor codes (RFC 6238, 30-second steps) and one-time recovery codes.

Pure rules, no database: the secret is kept encrypted with a key derived from
SECRET_KEY (a copy of the database alone cannot produce codes), a code is accepted one
step either side of now (clocks drift), and the step it matched is returned so that the
caller can refuse it the second time. Recovery codes are random, shown once, and kept
as SHA-256 (they are long enough that a slow hash adds nothing).
"""

import base64
import hashlib
import secrets
import unicodedata
from datetime import datetime

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken

STEP_SECONDS = 30
DRIFT_STEPS = 1  # a code from the step before or after is still accepted
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def _fernet(secret_key: str) -> Fernet:
    digest = hashlib.sha256(b"vendorrisk two-factor secret\0" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def new_secret() -> str:
    """A fresh authenticator secret (base32, 160 bits)."""
    return pyotp.random_base32(32)


def seal(secret: str, secret_key: str) -> str:
    """The secret as stored."""
    return _fernet(secret_key).encrypt(secret.encode()).decode()


def unseal(sealed: str, secret_key: str) -> str | None:
    """The secret, or None when it was sealed under another SECRET_KEY."""
    try:
        return _fernet(secret_key).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


def grouped(secret: str) -> str:
    """The secret as a person types it from the screen: in groups of four."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def enrolment_uri(secret: str, *, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def qr_svg(uri: str, title: str) -> str:
    """The QR code of ``uri`` as an inline SVG element (drawn here: no outside service)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, title=title, dark="#000",
                                                 light="#fff")
    return svg.replace("<svg ", '<svg role="img" ', 1)


def step_of(now: datetime) -> int:
    """The 30-second step ``now`` falls in."""
    return int(now.timestamp()) // STEP_SECONDS


def matching_step(secret: str, code: str, *, now: datetime,
                  last_step: int | None) -> int | None:
    """The step whose code ``code`` is, within the drift allowed and later than
    ``last_step`` (a code already used is refused); None when it matches none."""
    code = _typed(code)
    if len(code) != 6 or not (code.isascii() and code.isdigit()):  # "١٢٣٤٥٦" is digits too
        return None
    totp = pyotp.TOTP(secret)
    current = step_of(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if last_step is not None and step <= last_step:
            continue
        if secrets.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _typed(code: str) -> str:
    """What was typed, as ASCII where it can be: a Japanese input method types full-width
    digits and letters (１２３４５６); spaces are left out."""
    return "".join(unicodedata.normalize("NFKC", code).split())


def new_recovery_codes() -> list[str]:
    """Ten codes like ``k7mq-2xvd-p9rt`` (about 59 bits each: far past guessing at the
    rate codes are let through)."""
    return ["-".join("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(4))
                     for _ in range(3)) for _ in range(RECOVERY_CODES)]


def recovery_hash(code: str) -> str:
    """How a recovery code is kept; spaces, dashes (a Japanese input method's ー too),
    case and full width do not matter when typed."""
    canonical = "".join(ch for ch in _typed(code).lower() if ch.isascii() and ch.isalnum())
    return hashlib.sha256(canonical.encode()).hexdigest()


def looks_like_recovery_code(code: str) -> bool:
    """True for what a person types when they give a recovery code, not a 6-digit one."""
    return len([ch for ch in _typed(code) if ch.isascii() and ch.isalnum()]) == 12
