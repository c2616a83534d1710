"""A small upload cannot hold a worker: the import refuses a spreadsheet whose parts,
rows, columns or shared texts pass the limits before it reads the sheet, and writes
nothing (issue 20, defect 5)."""

import io
import secrets
import time
import zipfile

import pytest

from tests.helpers import page_text, table_snapshot
from vendorrisk.foundation.storage import upload_folder

MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
         b'2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
         b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
         b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application'
         b'/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
         b'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
         b'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/strings.xml" '
         b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
         b'sharedStrings+xml"/></Types>')
RELS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                b'org/package/2006/relationships"><Relationship Id="rId1" Type="' + RELS
                + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (b'<?xml version="1.0"?><workbook ' + MAIN + b' xmlns:r="' + RELS + b'"><sheets>'
            b'<sheet name="vendors" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                 b'org/package/2006/relationships"><Relationship Id="rId1" Type="' + RELS
                 + b'/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
                 b'Type="' + RELS + b'/sharedStrings" Target="strings.xml"/></Relationships>')


def _xlsx(rows: bytes, *, texts: bytes = b"<si><t>legal_name</t></si>", dimension: bytes = b"",
          extra: bytes = b"", extra_name: str = "xl/media/padding.bin",
          workbook: bytes = WORKBOOK) -> bytes:
    """A workbook as Excel lays it out, written by hand so that it can lie: its shared
    ``texts`` (the first is "legal_name"), a sheet of ``rows``, an optional ``dimension``."""
    sheet = (b'<?xml version="1.0"?><worksheet ' + MAIN + b">" + dimension
             + b"<sheetData>" + rows + b"</sheetData></worksheet>")
    shared = b'<?xml version="1.0"?><sst ' + MAIN + b">" + texts + b"</sst>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in (("[Content_Types].xml", TYPES), ("_rels/.rels", PACKAGE_RELS),
                              ("xl/workbook.xml", workbook),
                              ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                              ("xl/worksheets/sheet1.xml", sheet), ("xl/strings.xml", shared)):
            archive.writestr(name, content)
        if extra:
            archive.writestr(extra_name, extra)
    return out.getvalue()


def _row(number: int, column: str = "A") -> bytes:
    return b'<row r="%d"><c r="%s%d" t="s"><v>0</v></c></row>' % (
        number, column.encode(), number)


def _post(client, data: bytes, name: str = "v.xlsx"):
    response = client.post("/vendors/import", data={"file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    # The test client spools a body of more than 500 KB to a file it leaves open.
    response.request.environ["wsgi.input"].close()
    return response


def _refused(app, client, data: bytes, message: str) -> None:
    with app.app_context():
        before = table_snapshot()
    response = _post(client, data)
    assert response.status_code == 400
    assert message in page_text(response)
    with app.app_context():
        assert table_snapshot() == before
        stored = list(upload_folder().rglob("*")) if upload_folder().exists() else []
        assert [path for path in stored if path.is_file()] == []


def test_a_plain_workbook_within_the_limits_is_read(client, procurement):
    data = _xlsx(_row(1) + _row(2), dimension=b'<dimension ref="A1:A2"/>')
    response = _post(client, data)
    assert response.status_code == 200
    assert "Nothing has been written yet." in page_text(response)


def test_the_reported_bomb_is_refused_by_its_packing(app, client, procurement):
    # Half a million shared texts in 33 KB took 57 s and 63 MB: no spreadsheet packs a
    # part of more than a megabyte a hundredfold.
    data = _xlsx(_row(1) + _row(2), texts=b"<si><t>legal_name</t></si>" * 500_000)
    assert len(data) < 40 * 1024
    _refused(app, client, data, "xl/strings.xml unpacks to more than 100 times its packed size")


def test_more_shared_texts_than_packed_bytes_are_refused(app, client, procurement):
    # Distinct texts take at least two bytes each once packed (measured on "Vendor 00001",
    # "Vendor 00002", ...); these are packed 60-fold, with a random comment to pad them.
    padding = b"<!-- " + secrets.token_hex(60_000).encode() + b" -->"
    data = _xlsx(_row(1) + _row(2), texts=b"<si><t>legal_name</t></si>" * 200_000 + padding)
    _refused(app, client, data, "more than one distinct text for each byte")


def test_more_than_a_million_distinct_texts_are_refused(app, client, procurement):
    texts = b"<si><t>legal_name</t></si>" + b"".join(
        b"<si><t>%d</t></si>" % number for number in range(1_000_000))
    _refused(app, client, _xlsx(_row(1) + _row(2), texts=texts),
             "The spreadsheet holds more than 1,000,000 distinct texts")


def test_a_sheet_packed_like_a_bomb_is_refused(app, client, procurement):
    empty = b"<row><c/></row>" * 200_000  # cells without references pack a thousandfold
    _refused(app, client, _xlsx(_row(1) + _row(2) + empty),
             "xl/worksheets/sheet1.xml unpacks to more than 100 times its packed size")


@pytest.mark.parametrize(("dimension", "message"), [
    (b'<dimension ref="A1:XFD3"/>', "more than 50 columns"),
    (b'<dimension ref="A1:A60000"/>', "more than 50,000 rows"),
], ids=["columns", "rows"])
def test_a_sheet_declaring_more_rows_or_columns_is_refused(app, client, procurement,
                                                           dimension, message):
    # Reading pads every row to the declared width and every gap to the declared height.
    data = _xlsx(_row(1) + _row(2) + _row(3, "XFD" if b"XFD" in dimension else "A"),
                 dimension=dimension)
    _refused(app, client, data, message)


@pytest.mark.parametrize(("rows", "message"), [
    (_row(1) + _row(2) + _row(50_002), "more than 50,000 rows"),
    (_row(1) + _row(2, "AY"), "more than 50 columns"),
], ids=["rows", "columns"])
def test_rows_or_columns_past_the_limits_are_refused_without_a_dimension(
        app, client, procurement, rows, message):
    _refused(app, client, _xlsx(rows), message)


def test_a_csv_with_more_columns_than_the_limit_is_refused(app, client, procurement):
    data = (",".join(f"c{index}" for index in range(51)) + "\nA\n").encode()
    with app.app_context():
        before = table_snapshot()
    response = _post(client, data, "v.csv")
    assert response.status_code == 400
    assert "more than 50 columns" in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_a_zip_unpacking_past_the_size_limit_is_refused_by_its_directory(
        app, client, procurement):
    data = _xlsx(_row(1) + _row(2), extra=b"\0" * (100 * 1024 * 1024 + 1))
    assert len(data) < 1024 * 1024
    _refused(app, client, data, "unpacks to more than 100 MB")


def test_a_large_part_other_than_the_sheets_is_refused(app, client, procurement):
    # openpyxl builds an object for each style: 80 MB of styles took 88 s.
    data = _xlsx(_row(1) + _row(2), extra=secrets.token_bytes(4 * 1024 * 1024 + 1),
                 extra_name="xl/styles.xml")
    _refused(app, client, data, "xl/styles.xml unpacks to more than 4 MB")


def test_only_the_first_sheet_is_opened_however_often_the_workbook_lists_it(
        client, procurement):
    # load_workbook measures every sheet listed, each time parsing a sheet without a
    # dimension to its end: here 500 times 30,000 rows.
    entries = b"".join(b'<sheet name="s%d" sheetId="%d" r:id="rId1"/>' % (number, number)
                       for number in range(2, 502))
    workbook = WORKBOOK.replace(b"</sheets>", entries + b"</sheets>")
    empty = b"".join(b'<row r="%d"><c r="A%d"/></row>' % (number, number)
                     for number in range(3, 30_003))
    data = _xlsx(_row(1) + _row(2) + empty, workbook=workbook)
    started = time.monotonic()
    response = _post(client, data)
    assert response.status_code == 200
    assert "Nothing has been written yet." in page_text(response)
    assert time.monotonic() - started < 15  # each listing costs 0.1 s more otherwise
