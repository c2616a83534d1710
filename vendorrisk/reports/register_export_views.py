"""The register's export (/vendors/export.csv and .xlsx, on the vendors' blueprint, with
the register page's filters): the vendor columns and what the contracts and decisions
add (register_export.py). create_app loads this module before it registers the vendors'
blueprint."""

from flask import current_app, request
from flask.typing import ResponseReturnValue

from vendorrisk.audit.exports import recorded
from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.exports import csv_download, xlsx_download
from vendorrisk.reports.register import BATCH
from vendorrisk.reports.register_export import REGISTER_EXPORT_COLUMNS, register_export_rows
from vendorrisk.vendors import bp
from vendorrisk.vendors.permissions import REGISTER_READERS
from vendorrisk.vendors.queries import RegisterFilters, register_rows


def _rows():  # noqa: ANN202
    today, home = utcnow().date(), current_app.config["HOME_COUNTRY"]
    vendors = register_rows(RegisterFilters.from_args(request.args), today=today, home=home,
                            batch=BATCH)
    return register_export_rows(vendors, home=home, today=today, expiring_days=int(
        current_app.config["CONTRACT_EXPIRING_DAYS"]))


@bp.get("/export.csv")
@require_role(*REGISTER_READERS)
def export_csv() -> ResponseReturnValue:
    return csv_download("vendor-register", REGISTER_EXPORT_COLUMNS, _rows(),
                        on_done=recorded("vendor-register", "csv"))


@bp.get("/export.xlsx")
@require_role(*REGISTER_READERS)
def export_xlsx() -> ResponseReturnValue:
    return xlsx_download("vendor-register", REGISTER_EXPORT_COLUMNS, _rows(),
                         sheet="vendors", on_done=recorded("vendor-register", "xlsx"))
