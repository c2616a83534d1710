"""Uploading the answers a vendor already gave elsewhere (a VSAQ export, a CAIQ workbook):
they fill the unanswered questions as "carried over — confirm or change"."""

from flask import flash, request, session
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from vendorrisk.assessments.prefill_files import MAX_ANSWER_FILE
from vendorrisk.assessments.prefill_service import prefill_answers
from vendorrisk.edges.portal import bp
from vendorrisk.edges.portal.views import (
    SHOW_PREFILL,
    back_to_questionnaire,
    link_key,
    log_refused,
    portal_limits,
    respondent_for,
)
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import DomainError, ValidationError
from vendorrisk.foundation.extensions import db, limiter


def _read_upload() -> tuple[str, bytes]:
    upload = request.files.get("answers_file")
    if upload is None or not upload.filename:
        raise ValidationError(_("Choose a file first."))
    try:
        return upload.filename, upload.stream.read(MAX_ANSWER_FILE + 1)
    finally:
        upload.close()  # large uploads are spooled to a temporary file


@bp.post("/<token>/answers-file")
@portal_limits
@limiter.limit("30 per hour", key_func=link_key)  # each one reads a whole file
def answers_file(token: str) -> ResponseReturnValue:
    """Fill the questionnaire from the file; the page then shows what was filled and what
    was not (a refusal: why, with nothing changed)."""
    respondent = respondent_for(token, "answers_file")
    try:
        filename, data = _read_upload()
        prefill_answers(respondent.assessment, respondent, filename=filename, data=data,
                        now=utcnow())
    except DomainError as error:
        db.session.rollback()
        log_refused(respondent, "answers_file")
        flash(error.message, "danger")
        return back_to_questionnaire(token, request.form.get("section"), "answers-file")
    db.session.commit()
    session[SHOW_PREFILL] = respondent.assessment_id  # the page shows what was filled in
    return back_to_questionnaire(token, request.form.get("section"), "prefill-report")

