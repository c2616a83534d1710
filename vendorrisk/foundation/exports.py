"""Sending a register as a CSV or Excel download (the tables come from tabular.py)."""

from collections.abc import Iterable

from flask import Response, stream_with_context

from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.tabular import write_csv, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(stem: str, extension: str) -> dict[str, str]:
    return {"Content-Disposition":
            f"attachment; filename={stem}-{utcnow():%Y%m%d-%H%M}.{extension}"}


def csv_download(stem: str, headers: list[str], rows: Iterable[list[object]]) -> Response:
    """Streamed: a register of any size is written as it is read."""
    return Response(stream_with_context(write_csv(headers, rows)), mimetype="text/csv",
                    headers=_attachment(stem, "csv"))


def xlsx_download(stem: str, headers: list[str], rows: Iterable[list[object]], *,
                  sheet: str) -> Response:
    """Rows go to a temporary file as they are read (a workbook is a zip, written whole
    before its first byte can be sent); the file is then sent in chunks."""
    return Response(stream_with_context(write_xlsx(headers, rows, title=sheet)),
                    mimetype=XLSX, headers=_attachment(stem, "xlsx"))
