"""The portfolio charts with their labels, in the current language: drawn the same way
on the dashboard and in the annual summary PDF."""

from flask_babel import gettext as _
from markupsafe import Markup

from vendorrisk.assessments.labels import RISK_LABELS, SEVERITY_LABELS
from vendorrisk.foundation.charts import Bar, bar_chart, heat_map
from vendorrisk.review.models import Severity
from vendorrisk.vendors.labels import pairs
from vendorrisk.vendors.vocabulary import Tier, VendorStatus

SEVERITY_TONES = {"low": "low", "medium": "medium", "high": "high", "critical": "critical"}


def tiers() -> list[tuple[str, str]]:
    return pairs(Tier)


def statuses() -> list[tuple[str, str]]:
    return pairs(VendorStatus)


def severities() -> list[tuple[str, str]]:
    """Most severe first."""
    return [(s.value, str(SEVERITY_LABELS[s.value])) for s in reversed(Severity)]


def risks() -> list[tuple[str, str]]:
    """Residual risk, and "none" for a vendor with no decided assessment."""
    return [*((key, str(label)) for key, label in RISK_LABELS.items()),
            ("none", _("not decided"))]


def portfolio_chart(counts: dict[tuple[str, str], int]) -> Markup:
    return heat_map(tiers(), statuses(), counts, title=_("Vendors by tier and status"))


def findings_chart(open_counts: dict[str, int]) -> Markup:
    return bar_chart([Bar(label, open_counts.get(key, 0), SEVERITY_TONES[key])
                      for key, label in severities()], title=_("Open findings by severity"))


def residual_chart(counts: dict[tuple[str, str], int]) -> Markup:
    """Tiers 1–3 only: out-of-scope vendors are not assessed."""
    return heat_map(tiers()[:3], risks(), counts,
                    title=_("Residual risk of approved vendors by tier"))
