"""The dashboard's three overdue counts — questionnaires, reviews, findings — each its own
card, green only at 0, its title linking to the list filtered the same way."""

import re
from datetime import timedelta

from tests.assessments.conftest import raise_finding
from tests.portal.conftest import create_and_send
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Finding
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import VendorStatus


def _card(html: str, name: str) -> str:
    start = html.index(f'id="overdue-{name}"')
    return html[start:html.index("</div></div></div>", start)]


def _badge(card: str) -> tuple[str, str]:
    colour, number = re.search(r'<span class="badge (text-bg-\w+)">(\d+)</span>', card).groups()
    return colour, number


def _days_ago(days: int):
    return utcnow().date() - timedelta(days=days)


def test_a_late_questionnaire_is_counted_and_listed(app, client, auth, smtp_server,
                                                    vendor_with_contact, make_vendor):
    late_id = create_and_send(client, auth, vendor_with_contact)
    on_time_id = create_and_send(client, auth, vendor_with_contact)
    with app.app_context():
        db.session.get(Assessment, late_id).due_on = _days_ago(8)
        db.session.commit()
    auth.login_as(Role.PROCUREMENT)
    html = client.get("/dashboard/").get_data(as_text=True)
    card = _card(html, "questionnaires")
    assert _badge(card) == ("text-bg-danger", "1")
    assert "Portal Test K.K." in card
    assert "8 days overdue" in card
    assert 'href="/assessments/?overdue=1"' in card
    assert _badge(_card(html, "reviews")) == ("text-bg-success", "0")
    assert _badge(_card(html, "findings")) == ("text-bg-success", "0")

    listed = client.get("/assessments/?overdue=1").get_data(as_text=True)
    assert f'href="/assessments/{late_id}"' in listed
    assert f'href="/assessments/{on_time_id}"' not in listed
    every = client.get("/assessments/").get_data(as_text=True)
    assert f'href="/assessments/{on_time_id}"' in every


def test_a_submitted_questionnaire_is_not_overdue(app, client, auth, people, submitted):
    assessment_id, _link = submitted
    with app.app_context():
        db.session.get(Assessment, assessment_id).due_on = _days_ago(3)
        db.session.commit()
    auth.login(people.reviewer.email)
    html = client.get("/dashboard/").get_data(as_text=True)
    assert _badge(_card(html, "questionnaires")) == ("text-bg-success", "0")
    assert "No questionnaire is overdue." in html
    listed = client.get("/assessments/?overdue=1").get_data(as_text=True)
    assert f'href="/assessments/{assessment_id}"' not in listed


def test_a_late_review_is_counted_and_the_register_filters_on_it(app, client, auth,
                                                                 make_vendor):
    late, due = make_vendor(legal_name="Late Review K.K."), make_vendor(legal_name="Due K.K.")
    with app.app_context():
        for vendor, days in ((late, 5), (due, -30)):
            stored = db.session.get(Vendor, vendor.id)
            stored.status = VendorStatus.APPROVED
            stored.next_review_on = _days_ago(days)
        db.session.commit()
    auth.login_as(Role.AUDITOR)
    html = client.get("/dashboard/").get_data(as_text=True)
    card = _card(html, "reviews")
    assert _badge(card) == ("text-bg-danger", "1")
    assert "Late Review K.K." in card
    assert 'href="/vendors/?review=overdue"' in card
    listed = client.get("/vendors/?review=overdue").get_data(as_text=True)
    assert "Late Review K.K." in listed
    assert "Due K.K." not in listed
    assert 'name="review" value="overdue" checked' in listed
    assert "Due K.K." in client.get("/vendors/").get_data(as_text=True)


def test_a_late_finding_is_counted_and_the_findings_queue_filters_on_it(
        app, client, auth, people, submitted):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    raise_finding(client, assessment_id, owner_id=people.reviewer.id,
                  description="Late remediation.")
    raise_finding(client, assessment_id, owner_id=people.second_reviewer.id,
                  description="Soon remediation.", due_in=5)
    with app.app_context():
        late = db.session.scalar(db.select(Finding).filter_by(description="Late remediation."))
        late.due_on = _days_ago(4)
        db.session.commit()
    html = client.get("/dashboard/").get_data(as_text=True)
    card = _card(html, "findings")
    assert _badge(card) == ("text-bg-danger", "1")
    assert "4 days overdue" in card
    assert 'href="/assessments/queue/findings?overdue=1"' in card
    assert _badge(_card(html, "questionnaires")) == ("text-bg-success", "0")
    listed = client.get("/assessments/queue/findings?overdue=1").get_data(as_text=True)
    assert "Late remediation." in listed
    assert "Soon remediation." not in listed  # due, not overdue
    everyone = client.get("/assessments/queue/findings?owner=all").get_data(as_text=True)
    assert "Soon remediation." in everyone


def test_a_role_that_may_not_open_a_list_gets_the_count_without_the_link(client, auth):
    auth.login_as(Role.PROCUREMENT)  # the findings queue is the reviewers'
    html = client.get("/dashboard/").get_data(as_text=True)
    card = _card(html, "findings")
    assert _badge(card) == ("text-bg-success", "0")
    assert "/assessments/queue/findings" not in card
    assert client.get("/assessments/queue/findings?overdue=1").status_code == 403
