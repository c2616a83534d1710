"""What every template can use: the navigation for the user's roles, the languages."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, has_request_context, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from vendorrisk.auth.labels import ROLE_LABELS
from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import ALL_ROLES, READERS
from vendorrisk.clock import japan_time

REVIEWERS = frozenset({Role.REVIEWER, Role.APPROVER})


@dataclass(frozen=True)
class NavItem:
    """One link of the top navigation and the roles that see it."""

    endpoint: str
    label: Any
    roles: frozenset[Role]
    counted: bool = False  # a work queue: navigation_counts gives the number waiting


NAVIGATION = [
    NavItem("dashboard.index", _l("Dashboard"), ALL_ROLES),
    NavItem("vendors.index", _l("Register"), ALL_ROLES),
    NavItem("vendors.countries", _l("Countries"), ALL_ROLES),
    NavItem("standards.index", _l("Standards"), ALL_ROLES),
    NavItem("assessments.index", _l("Assessments"), ALL_ROLES),
    NavItem("contracts.index", _l("Contracts"), ALL_ROLES),
    NavItem("supervision.index", _l("Supervision"), ALL_ROLES),
    NavItem("reports.runs", _l("Reports"), ALL_ROLES),
    NavItem("incidents.index", _l("Incidents"), ALL_ROLES),
    NavItem("assessments.queue_review", _l("To review"), REVIEWERS, counted=True),
    NavItem("assessments.queue_approval", _l("To approve"), frozenset({Role.APPROVER}),
            counted=True),
    NavItem("assessments.queue_findings", _l("Findings due"), REVIEWERS, counted=True),
    NavItem("audit.index", _l("Audit log"), READERS),
    NavItem("auth.users", _l("Users"), frozenset({Role.ADMIN})),
    NavItem("notifications.outbox", _l("Outbox"), frozenset({Role.ADMIN})),
]


def _template_globals() -> dict[str, Any]:
    if not has_request_context():  # e-mails rendered by a command or a job
        return {"navigation": [], "current_locale": str(get_locale()),
                "current_endpoint": None, "role_labels": ROLE_LABELS}
    items = []
    if current_user.is_authenticated:
        items = [item for item in NAVIGATION if current_user.has_role(*item.roles)]
    return {
        "navigation": items,
        "current_locale": str(get_locale()),
        "current_endpoint": request.endpoint,
        "role_labels": ROLE_LABELS,
    }


def format_datetime(value: datetime) -> str:
    """A UTC timestamp to the minute, the same in every language."""
    return value.strftime("%Y-%m-%d %H:%M UTC")


def pretty_json(value: object) -> str:
    """Indented JSON for reading (escaped by the template like any text)."""
    return json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True)


def init_templating(app: Flask) -> None:
    """Register the template context."""
    app.context_processor(_template_globals)
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(japan_time, "jst")
    app.add_template_filter(pretty_json, "tojson_pretty")
