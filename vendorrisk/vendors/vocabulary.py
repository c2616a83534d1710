"""The fixed vocabularies of the consignee register (docs/rules.md: R1–R2, tiers).

Plain enums with no Flask or database import, so the pure rules can use them.
"""

from enum import StrEnum


class VendorStatus(StrEnum):
    """Where a vendor stands in selection and supervision."""

    PROSPECT = "prospect"
    # Already used before the company started with the product (an import, or a person
    # saying so): holds our data without a selection. A gap until its first assessment
    # is decided; never supervised (docs/rules.md, onboarding).
    IN_USE_UNASSESSED = "in_use_unassessed"
    UNDER_ASSESSMENT = "under_assessment"
    APPROVED = "approved"
    CONDITIONALLY_APPROVED = "conditionally_approved"
    REJECTED = "rejected"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"


# Vendors under supervision: selected and not (yet) ended.
SUPERVISED = (VendorStatus.APPROVED, VendorStatus.CONDITIONALLY_APPROVED)
# Vendors in use without a selection: a gap wherever gaps are counted.
UNASSESSED = (VendorStatus.IN_USE_UNASSESSED,)


class Classification(StrEnum):
    """The legal nature of the relationship (R2)."""

    CONSIGNMENT = "consignment"
    THIRD_PARTY_PROVISION = "third_party_provision"
    STORAGE_ONLY_CLOUD = "storage_only_cloud"
    NO_PERSONAL_DATA = "no_personal_data"


class DataCategory(StrEnum):
    """Kinds of personal information a vendor handles; each has a sensitivity S."""

    BUSINESS_CONTACT = "business_contact"
    CUSTOMER = "customer"
    EMPLOYEE = "employee"
    SPECIAL_CARE = "special_care"
    HEALTH = "health"
    MY_NUMBER = "my_number"
    PAYMENT_CARD = "payment_card"
    BANK_CREDENTIALS = "bank_credentials"
    CHILDREN = "children"


class IndividualsBand(StrEnum):
    """How many individuals' data the vendor handles."""

    UP_TO_100 = "up_to_100"
    UP_TO_1000 = "up_to_1000"
    UP_TO_100000 = "up_to_100000"
    MORE = "more_than_100000"


class AccessType(StrEnum):
    """How the vendor touches the data."""

    NONE = "none"
    VIEW = "view"
    TRANSPORT = "transport"
    BULK = "bulk"
    HOSTING = "hosting"


class Criticality(StrEnum):
    """How badly the business depends on the vendor."""

    REPLACEABLE = "replaceable"
    SIGNIFICANT = "significant"
    SEVERE = "severe"


class Tier(StrEnum):
    """Inherent-risk tier; out of scope means outside APPI Art. 25 supervision."""

    TIER_1 = "1"
    TIER_2 = "2"
    TIER_3 = "3"
    OUT_OF_SCOPE = "out_of_scope"


class SubConsignmentStatus(StrEnum):
    """The consignor's decision on a re-consignment (R13)."""

    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"
