"""Supervision after selection: cadences, the scheduler and its jobs (reviews, reports,
reminders, escalations, notices), and the supervision page.

Unlike the other features, importing the package does not load its views: its pure
modules (cadence.py) are used by contracts and sign-off, which the jobs in turn use.
create_app loads supervision.views, which adds the routes.
"""

from flask import Blueprint

bp = Blueprint("supervision", __name__, url_prefix="/supervision",
               template_folder="templates")
