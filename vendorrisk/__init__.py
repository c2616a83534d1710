"""vendorrisk: select, contract and supervise the processors that handle personal data.

:func:`create_app` only wires the application together; it runs no query, writes no
file and starts no scheduler.
"""

import os
from collections.abc import Mapping
from importlib import import_module
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from vendorrisk import (
    assessments,
    audit,
    auth,
    contracts,
    dashboard,
    incidents,
    models,
    notifications,
    reports,
    standards,
    supervision,
    vendors,
)
from vendorrisk.auth.login import init_login
from vendorrisk.auth.sso import init_sso
from vendorrisk.edges import health, portal
from vendorrisk.edges.api import init_api
from vendorrisk.edges.cli.commands import register_commands
from vendorrisk.foundation.config import load_config
from vendorrisk.foundation.db_setup import init_database
from vendorrisk.foundation.dbtypes import render_migration_item
from vendorrisk.foundation.errors import register_error_handlers
from vendorrisk.foundation.events import subscribe
from vendorrisk.foundation.extensions import babel, bootstrap, csrf, db, limiter, migrate
from vendorrisk.foundation.i18n import select_locale, use_request_domain
from vendorrisk.foundation.logmask import mask_tokens_in_logs
from vendorrisk.foundation.paths import migrations_folder
from vendorrisk.foundation.ratelimit import use_swept_memory
from vendorrisk.foundation.routing import init_routing
from vendorrisk.foundation.security import init_security
from vendorrisk.foundation.templating import init_templating
from vendorrisk.review.events import AssessmentDecided
from vendorrisk.supervision.schedule import on_assessment_decided

__all__ = ["create_app", "models"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application; ``config`` overrides the environment and config class."""
    overrides = dict(config or {})
    instance_path = overrides.pop("INSTANCE_PATH", None) or os.environ.get(
        "VENDORRISK_INSTANCE_PATH"
    )
    app = Flask(
        __name__, instance_path=os.path.abspath(instance_path) if instance_path else None
    )
    load_config(app.config, overrides)
    mask_tokens_in_logs()  # link tokens never reach a log line (vendorrisk/foundation/logmask.py)
    init_routing(app)  # before any rule is added: every <int:...> is bounded
    configure_extensions(app)
    configure_blueprints(app)
    configure_events(app)
    register_error_handlers(app)
    init_security(app)
    init_templating(app)
    register_commands(app)
    if app.config["TRUSTED_PROXIES"]:
        proxies = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    return app


def configure_extensions(app: Flask) -> None:
    """Bind every extension to ``app``."""
    init_database(app)
    migrate.init_app(
        app, db, directory=str(migrations_folder()), render_as_batch=True, compare_type=True,
        render_item=render_migration_item,
    )
    init_login(app)
    init_sso(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    use_request_domain(babel)  # each request finds its translations once
    bootstrap.init_app(app)
    use_swept_memory(app)  # memory:// without a timer thread per request
    limiter.init_app(app)


def configure_events(app: Flask) -> None:
    """Who reacts to what, in the publisher's transaction (foundation/events.py)."""
    subscribe(app, AssessmentDecided, on_assessment_decided)


def configure_blueprints(app: Flask) -> None:
    """Mount each feature under its own URL prefix."""
    app.register_blueprint(auth.bp)
    app.register_blueprint(audit.bp)
    app.register_blueprint(dashboard.bp)
    # the register's export (contracts and decisions beside the vendor columns)
    import_module("vendorrisk.reports.register_export_views")
    import_module("vendorrisk.review")  # pages on assessments.bp and vendors.bp (its __init__)
    app.register_blueprint(vendors.bp)
    app.register_blueprint(standards.bp)
    app.register_blueprint(assessments.bp)
    app.register_blueprint(contracts.bp)
    app.register_blueprint(portal.bp)
    app.register_blueprint(notifications.bp)
    import_module("vendorrisk.reports.views")  # routes (see reports/__init__)
    import_module("vendorrisk.reports.run_views")
    import_module("vendorrisk.reports.management_views")
    app.register_blueprint(reports.bp)
    import_module("vendorrisk.supervision.views")  # routes (see supervision/__init__)
    app.register_blueprint(supervision.bp)
    for module in ("incidents.labels", "incidents.views", "requests.labels", "requests.views"):
        import_module(f"vendorrisk.{module}")  # routes on incidents.bp (see their __init__)
    app.register_blueprint(incidents.bp)
    init_api(app)
    app.register_blueprint(health.bp)
    app.add_url_rule("/", endpoint="root", view_func=dashboard.views.root)
