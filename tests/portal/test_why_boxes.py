"""Why boxes: a warning that holds and asks why shows its box and a justification field;
the questionnaire cannot be submitted until each is explained."""

from sqlalchemy import select

from tests.helpers import page_text
from tests.portal.imported_standard import send_standard
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.foundation.extensions import db

SUBMIT = {"name": "Hana Sato", "title": "Security lead", "confirm": "yes"}
TOOLS_NONE = {"present-app_tools": "1"}  # saved with nothing chosen: "none of these"


def _save(vendor_client, link, csrf, **fields):
    return vendor_client.post(f"{link}/save", data={"section": "app", **csrf, **fields})


def _status(app, assessment_id):
    with app.app_context():
        return db.session.get(Assessment, assessment_id).status.value


def test_the_risky_answer_opens_the_box_and_stops_the_submission_until_explained(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    assert 'data-why="app_ssl" hidden' in vendor_client.get(link).get_data(as_text=True)
    saved = _save(vendor_client, link, csrf, **TOOLS_NONE, **{
        "present-app_ssl": "1", "q-app_ssl": "application_ssl_mixed"})
    assert saved.status_code == 302
    html = vendor_client.get(link).get_data(as_text=True)
    assert 'data-why="app_ssl">' in html  # a full reload shows it, without JavaScript
    assert 'name="just-app_ssl"' in html
    assert "If you have compensating controls, explain them." in page_text(
        vendor_client.get(link))

    refused = vendor_client.post(f"{link}/submit", data={**csrf, **SUBMIT},
                                 follow_redirects=True)  # refused: back to the submit page
    assert (refused.status_code, refused.request.path) == (200, f"{link}/submit")
    text = page_text(refused)
    assert "Explain your answer where the questionnaire asks why: " \
           "“How can users reach the application?”" in text
    assert _status(app, assessment_id) == "in_progress"

    _save(vendor_client, link, csrf, **{
        "present-app_ssl": "1", "q-app_ssl": "application_ssl_mixed",
        "just-app_ssl": "HTTP redirects to HTTPS at the load balancer."})
    submitted = vendor_client.post(f"{link}/submit", data={**csrf, **SUBMIT})
    assert submitted.status_code == 302
    assert _status(app, assessment_id) == "submitted"
    with app.app_context():
        answer = db.session.scalar(select(Answer).where(Answer.question_id == "app_ssl"))
        assert answer.justification == "HTTP redirects to HTTPS at the load balancer."


def test_the_safe_answer_asks_nothing(app, client, auth, make_vendor, smtp_server,
                                      tmp_path):
    vendor_client, link, csrf, assessment_id = send_standard(app, client, auth, make_vendor,
                                                             smtp_server, tmp_path)
    _save(vendor_client, link, csrf, **TOOLS_NONE, **{
        "present-app_ssl": "1", "q-app_ssl": "application_ssl_exclusively"})
    assert 'data-why="app_ssl" hidden' in vendor_client.get(link).get_data(as_text=True)
    assert vendor_client.post(f"{link}/submit", data={**csrf, **SUBMIT}).status_code == 302
    assert _status(app, assessment_id) == "submitted"


def test_autosave_says_which_questions_now_ask_why(app, client, auth, make_vendor,
                                                   smtp_server, tmp_path):
    vendor_client, link, csrf, _id = send_standard(app, client, auth, make_vendor,
                                                   smtp_server, tmp_path)
    headers = {"X-CSRFToken": csrf["csrf_token"]}
    risky = vendor_client.post(f"{link}/autosave", headers=headers, data={
        "section": "app", "present-app_ssl": "1", "q-app_ssl": "application_ssl_none"})
    assert risky.status_code == 200
    assert risky.get_json()["why"] == {"app_ssl": ["warn_ssl"]}
    safe = vendor_client.post(f"{link}/autosave", headers=headers, data={
        "section": "app", "present-app_ssl": "1", "q-app_ssl": "application_ssl_exclusively",
        "ver-app_ssl": risky.get_json()["saved"]["app_ssl"]})
    assert safe.status_code == 200
    assert safe.get_json()["why"] == {}


def test_the_submit_page_lists_what_still_needs_an_explanation(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, csrf, _id = send_standard(app, client, auth, make_vendor,
                                                   smtp_server, tmp_path)
    _save(vendor_client, link, csrf, **TOOLS_NONE, **{
        "present-app_ssl": "1", "q-app_ssl": "application_ssl_none"})
    page = page_text(vendor_client.get(f"{link}/submit"))
    assert "explain each one in the box the question shows" in page
    assert "Submit the answers" not in page
