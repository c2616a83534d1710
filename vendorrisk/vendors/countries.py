"""ISO 3166-1 alpha-2 country codes and their names in the interface languages.

Babel (already needed for translations) knows every territory; CLDR also lists
regions and reserved codes that are not countries, which are left out.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from babel import Locale

from vendorrisk.vendors.chain import Locations

_NOT_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code."""
    return frozenset(
        code for code in Locale("en").territories
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


def normalise_country(value: str) -> str | None:
    """The upper-case code if ``value`` is a known country code, else None."""
    code = value.strip().upper()
    return code if code in country_codes() else None


@cache
def country_names(locale: str) -> dict[str, str]:
    """Code → name in ``locale`` ("en" or "ja")."""
    territories = Locale.parse(locale).territories
    return {code: territories.get(code, code) for code in country_codes()}


def country_choices(locale: str) -> list[tuple[str, str]]:
    """(code, "name (code)") pairs sorted by name, for select boxes."""
    names = country_names(locale)
    return sorted(((code, f"{name} ({code})") for code, name in names.items()),
                  key=lambda pair: pair[1])


@dataclass(frozen=True)
class CountryLine:
    """A country where a vendor's data is handled, as the vendor page shows it: its name,
    whether the vendor itself handles data there, and the chains that lead there (each
    the sub-consignees' names, and whether a link on it still awaits a decision)."""

    code: str
    name: str
    own: bool
    ways: tuple[tuple[str, bool], ...]


def country_lines(locations: Locations, vendor_names: Mapping[int, str],
                  locale: str) -> list[CountryLine]:
    """The countries of ``locations`` by name in ``locale``, own ones first."""
    names = country_names(locale)
    lines = [CountryLine(
        code, names.get(code, code), any(not place.path for place in places),
        tuple((" → ".join(vendor_names.get(step, str(step)) for step in place.path),
               place.pending) for place in places if place.path))
        for code, places in locations.by_country().items()]
    return sorted(lines, key=lambda line: (not line.own, line.name))
