"""Assessments: a questionnaire sent to a vendor, its answers, review and lifecycle."""

from flask import Blueprint

bp = Blueprint("assessments", __name__, url_prefix="/assessments", template_folder="templates")

from vendorrisk.assessments import views  # noqa: E402, F401  (routes register on import)
from vendorrisk.review import export_views, queue_views
from vendorrisk.review import views as review_views
