"""The company sign-in settings (identity providers, who must use two-factor), checked
before use.

``VENDORRISK_OIDC__<name>__<key>`` (or the ``OIDC`` mapping) gives each provider its
keys; ``<name>`` appears in the callback address (``/auth/sso/<name>/callback``). Pure:
a mistake raises ConfigError saying which setting to fix, at start-up, not at the first
sign-in.
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vendorrisk.auth.models import Role
from vendorrisk.foundation.config import ConfigError

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_KEYS = {"label", "issuer", "client_id", "client_secret", "scopes", "groups_claim", "roles",
         "provision"}
DEFAULT_SCOPES = "openid email profile"


@dataclass(frozen=True)
class ProviderSettings:
    """One identity provider, as configured."""

    name: str
    label: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str = DEFAULT_SCOPES
    groups_claim: str = "groups"
    # Group (as the provider names it in the claim) -> the roles it gives. Empty: roles
    # are kept in vendorrisk and the provider only proves who signs in.
    roles: Mapping[str, frozenset[Role]] = field(default_factory=dict)
    provision: bool = False  # an unknown subject becomes a user at first sign-in

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"

    def roles_from(self, groups: object) -> frozenset[Role]:
        """The roles the groups in a token give (a single group may come as a string)."""
        if isinstance(groups, str):
            groups = [groups]
        if not isinstance(groups, Iterable):
            return frozenset()
        return frozenset(role for group in groups if isinstance(group, str)
                         for role in self.roles.get(group, ()))


def _setting(name: str, key: str) -> str:
    return f"VENDORRISK_OIDC__{name}__{key}"


def _role_map(name: str, raw: Any) -> dict[str, frozenset[Role]]:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = None
    if not isinstance(raw, dict):
        raise ConfigError(f"{_setting(name, 'roles')} must map each group to roles, as JSON: "
                          '{"vendorrisk-approvers": "approver", "vendorrisk-admins": '
                          '["admin", "auditor"]}')
    mapping = {}
    for group, roles in raw.items():
        names = [roles] if isinstance(roles, str) else roles
        try:
            mapping[str(group)] = frozenset(Role(role) for role in names)
        except (TypeError, ValueError):
            raise ConfigError(
                f"{_setting(name, 'roles')}: the group {group!r} names {roles!r}; roles are "
                + ", ".join(role.value for role in Role)) from None
    return mapping


def _flag(name: str, key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "1", "yes"):
        return True
    if str(value).lower() in ("false", "0", "no", ""):
        return False
    raise ConfigError(f"{_setting(name, key)} must be true or false")


def parse_provider(name: str, raw: Any) -> ProviderSettings:
    """One provider's settings, or ConfigError naming the setting that is wrong."""
    if not _NAME.match(name):
        raise ConfigError(f"VENDORRISK_OIDC__{name}: a provider's name is lower-case letters, "
                          "digits, - and _ (it appears in the callback address)")
    if not isinstance(raw, dict):
        raise ConfigError(f"VENDORRISK_OIDC__{name} must have keys: issuer, client_id, ...")
    unknown = set(raw) - _KEYS
    if unknown:
        raise ConfigError(f"{_setting(name, sorted(unknown)[0])} is not a setting; they are "
                          + ", ".join(sorted(_KEYS)))
    for key in ("issuer", "client_id", "client_secret"):
        if not raw.get(key):
            raise ConfigError(f"{_setting(name, key)} must be set")
    issuer = str(raw["issuer"])
    if not issuer.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ConfigError(f"{_setting(name, 'issuer')} must be an https:// address")
    scopes = str(raw.get("scopes") or DEFAULT_SCOPES)
    if "openid" not in scopes.split():
        raise ConfigError(f"{_setting(name, 'scopes')} must include openid")
    roles = _role_map(name, raw["roles"]) if raw.get("roles") else {}
    provision = _flag(name, "provision", raw.get("provision", False))
    if provision and not roles:
        raise ConfigError(f"{_setting(name, 'provision')} needs {_setting(name, 'roles')}: "
                          "a person signing in for the first time gets their roles from it")
    return ProviderSettings(
        name=name, label=str(raw.get("label") or name), issuer=issuer,
        client_id=str(raw["client_id"]), client_secret=str(raw["client_secret"]),
        scopes=scopes, groups_claim=str(raw.get("groups_claim") or "groups"), roles=roles,
        provision=provision)


def parse_required_roles(raw: Any) -> frozenset[Role]:
    """The roles of VENDORRISK_TOTP_REQUIRED_ROLES ("admin,approver" or a list)."""
    names = raw.split(",") if isinstance(raw, str) else raw
    try:
        return frozenset(Role(str(name).strip()) for name in names if str(name).strip())
    except (TypeError, ValueError):
        raise ConfigError("VENDORRISK_TOTP_REQUIRED_ROLES lists roles, comma-separated: "
                          + ", ".join(role.value for role in Role)) from None


def parse_providers(raw: Mapping[str, Any]) -> dict[str, ProviderSettings]:
    """Every configured provider, by name."""
    if not isinstance(raw, Mapping):
        raise ConfigError("VENDORRISK_OIDC must map provider names to their settings")
    return {name: parse_provider(name, settings) for name, settings in raw.items()}
