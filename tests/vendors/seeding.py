"""Bulk-seeding a large register, for the query-count test and the benchmark.

Rows go in through Core inserts (the services would take minutes for 50,000
vendors); each row's tier is still computed by the real tiering rules.
"""

import random
from datetime import UTC, datetime

from sqlalchemy import insert

from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import (
    SubConsignment,
    Vendor,
    VendorCategory,
    VendorContact,
    VendorCountry,
)
from vendorrisk.vendors.tiering import Profile, compute_tier
from vendorrisk.vendors.vocabulary import (
    AccessType,
    Classification,
    Criticality,
    DataCategory,
    IndividualsBand,
)

NOW = datetime(2026, 11, 1, tzinfo=UTC)
COUNTRIES = ["JP"] * 8 + ["US", "SG", "DE", "IN"]


def seed_vendors(count: int, *, owner_id: int | None = None, seed: int = 7,
                 batch: int = 5000) -> None:
    """Insert ``count`` vendors with profiles, a contact each and some sub-consignees."""
    rng = random.Random(seed)
    start = 1
    while start <= count:
        stop = min(count, start + batch - 1)
        _insert_batch(rng, range(start, stop + 1), owner_id)
        start = stop + 1
    db.session.commit()


def _insert_batch(rng: random.Random, numbers: range, owner_id: int | None) -> None:
    vendors, categories, countries, contacts, links = [], [], [], [], []
    for number in numbers:
        cats = frozenset(rng.sample(list(DataCategory), rng.randint(0, 2)))
        where = frozenset({"JP", rng.choice(COUNTRIES)})
        profile = Profile(
            classification=rng.choice(list(Classification)), categories=cats,
            individuals=rng.choice(list(IndividualsBand)), access=rng.choice(list(AccessType)),
            criticality=rng.choice(list(Criticality)), countries=where,
            has_sub_consignees=number % 10 == 0,
        )
        if profile.classification == Classification.NO_PERSONAL_DATA:
            cats = frozenset()
            profile = Profile(**{**profile.__dict__, "categories": cats})
        result = compute_tier(profile)
        name = f"Vendor {number:06d} {rng.choice(['Systems', 'Print', 'Logistics', 'Cloud'])}"
        vendors.append({
            "id": number, "legal_name": name, "sort_name": name.casefold(),
            "search_text": name.casefold(), "country": rng.choice(COUNTRIES),
            "status": "prospect", "owner_id": owner_id,
            "classification": profile.classification.value,
            "classification_reason": "Seeded", "services": "Services", "purpose": "Purpose",
            "individuals": profile.individuals.value, "access": profile.access.value,
            "criticality": profile.criticality.value, "tier": result.tier.value,
            "computed_tier": result.tier.value, "tier_score": result.score,
            "tier_factors": result.factors,
            "tier_reasons": [reason.as_dict() for reason in result.reasons],
            "tier_rules_version": result.rules_version, "tier_computed_at": NOW,
            "created_at": NOW, "updated_at": NOW,
        })
        categories += [{"vendor_id": number, "category": c.value} for c in cats]
        countries += [{"vendor_id": number, "country": c} for c in where]
        contacts.append({"vendor_id": number, "name": f"Contact {number}",
                         "email": f"contact{number}@vendor.example.com", "language": "ja",
                         "is_primary": True})
        if number % 10 == 0 and number > 1:
            links.append({"vendor_id": number, "sub_vendor_id": number - 1, "work": "Hosting",
                          "country": rng.choice(COUNTRIES), "data_handled": "Records",
                          "status": "requested", "created_at": NOW})
    for model, rows in ((Vendor, vendors), (VendorCategory, categories),
                        (VendorCountry, countries), (VendorContact, contacts),
                        (SubConsignment, links)):
        if rows:
            db.session.execute(insert(model), rows)
