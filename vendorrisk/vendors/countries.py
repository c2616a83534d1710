"""ISO 3166-1 alpha-2 country codes and their names in the interface languages.

Babel (already needed for translations) knows every territory; CLDR also lists
regions and reserved codes that are not countries, which are left out.
"""

from functools import cache

from babel import Locale

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
