"""The register's list: filters, search and sorting as one SQL statement.

The page always costs the same few queries: the count, the page of vendors with
their owner joined, and their categories in one IN query.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.sql.elements import ColumnElement

from vendorrisk.auth.models import User
from vendorrisk.extensions import db
from vendorrisk.vendors.countries import normalise_country
from vendorrisk.vendors.models import SubConsignment, Vendor, VendorCategory, VendorCountry
from vendorrisk.vendors.services.country_records import flagged_clause
from vendorrisk.vendors.vocabulary import Classification, DataCategory, Tier, VendorStatus

# The owner's name is shown; their roles are not, so skip loading them.
_OWNER = joinedload(Vendor.owner).lazyload(User.role_grants)

SORTS = {
    "name": (Vendor.sort_name, Vendor.id),
    "tier": (Vendor.tier, Vendor.sort_name, Vendor.id),
    "status": (Vendor.status, Vendor.sort_name, Vendor.id),
    "updated": (Vendor.updated_at.desc(), Vendor.id.desc()),
}


def _member(enum: type, value: str | None):  # noqa: ANN202
    try:
        return enum(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class RegisterFilters:
    """What the register list is narrowed to; unknown values are ignored."""

    q: str = ""
    tier: Tier | None = None
    status: VendorStatus | None = None
    classification: Classification | None = None
    country: str | None = None
    category: DataCategory | None = None
    owner_id: int | None = None
    flagged: bool = False
    sort: str = "name"

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "RegisterFilters":
        owner = args.get("owner", "")
        return cls(
            q=args.get("q", "").strip()[:100],
            tier=_member(Tier, args.get("tier")),
            status=_member(VendorStatus, args.get("status")),
            classification=_member(Classification, args.get("classification")),
            country=normalise_country(args.get("country", "")),
            category=_member(DataCategory, args.get("category")),
            owner_id=int(owner) if owner.isdigit() else None,
            flagged=args.get("flagged") == "1",
            sort=args.get("sort") if args.get("sort") in SORTS else "name",
        )

    def as_args(self) -> dict[str, str]:
        """The filters as query-string arguments (for pagination links and exports)."""
        values = {"q": self.q, "tier": self.tier, "status": self.status,
                  "classification": self.classification, "country": self.country,
                  "category": self.category, "owner": self.owner_id,
                  "flagged": "1" if self.flagged else None, "sort": self.sort}
        return {key: str(value) for key, value in values.items() if value}


def _conditions(filters: RegisterFilters, flagged: ColumnElement[bool]) -> list:
    conditions = []
    if filters.q:
        conditions.append(Vendor.search_text.contains(filters.q.casefold(), autoescape=True))
    for column, value in ((Vendor.tier, filters.tier), (Vendor.status, filters.status),
                          (Vendor.classification, filters.classification),
                          (Vendor.owner_id, filters.owner_id)):
        if value is not None:
            conditions.append(column == value)
    if filters.country:
        conditions.append(exists().where(
            VendorCountry.vendor_id == Vendor.id, VendorCountry.country == filters.country))
    if filters.category:
        conditions.append(exists().where(
            VendorCategory.vendor_id == Vendor.id, VendorCategory.category == filters.category))
    if filters.flagged:
        conditions.append(flagged)
    return conditions


@dataclass(frozen=True)
class RegisterPage:
    """One page of the register: (vendor, flagged) rows and the paging numbers."""

    rows: list[tuple[Vendor, bool]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def register_page(filters: RegisterFilters, *, page: int, per_page: int, today: date,
                  home: str) -> RegisterPage:
    """The vendors matching ``filters`` on page ``page`` (three queries, whatever the size)."""
    flagged = flagged_clause(today, home)
    conditions = _conditions(filters, flagged)
    total = db.session.scalar(select(func.count(Vendor.id)).where(*conditions)) or 0
    page = max(1, min(page, -(-total // per_page) or 1))
    statement = (
        select(Vendor, flagged.label("flagged"))
        .options(_OWNER, selectinload(Vendor.category_rows))
        .where(*conditions)
        .order_by(*SORTS[filters.sort])
        .limit(per_page).offset((page - 1) * per_page)
    )
    rows = [(row[0], bool(row[1])) for row in db.session.execute(statement).unique()]
    return RegisterPage(rows=rows, total=total, page=page, per_page=per_page)


def register_rows(filters: RegisterFilters, *, today: date, home: str, batch: int = 500
                  ) -> Iterator[tuple[Vendor, bool]]:
    """Every matching vendor, streamed in batches (for exports)."""
    flagged = flagged_clause(today, home)
    statement = (
        select(Vendor, flagged.label("flagged"))
        .where(*_conditions(filters, flagged))
        .order_by(*SORTS[filters.sort])
        .options(_OWNER, selectinload(Vendor.category_rows),
                 selectinload(Vendor.country_rows), selectinload(Vendor.contacts),
                 selectinload(Vendor.sub_consignments).joinedload(SubConsignment.sub_vendor))
    )
    offset = 0
    while True:
        rows = db.session.execute(statement.limit(batch).offset(offset)).unique().all()
        yield from ((row[0], bool(row[1])) for row in rows)
        if len(rows) < batch:
            return
        offset += batch
