"""The annual summary lists the standards approved and reviewed in the year, and when
each standard in force was last reviewed (the PDF read back with pypdf)."""

import io
from datetime import timedelta

from pypdf import PdfReader

from tests.helpers import fiscal_year_now
from tests.standards.conftest import VALID, write_standard
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.queue import render_queued
from vendorrisk.reports.summary import annual_summary
from vendorrisk.standards.governance import approve, assign, current_assignment, record_review
from vendorrisk.standards.services import load_folder


def _flat_text(data: bytes) -> str:
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
                   .split())


def _governed(app, tmp_path, approver_id: int) -> None:
    """v1 approved and assigned to tiers 1 and 2; tier 1 kept at review, tier 2 replaced
    by v2; tier 3 assigned v1 and never reviewed."""
    with app.app_context():
        now = utcnow()
        approver = db.session.get(User, approver_id)
        versions = []
        for number in (1, 2):
            folder = write_standard(tmp_path / f"q{number}", VALID.replace(
                "version: 1", f"version: {number}"), version=number).parent.parent
            [result] = load_folder(folder, actor=None, now=now)
            approve(result.version, actor=approver, now=now,
                    note=f"Edition {number}: agreed at the privacy committee.")
            versions.append(result.version)
        for tier in ("1", "2", "3"):
            assign(versions[0], tier=tier, actor=approver, reason="Ours.", now=now)
        record_review(current_assignment("selection", "1", None), actor=approver,
                      outcome="kept", reason="Still fits tier 1.", now=now)
        record_review(current_assignment("selection", "2", None), actor=approver,
                      outcome="replaced", new_version=versions[1],
                      reason="Edition 2 asks about training.", now=now)
        db.session.commit()


def test_the_summary_lists_approvals_reviews_and_last_reviews(app, client, auth, make_user,
                                                              tmp_path):
    approver = make_user(Role.APPROVER, name="Akira Approver")
    _governed(app, tmp_path, approver.id)
    with app.app_context():
        summary = annual_summary(fiscal_year_now(), today=utcnow().date(), expiring_days=60)
        governance = summary.governance
        assert [item.version.version for item in governance.approvals] == [1, 2]
        assert [item.outcome.value for item in governance.reviews] == ["kept", "replaced"]
        last = {assignment.tier: (assignment.version.version, reviewed is not None)
                for assignment, reviewed in governance.in_force}
        assert last == {"1": (1, True), "2": (2, True), "3": (1, False)}
        next_year = annual_summary(fiscal_year_now() + 1, today=utcnow().date()
                                   + timedelta(days=400), expiring_days=60).governance
        assert (next_year.approvals, next_year.reviews) == ([], [])
    auth.login_as(Role.AUDITOR)
    response = client.post("/reports/summary", data={"year": str(fiscal_year_now()),
                                                      "lang": "en"})
    assert response.status_code == 302
    with app.app_context():
        assert render_queued(utcnow()) == 1
    text = _flat_text(client.get(f"{response.headers['Location']}/file").data)
    for expected in (
            "Standardsapprovedintheyear", "Ministandard(miniv1)",
            "AkiraApprover", "Edition1:agreedattheprivacycommittee.",
            "Reviewsofthestandardsintheyear", "Selection·Tier1·Anyclassification",
            "Keptasitis:Stillfitstier1.",
            "Replacedbyanotherversion(Ministandardv2):Edition2asksabouttraining.",
            "Standardsinforceandtheirlastreview", "notreviewedyet"):
        assert expected in text, expected
