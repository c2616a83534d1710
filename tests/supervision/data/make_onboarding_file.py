"""Writes onboarding_200.csv once: 200 vendors the company already uses ("in_use"), of
the three tiers and the four volume bands, each with a contact. Deterministic; rerun only
to change the file (then commit both)."""

import csv
import random
from pathlib import Path

from vendorrisk.vendors.services.transfer import IMPORT_COLUMNS

# Profiles that land in each tier (DOMAIN §5): health data is tier 1; customer data
# tier 2; business contacts with view access, replaceable, at home, tier 3.
PROFILES = {
    "1": {"data_categories": "health", "access": "bulk", "criticality": "significant"},
    "2": {"data_categories": "customer", "access": "view", "criticality": "significant"},
    "3": {"data_categories": "business_contact", "access": "view",
          "criticality": "replaceable"},
}
BANDS = ["up_to_100", "up_to_1000", "up_to_100000", "more_than_100000"]


def rows(count: int = 200, seed: int = 22) -> list[dict[str, str]]:
    chance = random.Random(seed)
    made = []
    for number in range(1, count + 1):
        tier = chance.choice("1223")  # more tier 2 than the others, as in a real portfolio
        made.append({
            "legal_name": f"In Use {number:03d} K.K.", "country": "JP", "status": "in_use",
            "classification": "consignment",
            "classification_reason": "Already handles our data on our instructions",
            "services": "Outsourced processing", "purpose": "Business operations",
            "individuals": chance.choice(BANDS), "countries": "JP",
            "contact_name": f"Contact {number:03d}",
            "contact_email": f"contact{number:03d}@inuse.example.com",
            **PROFILES[tier],
        })
    return made


if __name__ == "__main__":
    target = Path(__file__).with_name("onboarding_200.csv")
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=IMPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows())
    print(f"wrote {target}")
