"""Creating and editing vendors, and keeping their tier current."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.errors import PermissionDenied, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.countries import country_names
from vendorrisk.vendors.data_items import fitting
from vendorrisk.vendors.inputs import CleanVendor, FieldError, VendorInput, check_vendor_input
from vendorrisk.vendors.labels import refusal_text
from vendorrisk.vendors.models import Vendor, VendorCategory, VendorCountry
from vendorrisk.vendors.services.locations import handled_where, live_links
from vendorrisk.vendors.services.ownership import tell_owners
from vendorrisk.vendors.statuses import status_refusal, suspended_unassessed_after
from vendorrisk.vendors.tiering import Profile, TierResult, compute_tier
from vendorrisk.vendors.vocabulary import Tier, VendorStatus

MIN_JUSTIFICATION = 20


class VendorInputError(ValidationError):
    """Several fields are wrong; ``errors`` lists them all."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors[0].message, field=errors[0].field)
        self.errors = errors


def corporate_number_holders(numbers: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Number → (id, legal name) of the vendors already holding any of ``numbers``."""
    wanted = sorted({number for number in numbers if number})
    if not wanted:
        return {}
    rows = db.session.execute(select(Vendor.corporate_number, Vendor.id, Vendor.legal_name)
                              .where(Vendor.corporate_number.in_(wanted)))
    return {number: (vendor_id, name) for number, vendor_id, name in rows}


def check_unique_corporate_number(number: str | None, vendor: Vendor | None = None, *,
                                  holders: dict[str, tuple[int, str]] | None = None
                                  ) -> FieldError | None:
    """A problem if another vendor already has this corporate number.

    ``holders`` (from :func:`corporate_number_holders`) spares a query per number when
    many are checked at once.
    """
    if not number:
        return None
    if holders is None:
        holders = corporate_number_holders([number])
    holder = holders.get(number)
    if holder is not None and (vendor is None or holder[0] != vendor.id):
        return FieldError("corporate_number", _(
            "%(name)s already has this corporate number.", name=holder[1]))
    return None


def status_problem(before: VendorStatus | None, after: VendorStatus, *,
                   suspended_unassessed: bool = False) -> FieldError | None:
    """The sentence refusing a status a person (form, import, API) may not set, if any."""
    refusal = status_refusal(before, after, suspended_unassessed=suspended_unassessed)
    return None if refusal is None else FieldError("status", refusal_text(refusal, after))


def check_status(data: VendorInput, before: VendorStatus | None, *,
                 suspended_unassessed: bool = False) -> FieldError | None:
    """:func:`status_problem` for the status typed in ``data`` (an unknown status is
    left to :func:`check_vendor_input`, which names it)."""
    try:
        chosen = VendorStatus(data.status.strip())
    except ValueError:
        return None
    return status_problem(before, chosen, suspended_unassessed=suspended_unassessed)


def _owner(owner_id: int | None) -> User | None:
    if owner_id is None:
        return None
    owner = db.session.get(User, owner_id)
    if owner is None or not owner.active:
        raise VendorInputError([FieldError("owner_id", _("Choose an active user as owner."))])
    return owner


def _clean(data: VendorInput, vendor: Vendor | None = None) -> CleanVendor:
    clean, errors = check_vendor_input(data)
    if problem := check_status(data, vendor.status if vendor else None,
                               suspended_unassessed=bool(vendor and
                                                         vendor.suspended_unassessed)):
        errors.append(problem)
    if clean is not None and (problem := check_unique_corporate_number(
            clean.corporate_number, vendor)):
        errors.append(problem)
    if clean is not None and vendor is not None and (
            stranded := sorted({site.country for site in vendor.sites} - clean.countries)):
        errors.append(FieldError("countries", _(
            "The vendor's handling sites are in %(countries)s: move or remove them before "
            "taking the country out.", countries=", ".join(
                country_names(str(get_locale())).get(code, code) for code in stranded))))
    if errors:
        raise VendorInputError(errors)
    return clean


def _apply(vendor: Vendor, clean: CleanVendor) -> None:
    for name in ("legal_name", "legal_name_ja", "corporate_number", "lei", "vat_number", "duns",
                 "address", "country", "website", "notes", "classification",
                 "classification_reason", "services", "purpose", "individuals", "access",
                 "criticality"):
        setattr(vendor, name, getattr(clean, name))
    vendor.sort_name = clean.legal_name.casefold()
    vendor.search_text = " ".join(
        part.casefold() for part in (clean.legal_name, clean.legal_name_ja,
                                     clean.corporate_number) if part
    )
    keep = {row.category: row for row in vendor.category_rows}
    vendor.category_rows = [keep.get(c) or VendorCategory(category=c)
                            for c in sorted(clean.categories)]
    vendor.data_items = sorted(clean.data_items) if clean.data_items is not None \
        else fitting(vendor.data_items or [], clean.categories)
    kept_countries = {row.country: row for row in vendor.country_rows}
    vendor.country_rows = [kept_countries.get(c) or VendorCountry(country=c)
                           for c in sorted(clean.countries)]


def _snapshot(vendor: Vendor) -> dict[str, Any]:
    fields = ("legal_name", "legal_name_ja", "corporate_number", "lei", "vat_number", "duns",
              "address", "country", "website", "notes", "status", "classification",
              "classification_reason", "services", "purpose", "individuals", "access",
              "criticality")
    snapshot = {name: getattr(vendor, name) for name in fields}
    # From the relationship: owner_id follows a changed owner only at the next flush.
    snapshot["owner_id"] = vendor.owner.id if vendor.owner else None
    snapshot["categories"] = sorted(vendor.categories)
    snapshot["countries"] = sorted(vendor.countries)
    snapshot["data_items"] = sorted(vendor.data_items or [])
    return {key: str(value) if hasattr(value, "value") else value
            for key, value in snapshot.items()}


def create_vendor(data: VendorInput, *, owner_id: int | None, actor: User | None,
                  now: datetime, source: str = "form") -> Vendor:
    """Register a vendor and compute its tier.

    Whatever the ``source`` (form, API, import), a new vendor starts as a prospect, in
    use (not yet assessed) or suspended, never in a status the assessment workflow gives.
    """
    clean = _clean(data)
    vendor = Vendor(status=clean.status, owner=_owner(owner_id), created_at=now,
                    updated_at=now, category_rows=[], country_rows=[], sub_consignments=[],
                    tier_reasons=[], tier_factors={})
    _apply(vendor, clean)
    result = _store_tier(vendor, now)
    db.session.add(vendor)
    db.session.flush()
    record("vendor.created", actor=actor, object_type="vendor", object_id=vendor.id, now=now,
           details={"source": source, **_snapshot(vendor)})
    _record_tier(vendor, result, actor=actor, now=now, cause="created", before=None)
    return vendor


def update_vendor(vendor: Vendor, data: VendorInput, *, owner_id: int | None,
                  actor: User, now: datetime) -> Vendor:
    """Change a vendor's record and profile; the tier follows the profile.

    A person (form or API) cannot move a vendor into a status that only the assessment
    workflow gives, nor take a vendor in use out of the onboarding (statuses.py).
    """
    clean = _clean(data, vendor)
    before, previous_owner = _snapshot(vendor), vendor.owner
    vendor.owner = _owner(owner_id)
    vendor.suspended_unassessed = suspended_unassessed_after(
        vendor.status, clean.status, vendor.suspended_unassessed)
    vendor.status = clean.status
    _apply(vendor, clean)
    after = _snapshot(vendor)
    changed = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    if changed:
        vendor.updated_at = now
        db.session.flush()
        record("vendor.updated", actor=actor, object_type="vendor", object_id=vendor.id,
               now=now, details=changed)
        if "owner_id" in changed:
            tell_owners(vendor, previous_owner, actor=actor, now=now)
        recompute_tier(vendor, actor=actor, now=now, cause="profile changed")
    return vendor


def tier_profile(vendor: Vendor) -> Profile:
    """What tiering reads: the profile plus where the data is handled down the whole
    chain (services/locations.py) and whether the vendor passes work on."""
    return Profile(
        classification=vendor.classification,
        categories=vendor.categories,
        individuals=vendor.individuals,
        access=vendor.access,
        criticality=vendor.criticality,
        countries=handled_where(vendor).countries,
        has_sub_consignees=bool(live_links(vendor)),
        home_country=current_app.config["HOME_COUNTRY"],
    )


def _store_tier(vendor: Vendor, now: datetime) -> TierResult:
    result = compute_tier(tier_profile(vendor))
    vendor.computed_tier = result.tier
    vendor.tier_factors = result.factors
    vendor.tier_score = result.score
    vendor.tier_reasons = [reason.as_dict() for reason in result.reasons]
    vendor.tier_rules_version = result.rules_version
    vendor.tier_computed_at = now
    vendor.tier = vendor.tier_override or result.tier
    return result


def _record_tier(vendor: Vendor, result: TierResult, *, actor: User | None, now: datetime,
                 cause: str, before: Tier | None) -> None:
    record("vendor.tier_computed", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"cause": cause, "from": before and str(before),
                             "to": str(result.tier), "score": result.score,
                             "factors": result.factors, "reasons": vendor.tier_reasons,
                             "rules_version": result.rules_version})


def recompute_tier(vendor: Vendor, *, actor: User | None, now: datetime, cause: str) -> bool:
    """Recompute the tier; audit and return True when the result changed."""
    before = (vendor.computed_tier, vendor.tier_reasons, vendor.tier_factors,
              vendor.tier_rules_version)
    result = _store_tier(vendor, now)
    if before == (vendor.computed_tier, vendor.tier_reasons, vendor.tier_factors,
                  vendor.tier_rules_version):
        return False
    db.session.flush()
    _record_tier(vendor, result, actor=actor, now=now, cause=cause, before=before[0])
    return True


def override_tier(vendor: Vendor, tier: str, justification: str, *, actor: User,
                  now: datetime) -> Vendor:
    """Set the tier by hand; only reviewers and approvers, always with a justification."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers may override a tier."))
    try:
        chosen = Tier(tier)
    except ValueError:
        raise ValidationError(_("Choose a valid tier."), field="tier") from None
    justification = justification.strip()
    if len(justification) < MIN_JUSTIFICATION:
        raise ValidationError(_(
            "Explain the override in at least %(count)d characters; auditors will read it.",
            count=MIN_JUSTIFICATION), field="justification")
    previous = vendor.tier
    vendor.tier_override, vendor.tier_override_reason = chosen, justification
    vendor.tier_override_by, vendor.tier_override_at = actor, now
    vendor.tier = chosen
    db.session.flush()
    record("vendor.tier_overridden", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"from": str(previous), "to": str(chosen),
                             "computed": str(vendor.computed_tier),
                             "justification": justification})
    return vendor


def clear_tier_override(vendor: Vendor, *, actor: User, now: datetime) -> Vendor:
    """Return to the computed tier."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers may override a tier."))
    if vendor.tier_override is None:
        return vendor
    previous = vendor.tier
    vendor.tier_override = vendor.tier_override_reason = None
    vendor.tier_override_by = vendor.tier_override_at = None
    vendor.tier = vendor.computed_tier
    db.session.flush()
    record("vendor.tier_override_cleared", actor=actor, object_type="vendor",
           object_id=vendor.id, now=now,
           details={"from": str(previous), "to": str(vendor.tier)})
    return vendor
