"""The reports the scheduler renders in the background, by kind: each reads its rows
(telling the run how far it got), then lays out the PDF."""

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import lazy_gettext as _l

from vendorrisk.reports.models import ReportKind, ReportRun
from vendorrisk.reports.printing import render_pdf
from vendorrisk.reports.register import register_lines
from vendorrisk.vendors.queries import RegisterFilters, register_count

if TYPE_CHECKING:
    from vendorrisk.reports.queue import Progress


def render_register(run: ReportRun, progress: "Progress", now: datetime) -> tuple[bytes, str]:
    """The consignee register (委託先管理台帳) for the filters the run was asked with."""
    filters = RegisterFilters.from_args(run.params)
    today, home = now.date(), current_app.config["HOME_COUNTRY"]
    language = run.language
    progress.total(register_count(filters, today=today, home=home))
    lines = list(register_lines(
        filters, today=today, home=home, progress=progress,
        expiring_days=int(current_app.config["CONTRACT_EXPIRING_DAYS"])))
    progress.stage("layout")
    data = render_pdf("reports/register.html", language=language,
                      title=_l("Consignee register"), now=now, lines=lines, filters=filters)
    return data, f"consignee-register-{now:%Y%m%d-%H%M}-{language}.pdf"


RENDERERS: dict[ReportKind, Callable[[ReportRun, "Progress", datetime], tuple[bytes, str]]] = {
    ReportKind.REGISTER: render_register,
}
