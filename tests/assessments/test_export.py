"""Assessment answers (one row per answer) and findings as CSV and XLSX: the rows an
analyst gets, formula-looking text neutralised, streamed."""

import csv
import io

from openpyxl import load_workbook

from tests.assessments.conftest import ANSWERS, answer_and_submit, raise_finding
from tests.portal.conftest import create_and_send, link_in


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.is_streamed
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _xlsx(response) -> list[dict[str, object]]:
    assert response.status_code == 200
    assert response.is_streamed
    sheet = load_workbook(io.BytesIO(response.data), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_answers_export_has_one_row_per_answer_with_its_points(
        app, client, auth, smtp_server, tier1_vendor, people):
    assessment_id = create_and_send(client, auth, tier1_vendor)
    answer_and_submit(app, link_in(smtp_server.messages[-1]),
                      {**ANSWERS, "comment-d1_policy": "=HYPERLINK(\"http://evil\")"})
    auth.login(people.reviewer.email)
    rows = _csv(client.get("/assessments/export/answers.csv"))
    answered = {row["question_id"]: row for row in rows}
    assert set(answered) == {"d1_policy", "d1_training", "d1_uses_subs", "d1_sub_approval",
                             "d1_channels", "d1_encryption"}
    policy = answered["d1_policy"]
    assert (policy["assessment_id"], policy["status"], policy["tier"], policy["answer"],
            policy["points"], policy["standard"]) == (
        str(assessment_id), "submitted", "1", "3", "3", "mini")
    assert policy["comment"] == "'=HYPERLINK(\"http://evil\")"  # text, never a formula
    assert answered["d1_channels"]["answer"] == "phone; mail"
    assert int(policy["earned"]) == int(policy["weight"]) * 3

    sheet = _xlsx(client.get(f"/assessments/export/answers.xlsx?vendor={tier1_vendor.id}"))
    assert len(sheet) == 6
    assert {row["question_id"] for row in sheet} == set(answered)
    assert _xlsx(client.get("/assessments/export/answers.xlsx?vendor=999999")) == []


def test_findings_export(app, client, auth, smtp_server, tier1_vendor, people):
    assessment_id = create_and_send(client, auth, tier1_vendor)
    answer_and_submit(app, link_in(smtp_server.messages[-1]))
    auth.login(people.reviewer.email)
    raise_finding(client, assessment_id, owner_id=people.reviewer.id, severity="medium",
                  description="@SUM(A1) Training records cover only permanent staff.",
                  due_in=60)
    for rows in (_csv(client.get("/assessments/export/findings.csv")),
                 _xlsx(client.get("/assessments/export/findings.xlsx"))):
        assert len(rows) == 1
        row = rows[0]
        assert (row["severity"], row["status"], row["owner"], row["overdue"],
                row["question_id"]) == ("medium", "open", "rita@example.com", "no",
                                        "d1_training")
        assert row["description"].startswith("'@SUM(A1)")
    page = client.get("/assessments/").get_data(as_text=True)
    assert 'href="/assessments/export/findings.csv"' in page
