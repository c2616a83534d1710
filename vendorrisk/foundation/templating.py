"""What every template can use: the navigation for the user's roles (``may_open``: the
same permission the page checks), the languages."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, current_app, has_app_context, has_request_context, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from vendorrisk.foundation.clock import japan_time, zoned_time
from vendorrisk.foundation.richtext import plain, rich


@dataclass(frozen=True)
class NavItem:
    """One link of the top navigation; who sees it is who may open its page."""

    endpoint: str
    label: Any
    counted: bool = False  # a work queue: navigation_counts gives the number waiting
    menu: str | None = None  # the key of the MENUS entry it is listed under; None: top level


# The drop-down menus of the top navigation, in the order they appear.
MENUS = {
    "vendors": _l("Vendors"),
    "assessments": _l("Assessments"),
    "queues": _l("Work queues"),
    "admin": _l("Administration"),
}

NAVIGATION = [
    NavItem("dashboard.index", _l("Dashboard")),
    NavItem("vendors.index", _l("Register"), menu="vendors"),
    NavItem("vendors.countries", _l("Countries"), menu="vendors"),
    NavItem("contracts.index", _l("Contracts"), menu="vendors"),
    NavItem("incidents.index", _l("Incidents"), menu="vendors"),
    NavItem("assessments.index", _l("Assessments"), menu="assessments"),
    NavItem("standards.index", _l("Standards"), menu="assessments"),
    NavItem("supervision.index", _l("Supervision"), menu="assessments"),
    NavItem("reports.runs", _l("Reports")),
    NavItem("assessments.queue_review", _l("To review"), counted=True, menu="queues"),
    NavItem("assessments.queue_approval", _l("To approve"), counted=True, menu="queues"),
    NavItem("assessments.queue_findings", _l("Findings due"), counted=True, menu="queues"),
    NavItem("audit.index", _l("Audit log"), menu="admin"),
    NavItem("auth.users", _l("Users"), menu="admin"),
    NavItem("auth.sign_in_policy", _l("Sign-in policy"), menu="admin"),
    NavItem("notifications.outbox", _l("Outbox"), menu="admin"),
]


@dataclass(frozen=True)
class NavEntry:
    """One entry of the top bar: a single link (``label`` None) or a menu of links."""

    key: str
    label: Any
    items: tuple[NavItem, ...]

    @property
    def endpoints(self) -> set[str]:
        return {item.endpoint for item in self.items}


def navigation_menu(items: list[NavItem]) -> list[NavEntry]:
    """The visible items as the top bar shows them: top-level links and menus in the
    order of their first item; a menu none of whose items is visible is left out."""
    entries: list[NavEntry] = []
    for item in items:
        if item.menu is None:
            entries.append(NavEntry(item.endpoint, None, (item,)))
            continue
        index = next((i for i, e in enumerate(entries) if e.key == item.menu), None)
        if index is None:
            entries.append(NavEntry(item.menu, MENUS[item.menu], (item,)))
        else:
            entry = entries[index]
            entries[index] = NavEntry(entry.key, entry.label, (*entry.items, item))
    return entries


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
        return {"navigation": [], "navigation_menu": [],
                "current_locale": str(get_locale()), "current_endpoint": None}
    items = []
    if current_user.is_authenticated:
        items = [item for item in NAVIGATION if may_open(item.endpoint)]
    return {
        "navigation": items,
        "navigation_menu": navigation_menu(items),
        "current_locale": str(get_locale()),
        "current_endpoint": request.endpoint,
    }


def display_timezone() -> str:
    """The one time zone every page, PDF and e-mail shows times in
    (VENDORRISK_DISPLAY_TIMEZONE); Japan's outside an application."""
    return str(current_app.config["DISPLAY_TIMEZONE"]) if has_app_context() else "Asia/Tokyo"


def format_datetime(value: datetime | None) -> str:
    """A stored timestamp in the display time zone to the minute, with the zone's
    abbreviation, the same in every language; a dash for none (a template should say
    what a missing time means, as the dossier's "not decided yet" does; this keeps one
    that does not from failing the whole page or PDF)."""
    return zoned_time(value, display_timezone())


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
    app.add_template_filter(rich, "rich")
    app.add_template_filter(plain, "plain_text")


def compile_templates(app: Flask) -> int:
    """Compile every template now (a server that forks its workers calls this first, so
    that no worker compiles the same templates again while serving); how many."""
    names = app.jinja_env.list_templates()
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)
