"""Optional questions never stop a submission, and a choice list saved with nothing
chosen ("none of these apply") is an answer."""

from tests.helpers import page_text
from tests.portal.imported_standard import send_standard
from vendorrisk.assessments.models import Assessment
from vendorrisk.foundation.extensions import db

SUBMIT = {"name": "Hana Sato", "title": "Security lead", "confirm": "yes"}


def test_an_unanswered_required_choice_list_stops_the_submission(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    refused = vendor_client.post(f"{link}/submit", data={**csrf, **SUBMIT},
                                 follow_redirects=True)  # refused: back to the submit page
    assert (refused.status_code, refused.request.path) == (200, f"{link}/submit")
    text = page_text(refused)
    assert "1 required answers are missing or not valid." in text
    assert "Which tools do you use?" in text  # the only required question
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).status.value == "sent"


def test_none_of_these_is_an_answer_and_optional_questions_never_block(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    saved = vendor_client.post(f"{link}/save", data={
        "section": "app", **csrf, "present-app_tools": "1"})  # no box ticked
    assert saved.status_code == 302
    page = vendor_client.get(link).get_data(as_text=True)
    assert "1 of 1 required answers given" in page_text(vendor_client.get(link))
    assert 'id="q-app_tools-tools_scanner" value="tools_scanner">' in page
    submitted = vendor_client.post(f"{link}/submit", data={**csrf, **SUBMIT})
    assert submitted.status_code == 302
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).status.value == "submitted"
    assert "(none of these)" in page_text(vendor_client.get(link))
