"""The identity-provider settings: read from the environment the way the README shows,
and every mistake refused at start-up with the setting named."""

import pytest

from tests.conftest import app_config
from vendorrisk import create_app
from vendorrisk.auth.models import Role
from vendorrisk.auth.sso_settings import parse_provider, parse_providers
from vendorrisk.foundation.config import Config, ConfigError, ProductionConfig

GOOD = {"issuer": "https://login.example.com/tenant/v2.0", "client_id": "abc",
        "client_secret": "s3cret"}


def test_the_environment_names_a_provider_key_by_key(tmp_path, monkeypatch):
    for key, value in {"label": '"Microsoft Entra ID"', "issuer": GOOD["issuer"],
                       "client_id": "abc", "client_secret": "s3cret", "provision": "true",
                       "roles": '{"g-approvers": "approver", "g-it": ["admin", "auditor"]}'
                       }.items():
        monkeypatch.setenv(f"VENDORRISK_OIDC__entra__{key}", value)
    app = create_app(app_config(tmp_path))
    provider = app.extensions["vendorrisk_sso"].providers["entra"]
    assert provider.label == "Microsoft Entra ID"
    assert provider.provision is True
    assert provider.roles_from(["g-it", "g-unknown"]) == {Role.ADMIN, Role.AUDITOR}
    assert provider.roles_from("g-approvers") == {Role.APPROVER}
    assert provider.roles_from(None) == frozenset()
    assert provider.discovery_url == GOOD["issuer"] + "/.well-known/openid-configuration"
    assert Config.OIDC == {}  # the class's own stays empty for the next application
    monkeypatch.delenv("VENDORRISK_OIDC__entra__label")
    assert create_app(app_config(tmp_path)).extensions["vendorrisk_sso"].providers[
        "entra"].label == "entra"


@pytest.mark.parametrize(("name", "settings", "says"), [
    ("Entra", GOOD, "lower-case letters"),
    ("entra", "https://x", "must have keys"),
    ("entra", {**GOOD, "client_id": ""}, "VENDORRISK_OIDC__entra__client_id must be set"),
    ("entra", {**GOOD, "issuer": "http://idp.example.com"}, "https:// address"),
    ("entra", {**GOOD, "scopes": "email profile"}, "must include openid"),
    ("entra", {**GOOD, "secret": "x"}, "VENDORRISK_OIDC__entra__secret is not a setting"),
    ("entra", {**GOOD, "roles": "not json"}, "map each group to roles"),
    ("entra", {**GOOD, "roles": {"g": "boss"}}, "the group 'g' names 'boss'"),
    ("entra", {**GOOD, "provision": "maybe"}, "must be true or false"),
    ("entra", {**GOOD, "provision": True}, "provision needs VENDORRISK_OIDC__entra__roles"),
])
def test_a_mistake_names_the_setting(name, settings, says):
    with pytest.raises(ConfigError, match=says):
        parse_provider(name, settings)


def test_a_mistake_stops_the_start(tmp_path):
    with pytest.raises(ConfigError, match="client_secret must be set"):
        create_app(app_config(tmp_path, OIDC={"corp": {**GOOD, "client_secret": None}}))
    with pytest.raises(ConfigError, match="VENDORRISK_OIDC must map"):
        parse_providers(["corp"])


@pytest.mark.parametrize(("written", "read"), [("true", True), ("1", True), ("yes", True),
                                               ("false", False), ("no", False), ("", False)])
def test_provisioning_is_written_as_people_write_a_yes_or_no(written, read):
    roles = {"g": "auditor"}
    assert parse_provider("corp", {**GOOD, "roles": roles, "provision": written}).provision \
        is read


def test_production_requires_two_factor_of_those_who_sign():
    assert ProductionConfig.TOTP_REQUIRED_ROLES == "admin,approver,executive"


def test_an_unknown_role_in_the_two_factor_setting_stops_the_start(tmp_path):
    with pytest.raises(ConfigError, match="VENDORRISK_TOTP_REQUIRED_ROLES lists roles"):
        create_app(app_config(tmp_path, TOTP_REQUIRED_ROLES="admin,boss"))
    assert create_app(app_config(tmp_path, TOTP_REQUIRED_ROLES=["approver"]))
