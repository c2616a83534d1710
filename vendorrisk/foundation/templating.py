"""What every template can use: the navigation for the user's roles (``may_open``: the
same permission the page checks), the languages."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from vendorrisk.foundation.clock import japan_time


@dataclass(frozen=True)
class NavItem:
    """One link of the top navigation; who sees it is who may open its page."""

    endpoint: str
    label: Any
    counted: bool = False  # a work queue: navigation_counts gives the number waiting


NAVIGATION = [
    NavItem("dashboard.index", _l("Dashboard")),
    NavItem("vendors.index", _l("Register")),
    NavItem("vendors.countries", _l("Countries")),
    NavItem("standards.index", _l("Standards")),
    NavItem("assessments.index", _l("Assessments")),
    NavItem("contracts.index", _l("Contracts")),
    NavItem("supervision.index", _l("Supervision")),
    NavItem("reports.runs", _l("Reports")),
    NavItem("incidents.index", _l("Incidents")),
    NavItem("assessments.queue_review", _l("To review"), counted=True),
    NavItem("assessments.queue_approval", _l("To approve"), counted=True),
    NavItem("assessments.queue_findings", _l("Findings due"), counted=True),
    NavItem("audit.index", _l("Audit log")),
    NavItem("auth.users", _l("Users")),
    NavItem("notifications.outbox", _l("Outbox")),
]


def may_open(endpoint: str) -> bool:
    """May the current user open ``endpoint``? The roles its view requires, read from the
    view itself (``required_roles``, set by require_role / require_login), so a link and
    the page behind it cannot disagree. A page without them is public."""
    roles = getattr(current_app.view_functions[endpoint], "required_roles", None)
    if roles is None:
        return True
    return bool(current_user.is_authenticated and current_user.has_role(*roles))


def _template_globals() -> dict[str, Any]:
    if not has_request_context():  # e-mails rendered by a command or a job
        return {"navigation": [], "current_locale": str(get_locale()),
                "current_endpoint": None}
    items = []
    if current_user.is_authenticated:
        items = [item for item in NAVIGATION if may_open(item.endpoint)]
    return {
        "navigation": items,
        "current_locale": str(get_locale()),
        "current_endpoint": request.endpoint,
    }


def format_datetime(value: datetime | None) -> str:
    """A UTC timestamp to the minute, the same in every language; a dash for none (a
    template should say what a missing time means, as the dossier's "not decided yet"
    does; this keeps one that does not from failing the whole page or PDF)."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else "—"


def pretty_json(value: object) -> str:
    """Indented JSON for reading (escaped by the template like any text)."""
    return json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True)


def init_templating(app: Flask) -> None:
    """Register the template context."""
    app.context_processor(_template_globals)
    app.add_template_global(may_open)
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(japan_time, "jst")
    app.add_template_filter(pretty_json, "tojson_pretty")
