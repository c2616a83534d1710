"""A form with several wrong fields names every one of them on the first try, and
changes nothing (issue 24: "forms report one error at a time")."""

from datetime import timedelta

import time_machine

from tests.helpers import page_text, table_snapshot
from tests.incidents.test_incident_pages import MONDAY, RECORD
from tests.incidents.test_requests import _request
from vendorrisk.foundation.clock import utcnow


@time_machine.travel(MONDAY, tick=False)
def test_an_incident_with_three_wrong_fields_names_all_three(app, client, auth, staff,
                                                             portfolio):
    auth.login(staff.buyer.email)
    with app.app_context():
        before = table_snapshot()
    response = client.post(f"/incidents/new/{portfolio['Acme Calls']}", data={
        **RECORD, "reporter_name": " ", "overview": "", "notified_at": "2027-01-01T09:00"})
    assert response.status_code == 400
    text = page_text(response)
    assert "Give the name of the person reporting." in text
    assert "Say what happened (the overview)." in text
    assert "This time is in the future." in text
    with app.app_context():
        assert table_snapshot() == before


def test_a_request_with_every_field_wrong_names_every_field(app, client, auth, staff,
                                                            portfolio):
    auth.login(staff.reviewer.email)
    with app.app_context():
        before = table_snapshot()
    today = utcnow().date()
    response = _request(client, kind="", reference=" ", subject="", categories=[],
                        received_on=(today + timedelta(days=2)).isoformat(), due_on="")
    assert response.status_code == 400
    text = page_text(response)
    for message in ("Choose what the person asks for.", "Give the case number of the request.",
                    "Say how a consignee can find the person's records",
                    "Tick the kinds of data the request concerns.",
                    "Give the day the request was received (not in the future).",
                    "Give the day the consignees must answer by (today or later)."):
        assert message in text
    with app.app_context():
        assert table_snapshot() == before
