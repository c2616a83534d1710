"""VSAQ answer exports of Google's four published questionnaires fill the imported
standards exactly as the importer reads the same answers (tests/standards/vsaq)."""

import json
import random

import pytest
from sqlalchemy import select

from tests.helpers import page_text
from tests.portal.imported_standard import send_standard, upload
from tests.standards.vsaq.vsaq_cases import (
    PUBLISHED,
    convert,
    definition_of,
    our_answers,
    random_values,
    raw_vsaq,
)
from vendorrisk.assessments.models import Answer
from vendorrisk.assessments.prefill import from_vsaq
from vendorrisk.foundation.extensions import db


def _export(values: dict) -> dict:
    """The answers as VSAQ's getValuesAsJson writes them: a ticked box or chosen radio
    reads "checked", an unticked one ""."""
    return {key: "checked" if value is True else "" if value is False else value
            for key, value in values.items()}


def _expected(conversion, definition, values: dict) -> dict:
    """What the file should fill: every answer the importer's reading gives, except files
    (attached in the portal) and choice lists never touched (absent from an export). A
    one-choice group turned yes/no is filled through its choice's id (in refs.vsaq)."""
    return {qid: value for qid, value in our_answers(conversion, values).items()
            if value != [] and definition.questions[qid].type != "file"}


@pytest.mark.parametrize("name", PUBLISHED)
def test_random_exports_map_as_the_importer_reads_them(app, name):
    conversion = convert(name)
    definition, vsaq = definition_of(conversion), raw_vsaq(conversion)
    rng = random.Random(23)
    with app.test_request_context():
        for _ in range(40):
            values = random_values(vsaq, rng)
            mapped = {filled.question_id: filled.value
                      for filled in from_vsaq(definition, _export(values)).filled}
            assert mapped == _expected(conversion, definition, values)


def test_an_export_fills_the_imported_webapp_questionnaire_in_the_portal(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    conversion = convert("webapp", language="en")
    definition = definition_of(conversion)
    vendor_client, link, csrf, _id = send_standard(
        app, client, auth, make_vendor, smtp_server, tmp_path, conversion.yaml_text,
        "webapp")
    values = random_values(raw_vsaq(conversion), random.Random(4))
    expected = _expected(conversion, definition, values)
    response = upload(vendor_client, link, csrf, json.dumps(_export(values)).encode(),
                      "vsaq-answers.json")
    assert response.status_code == 200, page_text(response)
    assert "answers were filled in from your VSAQ answers file" in page_text(response)
    with app.app_context():
        stored = {answer.question_id: answer.value
                  for answer in db.session.scalars(select(Answer))}
    assert {qid: stored.get(qid) for qid in expected} == expected
