"""Issue 22, item 2: a reviewer's override of a knockout's points counts in the knockout.

Below the minimum it fails the knockout exactly as the vendor's own answer would, with
the reviewer's reason on the page, in the refusal, in the PDF and in the signed record;
at or above it, it lifts a failure of the vendor's answer, and says so."""

import io
import json

from pypdf import PdfReader
from sqlalchemy import select

from tests.assessments.conftest import ANSWERS, answer_and_submit, sign_off
from tests.helpers import page_text, table_snapshot
from tests.portal.conftest import create_and_send, link_in
from vendorrisk.assessments.models import Assessment
from vendorrisk.audit.models import AuditEvent
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Snapshot

ALL_THREE = {**ANSWERS, "q-d1_policy": "3", "q-d1_training": "3", "q-d1_sub_approval": "3"}
REASON = "The evidence does not support it: the policy is a draft."


def _submitted(app, client, auth, smtp_server, vendor, answers) -> int:
    assessment_id = create_and_send(client, auth, vendor)
    answer_and_submit(app, link_in(smtp_server.messages[-1]), answers)
    return assessment_id


def _override(client, assessment_id, points, reason=REASON):
    return client.post(f"/assessments/{assessment_id}/answers/d1_policy/override",
                       data={"points": str(points), "reason": reason})


def _propose(client, assessment_id, outcome="approve"):
    return client.post(f"/assessments/{assessment_id}/propose",
                       data={"outcome": outcome, "rationale": "Reasons given."})


def _pdf_text(client, assessment_id) -> str:
    response = client.get(f"/reports/assessments/{assessment_id}.pdf?lang=en")
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    return " ".join(text.split())


def test_a_reviewer_fails_a_knockout_by_overriding_it_to_0(app, client, auth, smtp_server,
                                                           people, tier1_vendor):
    assessment_id = _submitted(app, client, auth, smtp_server, tier1_vendor, ALL_THREE)
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).grade == "A"
    auth.login(people.reviewer.email)
    assert _override(client, assessment_id, 0).status_code == 302

    page = page_text(client.get(f"/assessments/{assessment_id}"))
    why = f"knockout set to 0 by the reviewer, needs at least 2: {REASON}"
    assert f"Failed knockouts: “Is there a policy?” d1_policy ({why})" in page
    assert "grade C" in page
    assert "recommended: Reject (or a time-boxed exception)" in page
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment.grade == "C"
        assert float(assessment.score_percent) > 80  # the score alone would pass tier 1
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "assessment.points_overridden"))
        assert event.details["failed_knockouts"] == ["d1_policy"]
        assert event.details["grade"] == "C"
        before = table_snapshot()

    refused = _propose(client, assessment_id)
    assert refused.status_code == 400
    assert (f"Knockout “Is there a policy?” failed ({why}) and has no approved, unexpired "
            "exception." in page_text(refused))
    for outcome in ("approve", "approve_with_conditions"):
        assert _propose(client, assessment_id, outcome).status_code == 400
    with app.app_context():
        assert table_snapshot() == before  # refused: nothing changed
    assert why in _pdf_text(client, assessment_id)  # the record as it stands
    auth.logout()

    # A rejection can be signed; the signed record and its PDF keep the reviewer's reason.
    sign_off(client, auth, people, assessment_id, outcome="reject")
    with app.app_context():
        snapshot = db.session.scalar(select(Snapshot).where(
            Snapshot.assessment_id == assessment_id))
        scores = json.loads(snapshot.body)["scores"]
    assert scores["failed_knockouts"] == [{"question_id": "d1_policy", "reason": why}]
    assert scores["grade"] == "C"
    auth.login(people.reviewer.email)
    assert why in _pdf_text(client, assessment_id)


def test_an_override_upward_lifts_the_vendors_failure_and_says_so(
        app, client, auth, smtp_server, people, tier1_vendor):
    answers = {**ALL_THREE, "q-d1_policy": "1"}
    assessment_id = _submitted(app, client, auth, smtp_server, tier1_vendor, answers)
    auth.login(people.reviewer.email)
    failed = "Knockout “Is there a policy?” failed (knockout scored 1, needs at least 2)"
    assert failed in page_text(_propose(client, assessment_id))
    reason = "Policy approved by the board on site; the vendor chose the wrong level."
    assert _override(client, assessment_id, 2, reason).status_code == 302
    page = page_text(client.get(f"/assessments/{assessment_id}"))
    lifted = f"lifted by the reviewer to 2 (needs at least 2): {reason}"
    assert (f"Knockouts met only through a reviewer's override: “Is there a policy?” "
            f"d1_policy ({lifted})") in page
    assert "Failed knockouts" not in page
    auth.logout()

    sign_off(client, auth, people, assessment_id)  # approve: reviewer, then approver
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).status.value == "decided"
        snapshot = db.session.scalar(select(Snapshot).where(
            Snapshot.assessment_id == assessment_id))
        scores = json.loads(snapshot.body)["scores"]
    assert scores["failed_knockouts"] == []
    assert scores["lifted_knockouts"] == [{"question_id": "d1_policy", "reason": (
        f"knockout scored 1, needs at least 2; lifted by the reviewer to 2: {reason}")}]
    auth.login(people.reviewer.email)
    assert lifted in _pdf_text(client, assessment_id)
    verified = client.post(f"/assessments/{assessment_id}/verify", follow_redirects=True)
    assert "Verified" in page_text(verified)


def test_an_override_without_a_justification_is_refused(app, client, auth, smtp_server,
                                                        people, tier1_vendor):
    assessment_id = _submitted(app, client, auth, smtp_server, tier1_vendor, ALL_THREE)
    auth.login(people.reviewer.email)
    client.get(f"/assessments/{assessment_id}")
    with app.app_context():
        before = table_snapshot()
    refused = _override(client, assessment_id, 0, reason="  ")
    assert refused.status_code == 400
    assert "Give the justification for the override." in page_text(refused)
    with app.app_context():
        assert table_snapshot() == before


def test_only_the_review_page_overrides_points(app):
    """The doors: the JSON API and the command line have no way to set points, so the
    review page's form (above) is the only one."""
    rules = [rule.rule for rule in app.url_map.iter_rules() if "override" in rule.rule]
    assert rules == ["/assessments/<int:assessment_id>/answers/<question_id>/override"]
    commands = {name for name in app.cli.list_commands(None)}
    assert not any("override" in name for name in commands)
