"""Assessments: a questionnaire sent to a vendor, its links, answers, evidence, submission
and carry-over (the lifecycle). The review of a submitted one is vendorrisk/review/, whose
pages register on this blueprint."""

from flask import Blueprint

bp = Blueprint("assessments", __name__, url_prefix="/assessments", template_folder="templates")

from vendorrisk.assessments import views  # noqa: E402, F401  (routes register on import)
