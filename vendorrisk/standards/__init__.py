"""Selection standards: the questionnaire format, versions, conditions and scoring."""

from flask import Blueprint

bp = Blueprint("standards", __name__, url_prefix="/standards", template_folder="templates")

from vendorrisk.standards import governance_views, views  # noqa: E402, F401  (routes register on import)
