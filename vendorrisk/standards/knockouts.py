"""Knockouts decided by a reviewer (DOMAIN §3, R6; docs/rules.md#selection-standard-and-scoring).

Pure. A knockout is judged on the points that count: the vendor's answer, or the points
a reviewer set instead. An override below the knockout's minimum fails it exactly as the
vendor's own answer would, and the failure carries the reviewer's justification; an
override at or above the minimum lifts a failure the vendor's answer caused, and the lift
is reported (``lifted_knockouts``) with the justification, so nobody reads it as the
vendor's own result.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Override:
    """A reviewer's points (0–3) for one question, with the justification given."""

    points: int
    reason: str = ""


@dataclass(frozen=True)
class KnockoutFailure:
    """A knockout not met. ``points`` decided it (None: not answered); when a reviewer's
    override decided it, ``override_reason`` is their justification."""

    question_id: str
    reason: str
    points: int | None = None
    minimum: int = 2
    override_reason: str | None = None

    @property
    def by_reviewer(self) -> bool:
        return self.override_reason is not None


def as_override(value: "int | Override") -> Override:
    """Overrides may be given as bare points (no justification recorded)."""
    return value if isinstance(value, Override) else Override(int(value))


def reviewed_knockout(vendor: KnockoutFailure | None, effective: KnockoutFailure | None,
                      override: Override, minimum: int
                      ) -> tuple[KnockoutFailure | None, KnockoutFailure | None]:
    """(the failure that counts, the failure the override lifted) for a knockout whose
    points a reviewer set: ``vendor`` is the judgement on the vendor's answer,
    ``effective`` on the reviewer's points."""
    reason = override.reason.strip()
    if effective is not None:
        text = f"knockout set to {override.points} by the reviewer, needs at least {minimum}"
        return KnockoutFailure(effective.question_id, f"{text}: {reason}" if reason else text,
                               override.points, minimum, reason), None
    if vendor is not None:
        text = f"{vendor.reason}; lifted by the reviewer to {override.points}"
        return None, KnockoutFailure(vendor.question_id,
                                     f"{text}: {reason}" if reason else text,
                                     override.points, minimum, reason)
    return None, None
