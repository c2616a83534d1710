"""Reading and writing the register as CSV and XLSX tables.

Reading knows nothing of vendors: it turns a file into header-keyed rows. Writing
neutralises cells that a spreadsheet would run as a formula.
"""

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO
from zipfile import ZipFile

from flask_babel import format_number
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.packaging.relationship import get_rels_path
from openpyxl.reader.excel import ExcelReader, _find_workbook_part
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE, SHARED_STRINGS

from vendorrisk.foundation.archives import OverLimit, ZipLimits, declared_parts

# What a register of tens of thousands of vendors needs, and what bounds the work a small
# upload can cause (a zip unpacks a thousandfold): all checked before the sheet is read.
MAX_ROWS = 50_000  # below the header
MAX_COLUMNS = 50  # the template has 24
MAX_SHARED_TEXTS = 1_000_000  # Excel keeps each distinct text once: 20 a row
# Distinct texts take at least 2.6 packed bytes each ("Vendor 00001", "Vendor 00002"...).
TEXTS_PER_PACKED_BYTE = 1
# A spreadsheet's parts pack 5 to 20-fold; deflate packs repeated content a thousandfold.
XLSX_LIMITS = ZipLimits(parts=1_000, unpacked=100 * 1024 * 1024, packing=100)
MAX_OBJECT_PART = 4 * 1024 * 1024  # content types, workbook, its relations, styles
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHARED_TEXT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


class TableError(ValueError):
    """The file cannot be read as a table; the message says why."""


@dataclass(frozen=True)
class Table:
    """Rows keyed by lower-cased header, with their line number in the file."""

    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]


def _too_many_rows() -> TableError:
    return TableError(_("The file has more than %(rows)s rows below its header; split it "
                        "into smaller files. Nothing was imported.",
                        rows=format_number(MAX_ROWS)))


def _too_many_columns() -> TableError:
    return TableError(_("The file has more than %(columns)s columns; keep the template's "
                        "columns and remove the others. Nothing was imported.",
                        columns=format_number(MAX_COLUMNS)))


def _decode(data: bytes) -> str:
    # Excel in Japan saves CSV as Shift_JIS (cp932) unless told otherwise.
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(_("The CSV file is neither UTF-8 nor Shift_JIS text."))


def _cells(values: Iterable[object]) -> list[str]:
    cells = [str(value).strip() if value is not None else "" for value in values]
    if any(cells[MAX_COLUMNS:]):
        raise _too_many_columns()
    return cells[:MAX_COLUMNS]


def _keyed(header: list[object], records: Iterable[tuple[int, list[object]]]) -> Table:
    headers = [cell.lower() for cell in _cells(header)]
    if not any(headers):
        raise TableError(_("The first row must name the columns."))
    rows = []
    for line, values in records:
        cells = _cells(values)
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise _too_many_rows()
        rows.append((line, dict(zip(headers, cells, strict=False))))
    return Table(headers=headers, rows=rows)


def _count_shared_texts(part: IO[bytes]) -> int:
    """The shared texts in a part, counted as it streams (up to one past the limit)."""
    count, tail = 0, b""
    while chunk := part.read(1 << 20):
        buffer = tail + chunk
        cut = max(0, len(buffer) - 64)  # a tag starting after ``cut`` may go on in the next
        count += sum(1 for found in SHARED_TEXT.finditer(buffer) if found.start() < cut)
        tail = buffer[cut:]
        if count > MAX_SHARED_TEXTS:
            return count
    return count + len(SHARED_TEXT.findall(tail))


def _check_part(archive: ZipFile, name: str) -> None:
    try:
        size = archive.getinfo(name).file_size  # the entry that is read, if a name repeats
    except KeyError:
        return  # openpyxl says what is missing
    if size > MAX_OBJECT_PART:
        raise TableError(_("The Excel file's part %(part)s unpacks to more than %(size)s MB; "
                           "save the register alone in a new workbook, or as CSV. Nothing "
                           "was imported.", part=name[:100],
                           size=format_number(MAX_OBJECT_PART // 2**20)))


def _check_package(reader: ExcelReader) -> None:
    """Refuse a workbook before openpyxl reads a part that is too large for what it does
    with it (an object for each content type, sheet entry or style: 80 MB of styles took
    88 s), or more shared texts than the limit (it keeps them all in memory)."""
    _check_part(reader.archive, ARC_CONTENT_TYPES)
    reader.read_manifest()
    workbook = _find_workbook_part(reader.package).PartName[1:]
    for name in (workbook, get_rels_path(workbook), ARC_STYLE):
        _check_part(reader.archive, name)
    strings = reader.package.find(SHARED_STRINGS)  # by its content type, as openpyxl does
    if strings is None:
        return
    part = reader.archive.getinfo(strings.PartName[1:])
    with reader.archive.open(part) as source:
        count = _count_shared_texts(source)
    if count > MAX_SHARED_TEXTS:
        raise TableError(_("The spreadsheet holds more than %(texts)s distinct texts; split "
                           "it into smaller files. Nothing was imported.",
                           texts=format_number(MAX_SHARED_TEXTS)))
    if count > TEXTS_PER_PACKED_BYTE * max(part.compress_size, 1):
        raise TableError(_("The spreadsheet's list of texts holds more than one distinct text "
                           "for each byte it packs to, as no spreadsheet does; save it again "
                           "from Excel, or as CSV. Nothing was imported."))


def _check_directory(data: bytes) -> None:
    try:
        declared_parts(data, XLSX_LIMITS)
    except OverLimit as error:
        if error.limit == "packing":
            raise TableError(_("The Excel file's part %(part)s unpacks to more than %(times)s "
                               "times its packed size, as no spreadsheet does; save it again "
                               "from Excel, or as CSV. Nothing was imported.",
                               part=error.part[:100], times=XLSX_LIMITS.packing)) from None
        if error.limit == "parts":
            raise TableError(_("The Excel file has more than %(parts)s parts; save the "
                               "register alone in a new workbook, or as CSV. Nothing was "
                               "imported.", parts=format_number(XLSX_LIMITS.parts))) from None
        raise TableError(_("The Excel file unpacks to more than %(size)s MB; split it into "
                           "smaller files. Nothing was imported.",
                           size=format_number(XLSX_LIMITS.unpacked // 2**20))) from None


def _first_sheet(data: bytes) -> ReadOnlyWorksheet:
    """The workbook's first sheet, read-only. load_workbook would measure every sheet the
    workbook lists, and it may list one large part a thousand times: only the first is
    opened here, with openpyxl's own steps."""
    _check_directory(data)
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    _check_package(reader)
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)  # which numbers are dates
    entry, relation = next(reader.parser.find_sheets(), (None, None))
    if entry is None or relation.target not in reader.valid_files or \
            "chartsheet" in relation.Type:
        raise TableError(_("The first sheet of the workbook holds no table."))
    return ReadOnlyWorksheet(reader.wb, entry.name, relation.target, reader.shared_strings)


def _sheet_records(rows: Iterable[tuple]) -> Iterator[tuple[int, list[object]]]:
    for line, values in enumerate(rows, start=2):
        if line > MAX_ROWS + 1 and any(value is not None and str(value).strip()
                                       for value in values):
            raise _too_many_rows()
        yield line, list(values)


def _read_xlsx(data: bytes) -> Table:
    try:
        sheet = _first_sheet(data)
    except TableError:
        raise
    except Exception as error:  # zipfile and openpyxl raise many kinds for a broken file
        raise TableError(_("The Excel file cannot be opened.")) from error
    try:
        # Reading pads each row to the declared width and fills each gap up to the
        # declared height: both are checked first, and reading stops one past the limits.
        if (sheet.max_row or 0) > MAX_ROWS + 1:
            raise _too_many_rows()
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise _too_many_columns()
        rows = sheet.iter_rows(max_row=MAX_ROWS + 2, values_only=True,
                               max_col=sheet.max_column or MAX_COLUMNS + 1)
        header = next(rows, None)
        if header is None:
            raise TableError(_("The spreadsheet is empty."))
        return _keyed(list(header), _sheet_records(rows))
    finally:
        sheet.parent.close()


def read_table(filename: str, data: bytes) -> Table:
    """Parse a .csv or .xlsx upload; TableError saying why a file is refused."""
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    reader = csv.reader(io.StringIO(_decode(data)))
    try:
        header = next(reader, None)
        if header is None:
            raise TableError(_("The CSV file is empty."))
        return _keyed(header, ((reader.line_num, values) for values in reader))
    except csv.Error as error:
        raise TableError(_("The CSV file is malformed: %(error)s.", error=error)) from error


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
