"""The vendor dossier of the demo: an assessment awaiting approval has a proposed
decision but no decision date yet, and the dossier says so in words."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role
from vendorrisk.edges.cli.demo import load_demo_data
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
                    .split())


@pytest.fixture
def awaiting_vendor_id(app) -> int:
    """The demo vendor whose assessment awaits the approver's signature."""
    with app.app_context():
        load_demo_data(now=utcnow())
        db.session.commit()
        assessment = db.session.scalar(select(Assessment).where(
            Assessment.status == "awaiting_approval"))
        assert assessment.decision is not None
        assert assessment.decided_at is None
        return assessment.vendor_id


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Approve with conditions (proposed; not decided yet)"),
    ("ja", "条件付き承認（提案中・未決定）"),
])
def test_a_proposed_decision_is_shown_as_not_decided_yet(client, auth, awaiting_vendor_id,
                                                         language, expected):
    auth.login_as(Role.AUDITOR)
    response = client.get(f"/reports/vendors/{awaiting_vendor_id}.pdf?lang={language}")
    assert response.status_code == 200
    text = _text(response.data)
    assert expected.replace(" ", "") in text.replace(" ", "")
    assert "None" not in text
