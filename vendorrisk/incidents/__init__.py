"""Consignee incidents (R14). Individuals' requests (R18) are requests/, on this
blueprint.

The PPC rules in reportability.py (pure); recording in services.py, the vendors' standing
links in links.py, the scheduler's reminders in jobs.py; staff pages in views.py (the
vendor's pages are in the portal). The routes register when create_app imports them (see
there).
"""

from flask import Blueprint

bp = Blueprint("incidents", __name__, url_prefix="/incidents", template_folder="templates")

