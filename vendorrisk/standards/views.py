"""Standards and their versions, read-only, in either language."""

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.extensions import db
from vendorrisk.standards import bp
from vendorrisk.standards.models import StandardVersion
from vendorrisk.standards.services import definition_of
from vendorrisk.vendors.labels import label
from vendorrisk.vendors.vocabulary import Tier

USE_LABELS = {
    "selection": _l("Selection"),
    "periodic": _l("Periodic review"),
    "handling_status_report": _l("Handling-status report"),
    "confirmation": _l("Annual confirmation"),
}


@bp.app_template_filter("tier_label")
def tier_label(value: str) -> str:
    """A tier a standard applies to (kept as text: "1", "out_of_scope"), by its name."""
    return label(Tier(value)) if value in {tier.value for tier in Tier} else value


@bp.context_processor
def _labels() -> dict:
    return {"use_labels": USE_LABELS}


@bp.get("/")
@require_role(*ALL_ROLES)
def index() -> ResponseReturnValue:
    versions = db.session.scalars(select(StandardVersion).order_by(
        StandardVersion.slug, StandardVersion.version.desc())).all()
    return render_template("standards/index.html", versions=versions,
                           locale=str(get_locale()))


@bp.get("/<slug>/v<int:version>")
@require_role(*ALL_ROLES)
def show(slug: str, version: int) -> ResponseReturnValue:
    stored = db.session.scalar(select(StandardVersion).where(
        StandardVersion.slug == slug, StandardVersion.version == version))
    if stored is None:
        abort(404)
    locale = request.args.get("text") if request.args.get("text") in {"en", "ja"} \
        else str(get_locale())
    return render_template("standards/show.html", stored=stored,
                           definition=definition_of(stored), locale=locale)
