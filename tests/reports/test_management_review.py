"""The management review (issue 25, R20): recorded with the annual summary it read
frozen beside it, its decisions and actions with owners and due dates; actions closed by
their owner or a privacy officer; the next review keeps the follow-up of earlier ones.
Every refusal is said at once and stores nothing."""

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from tests.helpers import fiscal_year_now, page_text
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.queue import render_queued
from vendorrisk.supervision.review_models import ActionStatus, ManagementReview, ReviewAction

NOW = datetime(2027, 5, 20, 3, 0, tzinfo=UTC)  # fiscal year 2027 began on 1 April


@pytest.fixture
def people(make_user):
    return {"officer": make_user(Role.APPROVER, email="officer@example.com"),
            "ceo": make_user(Role.EXECUTIVE, email="ceo@example.com"),
            "buyer": make_user(Role.PROCUREMENT, email="buyer@example.com"),
            "auditor": make_user(Role.AUDITOR, email="auditor@example.com")}


def _summary_run(app, client, year: int) -> int:
    made = client.post("/reports/summary", data={"year": str(year), "lang": "en"})
    assert made.status_code == 302
    with app.app_context():
        assert render_queued(utcnow()) == 1
    return int(made.headers["Location"].rsplit("/", 1)[1])


def _form(run_id: int, year: int, **changes) -> dict:
    return {"held_on": "2027-05-18", "fiscal_year": str(year), "summary_run_id": str(run_id),
            "participants": "CEO (chair); privacy officer; head of procurement",
            "other_inputs": "Internal audit of March 2027.",
            "decisions": "Audit the two tier 1 vendors abroad this year.", **changes}


@time_machine.travel(NOW, tick=False)
def test_a_review_is_recorded_with_its_summary_frozen_and_its_actions_tracked_to_closure(
        app, client, auth, people):
    auth.login(people["officer"].email)
    run_id = _summary_run(app, client, 2026)
    recorded = client.post("/reports/management-reviews/new", data=_form(run_id, 2026, **{
        "actions-0-task": "Plan on-site audits of Acme and Zeta",
        "actions-0-owner_id": str(people["buyer"].id), "actions-0-due_on": "2027-07-31",
        "actions-1-task": "Shorten the deletion certificate deadline",
        "actions-1-owner_id": str(people["officer"].id), "actions-1-due_on": "2027-06-30"}))
    assert recorded.status_code == 302, page_text(recorded)
    page = page_text(client.get(recorded.headers["Location"]))
    assert "Management review of 2027-05-18" in page
    assert f"Plan on-site audits of Acme and Zeta {people['buyer'].name} 2027-07-31 open" in page
    with app.app_context():
        review = db.session.scalar(select(ManagementReview))
        assert (review.fiscal_year, review.held_on, len(review.actions)) == (
            2026, date(2027, 5, 18), 2)
        assert review.follow_up == []
        sha = review.summary_sha256
        review_id, [first, second] = review.id, [a.id for a in review.actions]
        assert db.session.scalar(select(AuditEvent.details).where(
            AuditEvent.action == "management_review.recorded"))["actions"] == 2
    frozen = client.get(f"/reports/management-reviews/{review_id}/summary")
    assert frozen.status_code == 200
    assert hashlib.sha256(frozen.data).hexdigest() == sha  # the very file it read
    assert frozen.data.startswith(b"%PDF")
    frozen.close()

    # the owner closes their own action; nobody else but a privacy officer may
    auth.logout()
    auth.login(people["auditor"].email)
    refused = client.post(f"/reports/management-reviews/{review_id}/actions/{first}/close",
                          data={"note": "Done."})
    assert refused.status_code == 403
    auth.logout()
    auth.login(people["buyer"].email)
    empty = client.post(f"/reports/management-reviews/{review_id}/actions/{first}/close",
                        data={"note": "  "})
    assert empty.status_code == 400
    assert "Say what was done." in page_text(empty)
    closed = client.post(f"/reports/management-reviews/{review_id}/actions/{first}/close",
                         data={"note": "Audits booked for June."})
    assert closed.status_code == 302
    again = client.post(f"/reports/management-reviews/{review_id}/actions/{first}/close",
                        data={"note": "Twice."})
    assert again.status_code == 400
    with app.app_context():
        action = db.session.get(ReviewAction, first)
        assert (action.status, action.closing_note) == (ActionStatus.DONE,
                                                         "Audits booked for June.")
        assert db.session.get(ReviewAction, second).status == ActionStatus.OPEN
    listing = page_text(client.get("/reports/management-reviews/"))
    assert "Shorten the deletion certificate deadline" in listing  # still open
    assert "Plan on-site audits" not in listing.split("Reviews held")[0]

    # a year later the next review finds both: one closed since, one still open
    auth.logout()
    with time_machine.travel(NOW + timedelta(days=365), tick=False):
        auth.login(people["ceo"].email)
        run_id = _summary_run(app, client, 2027)
        nxt = client.post("/reports/management-reviews/new",
                          data=_form(run_id, 2027, held_on="2028-05-17"))
        assert nxt.status_code == 302, page_text(nxt)
        follow = page_text(client.get(nxt.headers["Location"]))
    assert "done on" in follow
    assert "Audits booked for June." in follow
    assert "Shorten the deletion certificate deadline" in follow
    with app.app_context():
        later = db.session.scalar(select(ManagementReview).where(
            ManagementReview.fiscal_year == 2027))
        assert sorted(item["status"] for item in later.follow_up) == ["done", "open"]


@time_machine.travel(NOW, tick=False)
def test_every_mistake_is_said_at_once_and_nothing_is_stored(app, client, auth, people):
    auth.login(people["officer"].email)
    run_id = _summary_run(app, client, 2026)
    refused = client.post("/reports/management-reviews/new", data=_form(
        run_id, 2027, held_on="2027-06-01", participants=" ", decisions="", **{
            "actions-0-task": "Half an action",
            "actions-2-owner_id": str(people["buyer"].id),
            "actions-2-due_on": "2027-01-01"}))
    assert refused.status_code == 400
    page = page_text(refused)
    for message in ("Give the day the review was held (not a day still to come).",
                    "Name who took part.", "Record what the review decided.",
                    "The summary chosen is of fiscal year 2026, not of 2027.",
                    "Action 1: choose an active user as its owner.",
                    "Action 1: give a due date on or after the review.",
                    "Action 3: say what is to be done."):
        assert message in page, message
    assert 'value="Half an action"' in refused.get_data(as_text=True)  # what was typed stays
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ManagementReview)) == 0
        assert db.session.scalar(select(func.count()).select_from(ReviewAction)) == 0


@pytest.mark.parametrize("summary", ["", "999999", "abc", "²"])
@time_machine.travel(NOW, tick=False)
def test_a_review_without_a_summary_made_is_refused(app, client, auth, people, summary):
    auth.login(people["officer"].email)
    form = client.get("/reports/management-reviews/new")
    assert "No annual summary has been made yet" in page_text(form)
    refused = client.post("/reports/management-reviews/new",
                          data={**_form(0, 2026), "summary_run_id": summary})
    assert refused.status_code == 400
    assert "Choose the annual summary the review read" in page_text(refused)


@pytest.mark.parametrize(("role", "status"), [
    (Role.APPROVER, 200), (Role.EXECUTIVE, 200), (Role.PROCUREMENT, 403),
    (Role.REVIEWER, 403), (Role.AUDITOR, 403), (Role.ADMIN, 403)])
def test_privacy_officers_and_top_management_record_reviews_everyone_reads(
        client, auth, role, status):
    auth.login_as(role)
    assert client.get("/reports/management-reviews/new").status_code == status
    listing = client.get("/reports/management-reviews/")
    assert listing.status_code == 200
    assert ("Record a management review" in page_text(listing)) is (status == 200)


@time_machine.travel(NOW, tick=False)
def test_every_role_reads_a_recorded_review_and_its_summary(app, client, auth, people,
                                                             make_user):
    auth.login(people["officer"].email)
    run_id = _summary_run(app, client, 2026)
    recorded = client.post("/reports/management-reviews/new", data=_form(run_id, 2026))
    path = recorded.headers["Location"]
    for role in Role:
        auth.logout()
        auth.login(make_user(role).email)
        assert client.get(path).status_code == 200, role
        summary = client.get(f"{path}/summary")
        assert summary.status_code == 200, role
        summary.close()


def test_an_unknown_review_or_an_action_of_another_review_is_not_found(client, auth):
    auth.login_as(Role.APPROVER)
    assert client.get("/reports/management-reviews/1").status_code == 404
    assert client.get("/reports/management-reviews/1/summary").status_code == 404
    assert client.post("/reports/management-reviews/1/actions/1/close",
                       data={"note": "x"}).status_code == 404


def test_the_reports_page_leads_to_the_reviews(client, auth):
    auth.login_as(Role.AUDITOR)
    assert "Management reviews" in page_text(client.get("/reports/runs"))
    assert fiscal_year_now()  # the summary offered is of a fiscal year
