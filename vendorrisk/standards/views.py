"""Standards and their versions, read-only, in either language."""

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.extensions import db
from vendorrisk.standards import bp
from vendorrisk.standards.coverage import DEFAULT_SLUG, coverage, unknown_criteria
from vendorrisk.standards.definition import Definition
from vendorrisk.standards.governance import approved_ids
from vendorrisk.standards.governance_labels import REFERENCE_LABELS
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

QUESTION_TYPE_LABELS = {
    "yes_no": _l("Yes or no"), "maturity": _l("Maturity 0–3"),
    "single_choice": _l("One choice"), "multi_choice": _l("Several choices"),
    "text": _l("Free text"), "number": _l("Number"), "date": _l("Date"), "file": _l("File"),
}
WARNING_SEVERITY_LABELS = {
    "critical": _l("Critical"), "high": _l("High"), "medium": _l("Medium"), "low": _l("Low"),
}
COVERAGE_LABELS = {
    "covered": _l("Covered"), "partly": _l("Partly covered"), "not": _l("Not covered"),
}


@bp.app_template_filter("tier_label")
def tier_label(value: str) -> str:
    """A tier a standard applies to (kept as text: "1", "out_of_scope"), by its name."""
    return label(Tier(value)) if value in {tier.value for tier in Tier} else value


@bp.context_processor
def _labels() -> dict:
    return {"use_labels": USE_LABELS, "question_type_labels": QUESTION_TYPE_LABELS,
            "warning_severity_labels": WARNING_SEVERITY_LABELS,
            "coverage_labels": COVERAGE_LABELS}


def default_definition() -> Definition | None:
    """The newest stored version of the default standard, whose sections are the
    criteria D1–D11 (None before it is loaded)."""
    stored = db.session.scalar(select(StandardVersion).where(
        StandardVersion.slug == DEFAULT_SLUG).order_by(StandardVersion.version.desc()).limit(1))
    return definition_of(stored) if stored is not None else None


@bp.get("/")
@require_role(*ALL_ROLES)
def index() -> ResponseReturnValue:
    versions = db.session.scalars(select(StandardVersion).order_by(
        StandardVersion.slug, StandardVersion.version.desc())).all()
    return render_template("standards/index.html", versions=versions,
                           approved=approved_ids(), locale=str(get_locale()))


@bp.get("/<slug>/v<int:version>")
@require_role(*ALL_ROLES)
def show(slug: str, version: int) -> ResponseReturnValue:
    stored = db.session.scalar(select(StandardVersion).where(
        StandardVersion.slug == slug, StandardVersion.version == version))
    if stored is None:
        abort(404)
    locale = request.args.get("text") if request.args.get("text") in {"en", "ja"} \
        else str(get_locale())
    definition, default = definition_of(stored), default_definition()
    return render_template(
        "standards/show.html", stored=stored, definition=definition, locale=locale,
        reference_labels=REFERENCE_LABELS,
        default=default, coverage=coverage(definition, default) if default else (),
        unknown_criteria=unknown_criteria(definition, default) if default else ())
