"""Each of Google's four published VSAQ questionnaires, and the template with its
extension, imported as published, approved, assigned, sent, answered section by section
in the portal with its best answers, and submitted: the vendor's answers score 100 %,
grade A, and the reviewer's page opens on them."""

import pytest
from sqlalchemy import select

from tests.helpers import page_text
from tests.portal.imported_standard import send_standard
from tests.standards.attainable import best_answers
from tests.standards.vsaq.vsaq_cases import PUBLISHED, convert, definition_of, slug_of
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.richtext import plain
from vendorrisk.standards.definition import QuestionType

SUBMIT = {"name": "Hana Sato", "title": "Security lead", "confirm": "yes"}


def _section_form(section, answers) -> dict:
    form: dict = {"section": section.id}
    for question in section.questions:
        answer = answers.get(question.id)
        if answer is None or question.type == QuestionType.FILE:
            continue
        form[f"present-{question.id}"] = "1"
        value = answer.value
        if question.type == QuestionType.MULTI_CHOICE:
            form[f"q-{question.id}"] = list(value)
        elif value is not None:
            form[f"q-{question.id}"] = str(value)
    return form


@pytest.mark.parametrize("name", [*PUBLISHED, "test_template"])
def test_an_imported_vsaq_questionnaire_is_sent_answered_and_submitted(
        app, client, auth, make_vendor, smtp_server, tmp_path, name):
    conversion = convert(name, language="en")
    definition = definition_of(conversion)
    best = best_answers(definition, {}, "1")
    vendor_client, link, csrf, assessment_id = send_standard(
        app, client, auth, make_vendor, smtp_server, tmp_path, conversion.yaml_text,
        slug_of(name))
    page = vendor_client.get(link)
    assert page.status_code == 200
    assert definition.title.en in page_text(page)
    for section in definition.sections:
        form = _section_form(section, best)
        if len(form) > 1:
            saved = vendor_client.post(f"{link}/save", data={**csrf, **form})
            assert saved.status_code == 302, page_text(saved)

    submitted = vendor_client.post(f"{link}/submit", data={**csrf, **SUBMIT})
    assert submitted.status_code == 302, page_text(submitted)
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment.status.value == "submitted"
        assert (assessment.score_percent, assessment.grade) == (100, "A")
        stored = {a.question_id for a in db.session.scalars(
            select(Answer).where(Answer.assessment_id == assessment_id))}
    assert stored >= {qid for qid, answer in best.items() if answer.value is not None
                      and definition.questions[qid].type != QuestionType.FILE}
    auth.login_as(Role.REVIEWER)
    review = client.get(f"/assessments/{assessment_id}")
    assert review.status_code == 200
    first = next(q for q in definition.questions.values() if q.id in stored)
    assert plain(first.text.en)[:40] in page_text(review)
