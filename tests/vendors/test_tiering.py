"""The tier rules (docs/rules.md#tiers), rule by rule."""

import pytest

from vendorrisk.vendors.tiering import Profile, compute_tier, sensitivity, weighted_score
from vendorrisk.vendors.vocabulary import (
    AccessType,
    Classification,
    Criticality,
    DataCategory,
    IndividualsBand,
    Tier,
)


def profile(categories=("business_contact",), individuals="up_to_100", access="view",
            criticality="replaceable", countries=("JP",), classification="consignment",
            sub=False) -> Profile:
    return Profile(
        classification=Classification(classification),
        categories=frozenset(DataCategory(c) for c in categories),
        individuals=IndividualsBand(individuals), access=AccessType(access),
        criticality=Criticality(criticality), countries=frozenset(countries),
        has_sub_consignees=sub,
    )


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


@pytest.mark.parametrize(("categories", "expected"), [
    ((), 0), (("business_contact",), 1), (("customer",), 3), (("employee",), 3),
    (("special_care",), 5), (("health",), 5), (("my_number",), 5), (("payment_card",), 5),
    (("bank_credentials",), 5), (("children",), 5), (("business_contact", "customer"), 3),
])
def test_sensitivity_is_the_most_sensitive_category(categories, expected):
    assert sensitivity(DataCategory(c) for c in categories) == expected


def test_storage_only_cloud_is_out_of_scope_whatever_it_stores():
    result = compute_tier(profile(categories=("my_number",), classification="storage_only_cloud"))
    assert result.tier == Tier.OUT_OF_SCOPE
    assert codes(result) == ["out_of_scope_storage_only"]


@pytest.mark.parametrize("classification", ["consignment", "no_personal_data"])
def test_no_personal_data_is_out_of_scope(classification):
    result = compute_tier(profile(categories=(), classification=classification))
    assert result.tier == Tier.OUT_OF_SCOPE
    assert codes(result) == ["out_of_scope_no_personal_data"]


@pytest.mark.parametrize("category", ["special_care", "health", "my_number", "payment_card",
                                      "bank_credentials", "children"])
def test_s5_is_tier_1(category):
    result = compute_tier(profile(categories=(category,)))
    assert result.tier == Tier.TIER_1
    assert codes(result) == ["tier_1_sensitive"]


@pytest.mark.parametrize(("individuals", "access", "tier"), [
    ("up_to_100000", "bulk", Tier.TIER_1),       # V=4, A=4
    ("more_than_100000", "hosting", Tier.TIER_1),  # V=5, A=5
    ("up_to_1000", "hosting", Tier.TIER_2),       # V=2 < 4
    ("more_than_100000", "transport", Tier.TIER_2),  # A=3 < 4
])
def test_volume_with_access_is_tier_1_only_when_both_are_high(individuals, access, tier):
    result = compute_tier(profile(categories=("customer",), individuals=individuals,
                                  access=access))
    assert result.tier == tier
    assert ("tier_1_volume_access" in codes(result)) == (tier == Tier.TIER_1)


def test_severe_criticality_is_tier_1_even_for_business_contacts():
    result = compute_tier(profile(criticality="severe"))
    assert result.tier == Tier.TIER_1
    assert codes(result) == ["tier_1_critical"]


def test_abroad_with_customer_data_is_tier_1():
    result = compute_tier(profile(categories=("customer",), countries=("JP", "US")))
    assert result.tier == Tier.TIER_1
    assert result.reasons[0].code == "tier_1_abroad"
    assert result.reasons[0].params == {"countries": "US"}


def test_abroad_with_business_contacts_only_is_tier_2():
    result = compute_tier(profile(countries=("SG",)))
    assert result.tier == Tier.TIER_2
    assert codes(result) == ["tier_2_abroad"]


def test_several_tier_1_reasons_are_all_listed():
    result = compute_tier(profile(categories=("my_number",), individuals="more_than_100000",
                                  access="hosting", criticality="severe", countries=("US",)))
    assert codes(result) == ["tier_1_sensitive", "tier_1_volume_access", "tier_1_critical",
                             "tier_1_abroad"]


@pytest.mark.parametrize(("individuals", "access"), [
    ("up_to_100", "bulk"),        # V <= 1 though access is high
    ("more_than_100000", "view"),  # A <= 2 though volume is high
    ("up_to_100", "none"),
])
def test_tier_3_needs_low_volume_or_low_access(individuals, access):
    result = compute_tier(profile(individuals=individuals, access=access))
    assert result.tier == Tier.TIER_3
    assert codes(result) == ["tier_3_low"]


def test_tier_2_when_both_volume_and_access_exceed_tier_3():
    result = compute_tier(profile(individuals="up_to_1000", access="transport"))
    assert result.tier == Tier.TIER_2
    assert codes(result) == ["tier_2_volume_access"]


@pytest.mark.parametrize(("changes", "reason"), [
    ({"categories": ("customer",)}, "tier_2_sensitivity"),
    ({"criticality": "significant"}, "tier_2_criticality"),
])
def test_each_failed_tier_3_condition_gives_tier_2(changes, reason):
    result = compute_tier(profile(**changes))
    assert result.tier == Tier.TIER_2
    assert codes(result) == [reason]


def test_sub_consignees_add_a_reason_without_changing_the_tier():
    plain = compute_tier(profile())
    chained = compute_tier(profile(sub=True))
    assert plain.tier == chained.tier == Tier.TIER_3
    assert codes(chained)[-1] == "sub_consignees"
    assert chained.factors["R"] is True


def test_weighted_score():
    result = compute_tier(profile(categories=("customer",), individuals="up_to_100000",
                                  access="bulk", criticality="significant"))
    # 0.4*3 + 0.2*4 + 0.25*4 + 0.15*3 = 1.2 + 0.8 + 1.0 + 0.45
    assert result.score == 3.45
    assert weighted_score({"S": 5, "V": 5, "A": 5, "C": 5}) == 5.0


def test_home_country_is_configurable():
    foreign_home = Profile(**{**profile(categories=("customer",), countries=("US",)).__dict__,
                              "home_country": "US"})
    assert compute_tier(foreign_home).factors["X"] is False


def test_result_names_its_rule_version():
    assert compute_tier(profile()).rules_version == "2026.1"
