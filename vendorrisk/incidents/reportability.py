"""Whether a consignee's incident must be reported to the Personal Information
Protection Commission, and the deadlines (APPI Art. 26, Rules Art. 7–8; docs/rules.md).

Pure: facts in, an evaluation with its reasons out. Counts are of individuals *possibly*
affected: a suspected leak counts as a leak. Days are calendar days in Japan time.
Whether the day the company became aware is day 1 is not settled in our sources, so it
is a setting: by default it is (the earlier, stricter deadline: aware on 1 April, a
5-day preliminary report is due by the end of 5 April); otherwise counting starts the
day after (初日不算入, Civil Code Art. 140: due by the end of 6 April). Weekends and
holidays count; the PPC's deadlines do not stop for them.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from vendorrisk.foundation.clock import JAPAN
from vendorrisk.vendors.vocabulary import DataCategory

INDIVIDUALS_THRESHOLD = 1000  # more than this many is reportable (Rules Art. 7(iv))


class Reason(StrEnum):
    SPECIAL_CARE = "special_care"  # Art. 7(i): even one record
    FINANCIAL_DAMAGE = "financial_damage"  # Art. 7(ii): e.g. card or bank data
    WRONGFUL_PURPOSE = "wrongful_purpose"  # Art. 7(iii): an attack, theft, insider
    OVER_THRESHOLD = "over_threshold"  # Art. 7(iv): more than 1,000 individuals


@dataclass(frozen=True)
class Facts:
    special_care: bool = False
    financial_damage_risk: bool = False
    wrongful_purpose: bool = False
    individuals: int | None = None  # possibly affected; None while unknown
    aware_at: datetime | None = None  # when the company (not the consignee) learnt of it


@dataclass(frozen=True)
class Policy:
    """The deadlines in days (settings; the defaults are the PPC's)."""

    preliminary_days: int = 5
    warning_days: int = 3  # remind before the preliminary report is due
    final_days: int = 30
    final_wrongful_days: int = 60
    awareness_day_counts: bool = True  # the day of awareness is day 1 (the stricter)
    consignee_notice_hours: int = 24  # the contract's limit for the consignee to tell us


def policy_from(config: Mapping[str, object]) -> Policy:
    """The deadlines the settings give (VENDORRISK_INCIDENT_<FIELD>, e.g. ..._FINAL_DAYS)."""
    return Policy(**{name: (bool if field.type is bool else int)(
        config[f"INCIDENT_{name.upper()}"]) for name, field in Policy.__dataclass_fields__.items()})


@dataclass(frozen=True)
class Evaluation:
    reportable: bool
    reasons: tuple[Reason, ...]
    aware_on: date | None  # the day of awareness in Japan
    warn_on: date | None
    preliminary_due: datetime | None  # the last moment, Japan time
    final_due: datetime | None
    awareness_day_counts: bool = True  # how the deadlines were counted (Policy)


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=JAPAN)


def evaluate(facts: Facts, policy: Policy = Policy()) -> Evaluation:
    """Reportable or not, why, and — once the day of awareness is known — the deadlines."""
    reasons = tuple(reason for reason, applies in (
        (Reason.SPECIAL_CARE, facts.special_care),
        (Reason.FINANCIAL_DAMAGE, facts.financial_damage_risk),
        (Reason.WRONGFUL_PURPOSE, facts.wrongful_purpose),
        (Reason.OVER_THRESHOLD, (facts.individuals or 0) > INDIVIDUALS_THRESHOLD),
    ) if applies)
    reportable = bool(reasons)
    if not reportable or facts.aware_at is None:
        return Evaluation(reportable=reportable, reasons=reasons, aware_on=None, warn_on=None,
                          preliminary_due=None, final_due=None,
                          awareness_day_counts=policy.awareness_day_counts)
    aware_on = facts.aware_at.astimezone(JAPAN).date()
    # Day 0, from which n days end on day n: the day before awareness when that day counts
    start = aware_on - timedelta(days=1) if policy.awareness_day_counts else aware_on
    final = policy.final_wrongful_days if facts.wrongful_purpose else policy.final_days
    return Evaluation(
        reportable=True, reasons=reasons, aware_on=aware_on,
        warn_on=start + timedelta(days=policy.warning_days),
        preliminary_due=_end_of(start + timedelta(days=policy.preliminary_days)),
        final_due=_end_of(start + timedelta(days=final)),
        awareness_day_counts=policy.awareness_day_counts)


def late_notice(consignee_aware_at: datetime | None, notified_at: datetime,
                policy: Policy = Policy()) -> timedelta | None:
    """How long the consignee took to tell us, when that was longer than its contract
    allows (``consignee_notice_hours``); None when in time or when we do not know."""
    if consignee_aware_at is None:
        return None
    taken = notified_at - consignee_aware_at
    return taken if taken > timedelta(hours=policy.consignee_notice_hours) else None


# Categories of the vendor vocabulary that make a leak reportable by themselves.
SPECIAL_CARE_CATEGORIES = frozenset({DataCategory.SPECIAL_CARE, DataCategory.HEALTH})
FINANCIAL_CATEGORIES = frozenset({DataCategory.PAYMENT_CARD, DataCategory.BANK_CREDENTIALS})


def facts_for(categories: Iterable[str], *, special_care: bool, financial_damage_risk: bool,
              wrongful_purpose: bool, individuals: int | None,
              aware_at: datetime | None) -> Facts:
    """The facts of an incident: the ticked flags, and what its data categories imply
    (health data is special-care; card and bank data risk financial damage)."""
    kinds = set(categories)
    return Facts(
        special_care=special_care or bool(kinds & SPECIAL_CARE_CATEGORIES),
        financial_damage_risk=financial_damage_risk or bool(kinds & FINANCIAL_CATEGORIES),
        wrongful_purpose=wrongful_purpose, individuals=individuals, aware_at=aware_at)
