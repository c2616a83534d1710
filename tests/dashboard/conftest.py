"""The assessments' fixtures (a tier 1 vendor's submitted questionnaire, its signers)."""

from tests.assessments.conftest import people, submitted, tier1_vendor  # noqa: F401
from tests.portal.conftest import vendor_with_contact  # noqa: F401
