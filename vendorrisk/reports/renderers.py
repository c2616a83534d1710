"""The reports the scheduler renders in the background, by kind: each reads its rows
(telling the run how far it got), then lays out the PDF."""

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from vendorrisk.foundation.printing import render_pdf
from vendorrisk.reports.models import ReportKind, ReportRun
from vendorrisk.reports.register import register_lines
from vendorrisk.reports.register_parts import PART_ROWS, register_in_parts
from vendorrisk.reports.summary import annual_summary, summary_charts
from vendorrisk.vendors.queries import RegisterFilters, register_count

if TYPE_CHECKING:
    from vendorrisk.reports.queue import Progress


def render_register(run: ReportRun, progress: "Progress", now: datetime) -> tuple[bytes, str]:
    """The consignee register (委託先管理台帳) for the filters the run was asked with:
    laid out at once up to PART_ROWS vendors, in parts beyond (register_parts)."""
    filters = RegisterFilters.from_args(run.params)
    today, home = now.date(), current_app.config["HOME_COUNTRY"]
    language, total = run.language, register_count(filters, today=today, home=home)
    progress.total(total)
    lines = register_lines(filters, today=today, home=home,
                           progress=progress if total <= PART_ROWS else None,
                           expiring_days=int(current_app.config["CONTRACT_EXPIRING_DAYS"]))
    page = {"template": "reports/register.html", "language": language,
            "title": _l("Consignee register"), "now": now, "filters": filters}
    if total <= PART_ROWS:
        lines = list(lines)
        progress.stage("layout")
        data = render_pdf(**page, lines=lines)
    else:
        progress.stage("parts")
        data = register_in_parts(page, lines, total=total, progress=progress)
    return data, f"consignee-register-{now:%Y%m%d-%H%M}-{language}.pdf"


def render_summary(run: ReportRun, progress: "Progress", now: datetime) -> tuple[bytes, str]:
    """The annual supervision summary for the management review (R20)."""
    year, language = int(run.params["year"]), run.language
    progress.total(1)
    summary = annual_summary(year, today=now.date(), expiring_days=int(
        current_app.config["CONTRACT_EXPIRING_DAYS"]))
    progress(1)
    progress.stage("layout")
    with force_locale(language):  # the charts' titles and labels are in the report's language
        charts = summary_charts(summary)
    data = render_pdf("reports/summary.html", language=language,
                      title=_l("Annual supervision summary"), now=now, s=summary, **charts)
    return data, f"supervision-summary-{year}-{language}.pdf"


RENDERERS: dict[ReportKind, Callable[[ReportRun, "Progress", datetime], tuple[bytes, str]]] = {
    ReportKind.REGISTER: render_register,
    ReportKind.SUMMARY: render_summary,
}
