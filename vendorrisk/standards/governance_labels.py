"""Where an assignment applies, in words: use, tier and classification labels for the
governance pages, the review reminder and the annual summary."""

from flask_babel import lazy_gettext as _l

from vendorrisk.vendors.labels import label
from vendorrisk.vendors.vocabulary import Classification, Tier

USES = {
    "selection": _l("Selection"),
    "periodic": _l("Periodic review"),
    "handling_status_report": _l("Handling-status report"),
    "confirmation": _l("Annual confirmation"),
}
ANY_CLASSIFICATION = _l("Any classification")


def use_label(value: str) -> str:
    return str(USES.get(value, value))


def tier_label(value: str) -> str:
    return label(Tier(value)) if value in {tier.value for tier in Tier} else value


def classification_label(value: str | None) -> str:
    """A stored classification by its name; None reads as "any classification"."""
    return str(ANY_CLASSIFICATION) if value is None else label(Classification(value))


def place_label(use: str, tier: str, classification: str | None) -> str:
    """"Selection · Tier 1 · Any classification"."""
    return " · ".join((use_label(use), tier_label(tier), classification_label(classification)))

# The external references a question maps to (refs:), by the documents' own names.
REFERENCE_LABELS = {
    "appi": _l("APPI"), "jis": "JIS Q 15001", "iso27001": "ISO/IEC 27001",
    "sig": "Shared Assessments SIG", "caiq": "CSA CAIQ", "vsaq": "Google VSAQ",
}
