"""NDAs and consignment contracts: register, clause checklist, approval gate, end of contract.

Pure rules in clauses.py, status.py and gate.py; recording in services.py,
termination.py and termination_exceptions.py; the register's query in queries.py; pages
in views.py and termination_views.py (the vendor's certificate page is in the portal).
"""

from flask import Blueprint

bp = Blueprint("contracts", __name__, url_prefix="/contracts", template_folder="templates")

from vendorrisk.contracts import (  # noqa: E402, F401  (routes)
    basis_views,
    termination_views,
    views,
)
