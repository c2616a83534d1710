"""The demo's audited consignee (issue 25, R11): Kyuyo Payroll, audited on site with one
criterion not as answered and a finding; the vendor page, the audit's page, the dossier
and the annual summary show it in words, in Japanese and English."""

import pytest
from sqlalchemy import select

from tests.helpers import page_text
from tests.reports.test_summary_pdf import _flat_text, _summary
from vendorrisk.auth.models import Role
from vendorrisk.edges.cli.demo import load_demo_data
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.audit_models import VendorAudit


@pytest.fixture
def demo_audit(app) -> tuple[int, int]:
    with app.app_context():
        load_demo_data(now=utcnow())
        db.session.commit()
        audit = db.session.scalar(select(VendorAudit))
        assert audit.vendor.legal_name == "Kyuyo Payroll Services K.K."
        return audit.vendor_id, audit.id


def test_the_demo_audit_on_its_pages(client, auth, demo_audit):
    vendor_id, audit_id = demo_audit
    auth.login_as(Role.AUDITOR)
    page = page_text(client.get(f"/vendors/{vendor_id}"))
    assert "(yearly for this vendor's tier and data)" in page  # My Number
    assert "Improvement required" in page
    shown = page_text(client.get(f"/vendors/{vendor_id}/audits/{audit_id}"))
    for words in ("On site", "Not as answered", "Confirmed as answered",
                  "入館記録を3か月で消去しており"):
        assert words in shown, words
    assert "improvement_required" not in shown
    assert "not_confirmed" not in shown


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["Audits", "On site", "Improvement required", "1 finding", "Next audit due by"]),
    ("ja", ["監査", "実地", "要改善", "指摘1件", "次回の監査期限"]),
])
def test_the_dossier_and_the_summary_list_the_audit(client, auth, app, demo_audit,
                                                    language, expected):
    vendor_id, _audit_id = demo_audit
    auth.login_as(Role.AUDITOR)
    dossier = client.get(f"/reports/vendors/{vendor_id}.pdf?lang={language}")
    assert dossier.status_code == 200
    text = _flat_text(dossier.data)
    for words in expected:
        assert words.replace(" ", "") in text, words
    summary = _summary(app, client, language)
    heading = "Auditsofconsignees" if language == "en" else "委託先の監査"
    assert heading in summary
    assert "Kyuyo" in summary
