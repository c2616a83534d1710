"""Portal pages: the questionnaire, saving, submitting, handing over to a colleague. The
link is the key: every request resolves the token, logs its use and shows only that
respondent's assessment."""

from typing import Any

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from vendorrisk.assessments.evidence import (
    attach,
    current_files,
    file_answer,
    missing_evidence,
    remove,
)
from vendorrisk.assessments.links import log_use, resolve, token_hash
from vendorrisk.assessments.models import EvidenceFile, Respondent
from vendorrisk.assessments.prefill_service import last_report
from vendorrisk.assessments.respondent_words import headline, only_in, words
from vendorrisk.assessments.services import StaleAnswer, save_answer
from vendorrisk.assessments.submission import add_colleague, submit_assessment
from vendorrisk.assessments.workflow import EDITABLE
from vendorrisk.edges.portal import bp
from vendorrisk.edges.portal.forms import parse_section_post
from vendorrisk.edges.portal.progress import (
    files_words,
    progress,
    progress_patterns,
    progress_words,
)
from vendorrisk.edges.portal.questionnaire import Questionnaire, section_of
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.downloads import send_stored
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db, limiter
from vendorrisk.foundation.i18n import use_link_language
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.notifications.services import deliver_own
from vendorrisk.standards.definition import QuestionType
from vendorrisk.standards.services import definition_of

SHOW_PREFILL = "portal_prefill"  # set by an upload of an answers file, shown once


@bp.context_processor
def _respondent_words() -> dict[str, Any]:
    """A standard's texts as the respondent reads them (never an untranslated mark)."""
    return {"words": words, "headline": headline, "only_in": only_in}


def _link_limit() -> str:
    return current_app.config["PORTAL_RATE_LIMIT"]


def _ip_limit() -> str:
    return current_app.config["PORTAL_IP_RATE_LIMIT"]


def respondent_for(token: str, action: str) -> Respondent:
    now = utcnow()
    respondent = resolve(token, now, for_change=request.method == "POST")
    use_link_language(respondent.language.value)
    log_use(respondent, action, ip=request.remote_addr,
            user_agent=request.user_agent.string, now=now)
    return respondent


def log_refused(respondent: Respondent, action: str) -> None:
    """A refused action is a use of the link too; the rollback took its log row with it."""
    log_use(respondent, f"{action}_refused", ip=request.remote_addr,
            user_agent=request.user_agent.string, now=utcnow())
    db.session.commit()


def portal_limits(view):  # noqa: ANN001, ANN201
    """Every portal page counts against its link's limit and its address's limit."""
    return limiter.limit(_link_limit, key_func=link_key)(limiter.limit(_ip_limit)(view))


def link_key() -> str:
    # The link's own counter (a prefix of its hash: the token itself is never kept).
    return "link:" + token_hash((request.view_args or {}).get("token", ""))[:16]


@bp.get("/<token>")
@portal_limits
def questionnaire(token: str) -> ResponseReturnValue:
    respondent = respondent_for(token, "view")
    shown = session.pop(SHOW_PREFILL, None) == respondent.assessment_id  # after an upload
    prefill = last_report(respondent.assessment) if shown else None
    # Built before the commit that keeps the use: a commit would expire what was read, and
    # the page would read the respondent and the assessment a second time.
    page = questionnaire_page(token, respondent, prefill=prefill)
    db.session.commit()
    return page


def _save_section(respondent: Respondent, form: Any) -> tuple[dict, dict, dict]:
    """Save every answer posted for one section: (saved versions, errors, conflicts)."""
    assessment = respondent.assessment
    section = section_of(definition_of(assessment.standard_version), form.get("section"))
    saved: dict[str, int] = {}
    errors: dict[str, str] = {}
    conflicts: dict[str, Any] = {}
    for question, fields in parse_section_post(section, form, errors):
        if question.type == QuestionType.FILE and not fields["not_applicable"]:
            fields["value"] = file_answer(assessment, question.id)  # the form has no value
        try:  # save_answer refuses before it changes anything, so no savepoint is needed
            answer = save_answer(assessment, respondent, question.id, now=utcnow(), **fields)
            saved[question.id] = answer.version
        except StaleAnswer as error:
            conflicts[question.id] = error.theirs
        except DomainError as error:
            errors[question.id] = error.message
    return saved, errors, conflicts


def questionnaire_page(token: str, respondent: Respondent, status: int = 200, **extra: Any
                       ) -> ResponseReturnValue:
    view = Questionnaire.of(respondent.assessment)
    section = view.section(request.values.get("section"))
    patterns = progress_patterns()  # once per page: the words, the badges and the script
    return render_template("portal/questionnaire.html", token=token, respondent=respondent,
                           view=view, section=section, files=current_files(view.assessment),
                           progress_text=progress_words(view, patterns),
                           files_words=lambda count: files_words(count, patterns),
                           progress_patterns=patterns,
                           editable=respondent.assessment.status in EDITABLE, **extra), status


def back_to_questionnaire(token: str, section: str | None, anchor: str | None = None
                          ) -> ResponseReturnValue:
    """Every portal POST answers with a redirect (Back never offers to send it again)."""
    return redirect(url_for("portal.questionnaire", token=token, section=section or None,
                            _anchor=anchor))


def _finish(token: str, respondent: Respondent, errors: dict, conflicts: dict,
            done: str) -> ResponseReturnValue:
    """Commit what was saved; show the page again with any refusals, else go back to it."""
    db.session.commit()
    if errors or conflicts:
        return questionnaire_page(token, respondent, 409 if conflicts else 400, errors=errors,
                                  conflicts=conflicts, posted=request.form)
    flash(done, "success")
    return back_to_questionnaire(token, request.form.get("section"))


@bp.post("/<token>/save")
@portal_limits
def save(token: str) -> ResponseReturnValue:
    respondent = respondent_for(token, "save")
    _saved, errors, conflicts = _save_section(respondent, request.form)
    return _finish(token, respondent, errors, conflicts, _("Your answers are saved."))


@bp.post("/<token>/evidence/<question_id>")
@portal_limits
def upload(token: str, question_id: str) -> ResponseReturnValue:
    """Save the section's answers and attach the chosen file to ``question_id``."""
    respondent = respondent_for(token, "upload")
    _saved, errors, conflicts = _save_section(respondent, request.form)
    upload = request.files.get(f"file-{question_id}")
    if upload is None or not upload.filename:
        errors[question_id] = _("Choose a file first.")
    else:
        try:
            with db.session.begin_nested():
                attach(respondent.assessment, respondent, question_id,
                       filename=upload.filename, data=upload.read(), now=utcnow())
        except DomainError as error:
            errors[question_id] = error.message
        finally:
            upload.close()  # large uploads are spooled to a temporary file
    return _finish(token, respondent, errors, conflicts, _("File attached."))


def _evidence(respondent: Respondent, evidence_id: int) -> EvidenceFile:
    evidence = child_or_404(EvidenceFile, evidence_id, assessment_id=respondent.assessment_id)
    if evidence.removed_at is not None:
        abort(404)
    return evidence


@bp.post("/<token>/evidence/<int:evidence_id>/remove")
@portal_limits
def remove_file(token: str, evidence_id: int) -> ResponseReturnValue:
    respondent = respondent_for(token, "remove_file")
    _save_section(respondent, request.form)
    try:
        remove(_evidence(respondent, evidence_id), respondent, utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("File removed."), "success")
    return back_to_questionnaire(token, request.form.get("section"))


@bp.get("/<token>/evidence/<int:evidence_id>")
@portal_limits
def download(token: str, evidence_id: int) -> ResponseReturnValue:
    respondent = respondent_for(token, "download")
    evidence = _evidence(respondent, evidence_id)
    db.session.commit()
    return send_stored(evidence)


@bp.post("/<token>/autosave")
@portal_limits
def autosave(token: str) -> ResponseReturnValue:
    respondent = respondent_for(token, "autosave")
    saved, errors, stale = _save_section(respondent, request.form)
    conflicts = {qid: {"value": theirs.value, "version": theirs.version,
                       "message": _("Someone else saved this answer meanwhile (it is now: "
                                    "%(value)s). Yours was not saved; reload the page to "
                                    "compare before you change it.",
                                    value=theirs.value if theirs.value is not None
                                    else _("(no answer)"))}
                 for qid, theirs in stale.items()}
    # The answer is built from what was written, before the commit: nothing is read after
    # it (a connection lost then would turn a saved answer into a 500).
    view = Questionnaire.of(respondent.assessment)
    body = {"saved": saved, "conflicts": conflicts, "errors": errors,
            "shown": view.shown_ids, "pending": view.pending, **progress(view),
            "why": {qid: [warning.id for warning in warnings]
                    for qid, warnings in view.why.items()}}
    db.session.commit()
    return jsonify(body), 409 if conflicts else 400 if errors else 200


@bp.route("/<token>/submit", methods=["GET", "POST"])
@portal_limits
def submit(token: str) -> ResponseReturnValue:
    if request.method == "POST":
        return _submit_now(token)
    respondent = respondent_for(token, "review")
    db.session.commit()
    view = Questionnaire.of(respondent.assessment)
    typed = session.pop("portal_submit", None) or {}  # what a refused submission carried
    return render_template("portal/submit.html", token=token, respondent=respondent,
                           view=view, editable=view.assessment.status in EDITABLE,
                           typed=typed if isinstance(typed, dict) else {},
                           missing_files=missing_evidence(view.assessment, view.result))


def _submit_now(token: str) -> ResponseReturnValue:
    """Submit, then redirect (Post/Redirect/Get): a refusal goes back to the submit page,
    which says why and keeps the name and title typed."""
    respondent = respondent_for(token, "submit")
    name, title = request.form.get("name", ""), request.form.get("title", "")
    try:
        submit_assessment(respondent.assessment, respondent, name=name, title=title,
                          confirmed=request.form.get("confirm") == "yes", now=utcnow())
    except DomainError as error:
        db.session.rollback()
        log_refused(respondent, "submit")
        flash(error.message, "danger")
        session["portal_submit"] = {"name": name[:200], "title": title[:200]}
        return redirect(url_for("portal.submit", token=token))
    db.session.commit()
    deliver_own(utcnow())  # the acknowledgement and the reviewers' notice go now
    flash(_("Thank you. Your answers have been submitted and can no longer be changed."),
          "success")
    return redirect(url_for("portal.questionnaire", token=token))


@bp.post("/<token>/colleague")
@portal_limits
@limiter.limit("10 per hour", key_func=link_key)  # each one sends an e-mail
def colleague(token: str) -> ResponseReturnValue:
    respondent = respondent_for(token, "add_colleague")
    try:
        added = add_colleague(respondent.assessment, respondent,
                              name=request.form.get("name", ""),
                              email=request.form.get("email", ""),
                              language=request.form.get("language", "en"), now=utcnow())
    except DomainError as error:
        db.session.rollback()
        log_refused(respondent, "add_colleague")
        flash(error.message, "danger")
    else:
        db.session.commit()
        deliver_own(utcnow())
        flash(_("%(email)s has been sent a link of their own.", email=added.email), "success")
    return redirect(url_for("portal.questionnaire", token=token))
