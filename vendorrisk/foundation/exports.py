"""Sending a register as a CSV or Excel download (the tables come from tabular.py).

``on_done`` hears how many rows went out and whether all of them did (a download the
browser broke off stops early): the views pass one that writes the audit log's record of
the export (audit/exports.py).
"""

from collections.abc import Callable, Iterable, Iterator

from flask import Response, stream_with_context

from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.tabular import write_csv, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(stem: str, extension: str) -> dict[str, str]:
    return {"Content-Disposition":
            f"attachment; filename={stem}-{utcnow():%Y%m%d-%H%M}.{extension}"}


Done = Callable[[int, bool], None]


def _counted(rows: Iterable[list[object]], on_done: Done | None) -> Iterator[list[object]]:
    count, complete = 0, False
    try:
        for row in rows:
            count += 1
            yield row
        complete = True
    finally:
        if on_done is not None:
            on_done(count, complete)


def csv_download(stem: str, headers: list[str], rows: Iterable[list[object]], *,
                 on_done: Done | None = None) -> Response:
    """Streamed: a register of any size is written as it is read."""
    return Response(stream_with_context(write_csv(headers, _counted(rows, on_done))),
                    mimetype="text/csv", headers=_attachment(stem, "csv"))


def xlsx_download(stem: str, headers: list[str], rows: Iterable[list[object]], *,
                  sheet: str, on_done: Done | None = None) -> Response:
    """Rows go to a temporary file as they are read (a workbook is a zip, written whole
    before its first byte can be sent); the file is then sent in chunks."""
    return Response(
        stream_with_context(write_xlsx(headers, _counted(rows, on_done), title=sheet)),
        mimetype=XLSX, headers=_attachment(stem, "xlsx"))
