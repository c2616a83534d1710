"""Reading a vendor's existing answers: VSAQ's answer export or a CAIQ v4 workbook.

VSAQ saves its answers as one JSON object, item id → value (vsaq/static/questionnaire/
questionnaire.js ``getValuesAsJson``): ``"yes"``/``"no"`` for a yes/no item, ``"checked"``
or ``""`` for each check box and for each radio button of a group (the chosen radio's id
holds ``"checked"``), the typed text for a line or a box.

A CAIQ v4 workbook (the CSA layout) has, on one sheet below a few title rows, a header
row naming the columns "Question ID", "Question", an answer column ("CSP CAIQ Answer":
Yes, No or NA) and the notes ("CSP Implementation Description"). The header row is found
by those labels, on any sheet. The workbook is read in read-only mode, its size bounded
before it is opened, and formulas are never trusted: a cell holding one reads as empty.
"""

import io
import json
import re
from dataclasses import dataclass

from flask_babel import format_number
from flask_babel import gettext as _
from openpyxl import load_workbook

from vendorrisk.foundation.archives import OverLimit, ZipLimits, declared_parts
from vendorrisk.foundation.errors import ValidationError

MAX_ANSWER_FILE = 5 * 1024 * 1024  # CSA's own CAIQ workbook with the matrix is ~1.5 MB
MAX_ITEMS = 5_000  # VSAQ's four questionnaires hold ~600 items; CAIQ v4 has 261 questions
MAX_SHEETS, HEADER_ROWS, MAX_COLUMNS = 30, 30, 40
CAIQ_LIMITS = ZipLimits(parts=300, unpacked=40 * 1024 * 1024, packing=100)
ANSWERS = {"yes": "yes", "no": "no", "na": "na", "n/a": "na", "not applicable": "na"}


class AnswerFileError(ValidationError):
    """The file is not an answers file this portal reads; nothing was changed."""


@dataclass(frozen=True)
class CaiqRow:
    line: int
    question_id: str
    text: str
    answer: str  # "yes", "no", "na", or what the cell said when it is none of them
    notes: str


def sniff(data: bytes) -> str:
    """ "caiq" for a workbook (a zip), else "vsaq" (read as JSON)."""
    if len(data) > MAX_ANSWER_FILE:
        raise AnswerFileError(_("The file is larger than %(size)s MB. Nothing was changed.",
                                size=format_number(MAX_ANSWER_FILE / 2**20)))
    return "caiq" if data[:4] == b"PK\x03\x04" else "vsaq"


def read_vsaq(data: bytes) -> dict[str, str]:
    """Item id → value of a VSAQ answer export (a check box set true reads "checked")."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise AnswerFileError(_("The file is neither a VSAQ answers file (JSON) nor a CAIQ "
                                "workbook (.xlsx). Nothing was changed.")) from None
    if not isinstance(parsed, dict) or not parsed:
        raise AnswerFileError(_("The JSON file is not a VSAQ answers export (an object of "
                                "answers by question id). Nothing was changed."))
    if len(parsed) > MAX_ITEMS:
        raise AnswerFileError(_("The file holds more than %(count)d answers. Nothing was "
                                "changed.", count=MAX_ITEMS))
    values: dict[str, str] = {}
    for key, value in parsed.items():
        if isinstance(value, bool):
            values[key[:200]] = "checked" if value else ""
        elif isinstance(value, str):
            values[key[:200]] = value
    return values


def _cell(value: object) -> str:
    """A cell as text; a formula (or anything but text and numbers) reads as empty."""
    if isinstance(value, str):
        return "" if value.startswith("=") else value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _label(value: object) -> str:
    return re.sub(r"\s+", " ", _cell(value)).lower()


def _header(cells: list[str]) -> dict[str, int] | None:
    """Column positions when ``cells`` is a CAIQ header row."""
    found: dict[str, int] = {}
    for index, label in enumerate(cells):
        if "question id" in label:
            found.setdefault("id", index)
        elif label in ("question", "question text") or label.startswith("consensus assessment"):
            found.setdefault("text", index)
        elif "answer" in label:
            found.setdefault("answer", index)
        elif "implementation description" in label or label.startswith(("notes", "comment")):
            found.setdefault("notes", index)
    return found if "id" in found and "answer" in found else None


def _open(data: bytes):  # noqa: ANN202
    try:
        declared_parts(data, CAIQ_LIMITS)
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False,
                             keep_links=False)
    except OverLimit:
        raise AnswerFileError(_("The workbook unpacks to more than a CAIQ workbook does. "
                                "Nothing was changed.")) from None
    except Exception as error:  # zipfile, XML and openpyxl raise many kinds for a broken file
        raise _unreadable() from error


def _unreadable() -> AnswerFileError:
    return AnswerFileError(_("The Excel file cannot be opened. Nothing was changed."))


def read_caiq(data: bytes) -> list[CaiqRow]:
    """The answered rows of the first sheet that has a CAIQ header row."""
    book = _open(data)
    try:
        for sheet in book.worksheets[:MAX_SHEETS]:
            rows = sheet.iter_rows(max_row=HEADER_ROWS + MAX_ITEMS, max_col=MAX_COLUMNS,
                                   values_only=True)
            for line, row in enumerate(rows, start=1):
                columns = _header([_label(value) for value in row])
                if columns:
                    return _rows(rows, columns, line)
                if line >= HEADER_ROWS:
                    break
    except Exception as error:  # a sheet's XML is read only now, as the rows are
        raise _unreadable() from error
    finally:
        book.close()
    raise AnswerFileError(_("No sheet of the workbook has a CAIQ header row (with the "
                            "columns “Question ID” and an answer column). Nothing was "
                            "changed."))


def _rows(rows, columns: dict[str, int], header_line: int) -> list[CaiqRow]:  # noqa: ANN001
    found = []
    for line, row in enumerate(rows, start=header_line + 1):
        cells = [_cell(value) for value in row]

        def at(key: str, cells: list[str] = cells) -> str:
            index = columns.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        question_id, answer = at("id"), at("answer")
        if question_id and answer:
            found.append(CaiqRow(line, question_id[:50], at("text")[:500],
                                 ANSWERS.get(answer.lower(), answer[:50]), at("notes")))
    return found
