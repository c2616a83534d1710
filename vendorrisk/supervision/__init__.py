"""Supervision after selection: cadences, the jobs (reviews, reports, reminders,
escalations, notices) and their runner, and the supervision page. The scheduler process
that runs them is edges/scheduler/.

Importing the package does not load its views: create_app loads supervision.views, which
adds the routes.
"""

from flask import Blueprint

bp = Blueprint("supervision", __name__, url_prefix="/supervision",
               template_folder="templates")
