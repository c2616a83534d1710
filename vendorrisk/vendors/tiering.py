"""Inherent risk and tier, before any questionnaire (docs/rules.md#tiers).

A pure function of the data profile. Each result names the rule version it used and
the reasons, as codes with parameters, so the register can say in either language
why a vendor is tier 1.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vendorrisk.vendors.vocabulary import (
    AccessType,
    Classification,
    Criticality,
    DataCategory,
    IndividualsBand,
    Tier,
)

RULES_VERSION = "2026.1"

SENSITIVITY = {
    DataCategory.BUSINESS_CONTACT: 1,
    DataCategory.CUSTOMER: 3,
    DataCategory.EMPLOYEE: 3,
    DataCategory.SPECIAL_CARE: 5,
    DataCategory.HEALTH: 5,  # medical history is special-care-required (APPI Art. 2(3))
    DataCategory.MY_NUMBER: 5,
    DataCategory.PAYMENT_CARD: 5,
    DataCategory.BANK_CREDENTIALS: 5,
    DataCategory.CHILDREN: 5,
}
VOLUME = {
    IndividualsBand.UP_TO_100: 1,
    IndividualsBand.UP_TO_1000: 2,
    IndividualsBand.UP_TO_100000: 4,
    IndividualsBand.MORE: 5,
}
ACCESS = {
    AccessType.NONE: 0,
    AccessType.VIEW: 2,
    AccessType.TRANSPORT: 3,
    AccessType.BULK: 4,
    AccessType.HOSTING: 5,
}
CRITICALITY = {Criticality.REPLACEABLE: 1, Criticality.SIGNIFICANT: 3, Criticality.SEVERE: 5}
WEIGHTS = {"S": 0.4, "V": 0.2, "A": 0.25, "C": 0.15}


@dataclass(frozen=True)
class Profile:
    """What tiering reads of a vendor."""

    classification: Classification
    categories: frozenset[DataCategory]
    individuals: IndividualsBand
    access: AccessType
    criticality: Criticality
    countries: frozenset[str]
    has_sub_consignees: bool
    home_country: str = "JP"


@dataclass(frozen=True)
class Reason:
    """Why a tier was given: a code the interface translates, and its parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


@dataclass(frozen=True)
class TierResult:
    """The tier, the factor values, the 0–5 score and the reasons."""

    tier: Tier
    factors: dict[str, Any]
    score: float
    reasons: tuple[Reason, ...]
    rules_version: str = RULES_VERSION


def sensitivity(categories: Iterable[DataCategory]) -> int:
    """S: the most sensitive category handled (0 when none)."""
    return max((SENSITIVITY[category] for category in categories), default=0)


def factors_of(profile: Profile) -> dict[str, Any]:
    """The factor values S, V, A, C and the modifiers X and R."""
    abroad = sorted(code for code in profile.countries if code != profile.home_country)
    return {
        "S": sensitivity(profile.categories),
        "V": VOLUME[profile.individuals],
        "A": ACCESS[profile.access],
        "C": CRITICALITY[profile.criticality],
        "X": bool(abroad),
        "R": profile.has_sub_consignees,
        "abroad": abroad,
    }


def weighted_score(factors: dict[str, Any]) -> float:
    """0.4 S + 0.2 V + 0.25 A + 0.15 C, rounded to two places (shown beside the tier)."""
    return round(sum(WEIGHTS[name] * factors[name] for name in WEIGHTS), 2)


def compute_tier(profile: Profile) -> TierResult:
    """Apply the tier rules (docs/rules.md#tiers) to ``profile``."""
    f = factors_of(profile)
    score = weighted_score(f)
    reasons = _modifier_reasons(f)

    def result(tier: Tier, *tier_reasons: Reason) -> TierResult:
        return TierResult(tier, f, score, (*tier_reasons, *reasons))

    if profile.classification == Classification.STORAGE_ONLY_CLOUD:
        return result(Tier.OUT_OF_SCOPE, Reason("out_of_scope_storage_only"))
    if profile.classification == Classification.NO_PERSONAL_DATA or f["S"] == 0:
        return result(Tier.OUT_OF_SCOPE, Reason("out_of_scope_no_personal_data"))

    tier_1 = _tier_1_reasons(f)
    if tier_1:
        return result(Tier.TIER_1, *tier_1)
    if f["S"] <= 1 and (f["V"] <= 1 or f["A"] <= 2) and f["C"] <= 1 and not f["X"]:
        return result(Tier.TIER_3, Reason("tier_3_low", {"S": f["S"], "V": f["V"],
                                                         "A": f["A"], "C": f["C"]}))
    return result(Tier.TIER_2, *_tier_2_reasons(f))


def _tier_1_reasons(f: dict[str, Any]) -> list[Reason]:
    reasons = []
    if f["S"] == 5:
        reasons.append(Reason("tier_1_sensitive"))
    if f["V"] >= 4 and f["A"] >= 4:
        reasons.append(Reason("tier_1_volume_access", {"V": f["V"], "A": f["A"]}))
    if f["C"] == 5:
        reasons.append(Reason("tier_1_critical"))
    if f["X"] and f["S"] >= 3:
        reasons.append(Reason("tier_1_abroad", {"countries": ", ".join(f["abroad"])}))
    return reasons


def _tier_2_reasons(f: dict[str, Any]) -> list[Reason]:
    """Which tier-3 condition failed (no tier-1 condition held)."""
    reasons = []
    if f["S"] > 1:
        reasons.append(Reason("tier_2_sensitivity", {"S": f["S"]}))
    if f["V"] > 1 and f["A"] > 2:
        reasons.append(Reason("tier_2_volume_access", {"V": f["V"], "A": f["A"]}))
    if f["C"] > 1:
        reasons.append(Reason("tier_2_criticality", {"C": f["C"]}))
    if f["X"]:
        reasons.append(Reason("tier_2_abroad", {"countries": ", ".join(f["abroad"])}))
    return reasons


def _modifier_reasons(f: dict[str, Any]) -> list[Reason]:
    return [Reason("sub_consignees")] if f["R"] else []
