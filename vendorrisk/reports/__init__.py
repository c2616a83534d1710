"""Reports: audit-grade PDFs rendered from plain data (foundation/printing.py), and
their pages."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports", template_folder="templates")
