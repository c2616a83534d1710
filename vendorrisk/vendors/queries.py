"""The register's list: filters, search and sorting as one SQL statement.

The page always costs the same few queries, whatever the register's size: the
countries with a current regime record, the ids of up to COUNT_CAP + 1 matches
(their number is the count), the page of vendors with their owner joined, and their
categories in one IN query. When every match is known the page is sorted from those
ids; when there are more, the name index is walked until the page is full.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.sql.elements import ColumnElement

from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.routing import query_int
from vendorrisk.vendors.countries import normalise_country
from vendorrisk.vendors.models import SubConsignment, Vendor, VendorCategory, VendorCountry
from vendorrisk.vendors.services.country_records import (
    chain_flags,
    covered_countries,
    flagged_clause,
)
from vendorrisk.vendors.vocabulary import (
    SUPERVISED,
    Classification,
    DataCategory,
    Tier,
    VendorStatus,
)

# The owner's name is shown; their roles are not, so skip loading them.
_OWNER = joinedload(Vendor.owner).lazyload(User.role_grants)

# Each sort's key, most significant first (the id makes it unique), and its direction.
KEYS = {
    "name": (Vendor.sort_name, Vendor.id),
    "tier": (Vendor.tier, Vendor.sort_name, Vendor.id),
    "status": (Vendor.status, Vendor.sort_name, Vendor.id),
    "updated": (Vendor.updated_at, Vendor.id),
}
DESCENDING = {"updated"}
SORTS = {name: tuple(column.desc() for column in key) if name in DESCENDING else key
         for name, key in KEYS.items()}


def sort_key(vendor: Vendor, sort: str) -> tuple:
    """``vendor``'s values of the ``sort`` key (where a page after it starts)."""
    return tuple(getattr(vendor, column.key) for column in KEYS[sort])


def beyond(sort: str, key: tuple) -> ColumnElement[bool]:
    """The vendors after ``key`` in the ``sort`` order (keyset paging: a page deep in a
    large register costs what the first does, where an OFFSET reads every row before
    it). The first column's bound comes first so that its index narrows the search."""
    columns, descending = KEYS[sort], sort in DESCENDING
    after = (lambda column, value: column < value) if descending else (
        lambda column, value: column > value)
    clause = after(columns[-1], key[-1])
    for column, value in zip(reversed(columns[:-1]), reversed(key[:-1]), strict=True):
        clause = or_(after(column, value), and_(column == value, clause))
    lead = columns[0] <= key[0] if descending else columns[0] >= key[0]
    return and_(lead, clause)


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
    review_overdue: bool = False  # in supervision with the periodic review's day past
    sort: str = "name"

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "RegisterFilters":
        return cls(
            q=args.get("q", "").strip()[:100],
            tier=_member(Tier, args.get("tier")),
            status=_member(VendorStatus, args.get("status")),
            classification=_member(Classification, args.get("classification")),
            country=normalise_country(args.get("country", "")),
            category=_member(DataCategory, args.get("category")),
            owner_id=query_int("owner", args=args),
            flagged=args.get("flagged") == "1",
            review_overdue=args.get("review") == "overdue",
            sort=args.get("sort") if args.get("sort") in SORTS else "name",
        )

    def as_args(self) -> dict[str, str]:
        """The filters as query-string arguments (for pagination links and exports)."""
        values = {"q": self.q, "tier": self.tier, "status": self.status,
                  "classification": self.classification, "country": self.country,
                  "category": self.category, "owner": self.owner_id,
                  "flagged": "1" if self.flagged else None,
                  "review": "overdue" if self.review_overdue else None, "sort": self.sort}
        return {key: str(value) for key, value in values.items() if value}


def review_overdue(today: date) -> list[ColumnElement[bool]]:
    """Vendors in supervision whose periodic review was due before ``today`` (the
    dashboard counts the same)."""
    return [Vendor.status.in_(SUPERVISED), Vendor.next_review_on < today]


def _conditions(filters: RegisterFilters, flagged: ColumnElement[bool], today: date) -> list:
    conditions = review_overdue(today) if filters.review_overdue else []
    if filters.q:
        conditions.append(Vendor.search_text.contains(filters.q.casefold(), autoescape=True))
    for column, value in ((Vendor.tier, filters.tier), (Vendor.status, filters.status),
                          (Vendor.classification, filters.classification),
                          (Vendor.owner_id, filters.owner_id)):
        if value is not None:
            conditions.append(column == value)
    if filters.country:
        conditions.append(Vendor.id.in_(select(VendorCountry.vendor_id).where(
            VendorCountry.country == filters.country)))
    if filters.category:
        conditions.append(Vendor.id.in_(select(VendorCategory.vendor_id).where(
            VendorCategory.category == filters.category)))
    if filters.flagged:
        conditions.append(flagged)
    return conditions


# Counting every match of a broad filter over 50,000 vendors costs more than the page
# itself; past this many the list says "more than" and pages on without a last page.
COUNT_CAP = 1000


@dataclass(frozen=True)
class RegisterPage:
    """One page of the register: (vendor, flagged) rows and the paging numbers."""

    rows: list[tuple[Vendor, bool]]
    total: int  # exact up to COUNT_CAP; COUNT_CAP + 1 means "more"
    page: int
    per_page: int

    @property
    def capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def pages(self) -> int | None:
        """The number of pages, or None while the total is only known to be large."""
        return None if self.capped else max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages if self.pages else len(self.rows) == self.per_page


def _first_matches(conditions: list) -> list[int]:
    """The ids of up to COUNT_CAP + 1 matching vendors (their number is the count)."""
    return list(db.session.scalars(select(Vendor.id).where(*conditions)
                                   .limit(COUNT_CAP + 1)))


def register_page(filters: RegisterFilters, *, page: int, per_page: int, today: date,
                  home: str, after: tuple | None = None) -> RegisterPage:
    """The vendors matching ``filters`` on page ``page``; with ``after`` (a sort key),
    the page that follows that vendor (``page`` then only numbers it)."""
    covered = covered_countries(today, home)
    flagged = flagged_clause(covered)
    conditions = _conditions(filters, flagged, today)
    matches = _first_matches(conditions)
    total = len(matches)
    if total <= COUNT_CAP:
        # Every match is known: sort and page just those instead of searching again.
        conditions = [Vendor.id.in_(matches)]
        page = min(page, -(-total // per_page) or 1)
    page = max(1, page)
    statement = (
        select(Vendor)
        .options(_OWNER, selectinload(Vendor.category_rows), selectinload(Vendor.country_rows))
        .where(*conditions)
        .order_by(*SORTS[filters.sort])
        .limit(per_page)
    )
    statement = (statement.where(beyond(filters.sort, after)) if after is not None
                 else statement.offset((page - 1) * per_page))
    vendors = [row[0] for row in db.session.execute(statement).unique()]
    flags = chain_flags(vendors, covered)  # the whole chain, as the vendor page reads it
    rows = [(vendor, flags[vendor.id]) for vendor in vendors]
    return RegisterPage(rows=rows, total=total, page=page, per_page=per_page)


def register_count(filters: RegisterFilters, *, today: date, home: str) -> int:
    """How many vendors match, exactly (for a report's progress, not the list page)."""
    flagged = flagged_clause(covered_countries(today, home))
    return db.session.scalar(select(func.count(Vendor.id))
                             .where(*_conditions(filters, flagged, today))) or 0


def register_rows(filters: RegisterFilters, *, today: date, home: str, batch: int = 500
                  ) -> Iterator[tuple[Vendor, bool]]:
    """Every matching vendor, streamed in batches (for exports); the flag reads the whole
    chain, one batch load per batch."""
    covered = covered_countries(today, home)
    flagged = flagged_clause(covered)
    statement = (
        select(Vendor)
        .where(*_conditions(filters, flagged, today))
        .order_by(*SORTS[filters.sort])
        .options(_OWNER, selectinload(Vendor.category_rows),
                 selectinload(Vendor.country_rows), selectinload(Vendor.contacts),
                 selectinload(Vendor.sites),
                 selectinload(Vendor.sub_consignments).joinedload(SubConsignment.sub_vendor))
    )
    after = None
    while True:
        page = statement if after is None else statement.where(beyond(filters.sort, after))
        rows = db.session.execute(page.limit(batch)).unique().all()
        flags = chain_flags([row[0] for row in rows], covered)
        yield from ((row[0], flags[row[0].id]) for row in rows)
        if len(rows) < batch:
            return
        after = sort_key(rows[-1][0], filters.sort)
