"""Reading and writing the register as CSV and XLSX tables.

Reading knows nothing of vendors: it turns a file into header-keyed rows. Writing
neutralises cells that a spreadsheet would run as a formula.
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook

MAX_ROWS = 20_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TableError(ValueError):
    """The file cannot be read as a table; the message says why."""


@dataclass(frozen=True)
class Table:
    """Rows keyed by lower-cased header, with their line number in the file."""

    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]


def _decode(data: bytes) -> str:
    # Excel in Japan saves CSV as Shift_JIS (cp932) unless told otherwise.
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("The CSV file is neither UTF-8 nor Shift_JIS text.")


def _keyed(header: list[str], records: Iterable[tuple[int, list[str]]]) -> Table:
    headers = [str(cell or "").strip().lower() for cell in header]
    if not any(headers):
        raise TableError("The first row must name the columns.")
    rows = []
    for line, values in records:
        cells = [str(value).strip() if value is not None else "" for value in values]
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise TableError(f"The file has more than {MAX_ROWS} rows; split it.")
        rows.append((line, dict(zip(headers, cells, strict=False))))
    return Table(headers=headers, rows=rows)


def read_table(filename: str, data: bytes) -> Table:
    """Parse a .csv or .xlsx upload."""
    if filename.lower().endswith(".xlsx"):
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise TableError("The Excel file cannot be opened.") from error
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise TableError("The spreadsheet is empty.")
        table = _keyed(list(header), ((line, list(values))
                                      for line, values in enumerate(rows, start=2)))
        book.close()
        return table
    reader = csv.reader(io.StringIO(_decode(data)))
    try:
        header = next(reader, None)
        if header is None:
            raise TableError("The CSV file is empty.")
        return _keyed(header, ((reader.line_num, values) for values in reader))
    except csv.Error as error:
        raise TableError(f"The CSV file is malformed: {error}.") from error


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(headers: list[str], rows: Iterable[list[object]]) -> Iterator[str]:
    """CSV text in chunks, UTF-8 with a byte-order mark so Excel reads Japanese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_xlsx(headers: list[str], rows: Iterable[list[object]], title: str,
               chunk: int = 64 * 1024) -> Iterator[bytes]:
    """An .xlsx workbook with one sheet, in chunks. openpyxl's write-only mode keeps
    the rows in a temporary file, not in memory; the workbook is spooled the same way."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    with tempfile.SpooledTemporaryFile(max_size=8 * 2**20) as out:
        book.save(out)
        out.seek(0)
        while data := out.read(chunk):
            yield data
