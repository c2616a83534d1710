"""Every bulk export is in the audit log (issue 25, R21): who took which table, in which
format, with which filter, how many rows, and whether the download ran to its end."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.exports import csv_download, xlsx_download
from vendorrisk.foundation.extensions import db

EXPORTS = [("/vendors/export", "vendor-register"), ("/contracts/export", "contract-register"),
           ("/incidents/export", "incidents"), ("/incidents/requests/export", "requests"),
           ("/assessments/export/answers", "assessment-answers"),
           ("/assessments/export/findings", "findings")]


def _data_rows(response, fmt: str) -> int:
    data = response.get_data()
    if fmt == "csv":
        return len(list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) - 1
    return sum(1 for _ in load_workbook(io.BytesIO(data), read_only=True).active.iter_rows()) - 1


def _exports(app) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "export.downloaded").order_by(AuditEvent.seq)))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("path", "what"), EXPORTS)
def test_each_export_is_recorded_with_its_format_and_row_count(
        app, client, auth, make_vendor, path, what, fmt):
    for number in range(3):
        make_vendor(legal_name=f"Exported {number} Co.")
    auditor = auth.login_as(Role.AUDITOR)
    response = client.get(f"{path}.{fmt}")
    assert response.status_code == 200
    rows = _data_rows(response, fmt)
    [event] = _exports(app)
    assert (event.actor_id, event.object_type, event.object_id) == (auditor.id, "export", what)
    assert event.details == {"format": fmt, "filters": {}, "rows": rows, "complete": True}


def test_the_register_export_records_its_filter_and_the_rows_it_held(
        app, client, auth, make_vendor):
    for name in ("Alpha Print Co.", "Alpha Mail Co.", "Beta Data Co."):
        make_vendor(legal_name=name)
    auth.login_as(Role.PROCUREMENT)
    response = client.get("/vendors/export.csv?q=Alpha&status=")
    assert _data_rows(response, "csv") == 2
    [event] = _exports(app)
    assert event.details == {"format": "csv", "filters": {"q": "Alpha"}, "rows": 2,
                             "complete": True}


def test_a_download_broken_off_is_recorded_as_incomplete(app):
    heard = []
    rows = ([f"row {number} " * 20] for number in range(5000))  # about 1 MB: many chunks
    with app.test_request_context():
        response = csv_download("big", ["text"], rows,
                                on_done=lambda count, complete: heard.append((count, complete)))
        chunks = iter(response.response)
        next(chunks)  # the first 64 KB reach the browser ...
        response.close()  # ... which then goes away
    [(count, complete)] = heard
    assert not complete
    assert 0 < count < 5000


def test_a_download_read_to_its_end_is_heard_once_as_complete(app):
    heard = []
    with app.test_request_context():
        response = xlsx_download("small", ["text"], ([str(n)] for n in range(3)), sheet="s",
                                 on_done=lambda count, complete: heard.append((count, complete)))
        b"".join(response.response)
        response.close()
    assert heard == [(3, True)]
