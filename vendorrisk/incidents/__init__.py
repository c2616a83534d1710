"""Consignee incidents (R14) and individuals' requests forwarded to consignees (R18).

The PPC rules in reportability.py (pure); recording in services.py, the vendors' standing
links in links.py, requests and their tasks in requests.py, the scheduler's reminders in
jobs.py; staff pages in views.py and request_views.py (the vendor's pages are in the
portal). The routes register when create_app imports them (see there).
"""

from flask import Blueprint

bp = Blueprint("incidents", __name__, url_prefix="/incidents", template_folder="templates")

