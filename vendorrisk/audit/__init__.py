"""The append-only, hash-chained audit log of every state change. Every feature writes to it
(services.record); its page, which reads roles, is auth/audit_views.py on this blueprint."""

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/audit", template_folder="templates")
