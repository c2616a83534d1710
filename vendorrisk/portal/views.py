"""Portal pages: the questionnaire, saving, submitting, handing over to a colleague.

The link is the key: every request resolves the token, logs its use and shows only
that respondent's assessment.
"""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from vendorrisk.assessments.links import resolve
from vendorrisk.assessments.models import LinkUse, Respondent
from vendorrisk.assessments.services import StaleAnswer, save_answer
from vendorrisk.assessments.submission import add_colleague, submit_assessment
from vendorrisk.assessments.workflow import EDITABLE
from vendorrisk.clock import utcnow
from vendorrisk.errors import DomainError
from vendorrisk.extensions import db, limiter
from vendorrisk.notifications.services import deliver_pending
from vendorrisk.portal import bp
from vendorrisk.portal.forms import parse_section_post
from vendorrisk.portal.questionnaire import Questionnaire

PORTAL_LIMIT = "120 per minute"


def _respondent(token: str, action: str) -> Respondent:
    now = utcnow()
    respondent = resolve(token, now)
    respondent.last_used_at = now
    db.session.add(LinkUse(respondent_id=respondent.id, used_at=now, action=action,
                           ip=request.remote_addr,
                           user_agent=(request.user_agent.string or "")[:300]))
    return respondent


def _token_key() -> str:
    return (request.view_args or {}).get("token", "")[:16]


@bp.get("/<token>")
@limiter.limit(PORTAL_LIMIT, key_func=_token_key)
def questionnaire(token: str) -> ResponseReturnValue:
    respondent = _respondent(token, "view")
    db.session.commit()
    view = Questionnaire.of(respondent.assessment)
    section = view.section(request.args.get("section"))
    return render_template("portal/questionnaire.html", token=token, respondent=respondent,
                           view=view, section=section, editable=(
                               respondent.assessment.status in EDITABLE))


@bp.post("/<token>/save")
@limiter.limit(PORTAL_LIMIT, key_func=_token_key)
def save(token: str) -> ResponseReturnValue:
    respondent = _respondent(token, "save")
    assessment = respondent.assessment
    view = Questionnaire.of(assessment)
    section = view.section(request.form.get("section"))
    errors: dict[str, str] = {}
    conflicts: dict[str, object] = {}
    for question, fields in parse_section_post(section, request.form, errors):
        try:
            with db.session.begin_nested():
                save_answer(assessment, respondent, question.id, now=utcnow(), **fields)
        except StaleAnswer as error:
            conflicts[question.id] = error.theirs
        except DomainError as error:
            errors[question.id] = error.message
    db.session.commit()
    if errors or conflicts:
        view = Questionnaire.of(assessment)
        return render_template("portal/questionnaire.html", token=token, respondent=respondent,
                               view=view, section=section, editable=True, errors=errors,
                               conflicts=conflicts, posted=request.form), 409 if conflicts \
            else 400
    flash(_("Your answers are saved."), "success")
    return redirect(url_for("portal.questionnaire", token=token, section=section.id))


@bp.post("/<token>/autosave")
@limiter.limit(PORTAL_LIMIT, key_func=_token_key)
def autosave(token: str) -> ResponseReturnValue:
    respondent = _respondent(token, "autosave")
    assessment = respondent.assessment
    view = Questionnaire.of(assessment)
    section = view.section(request.form.get("section"))
    errors: dict[str, str] = {}
    saved, conflicts = {}, {}
    for question, fields in parse_section_post(section, request.form, errors):
        try:
            with db.session.begin_nested():
                answer = save_answer(assessment, respondent, question.id, now=utcnow(),
                                     **fields)
            saved[question.id] = answer.version
        except StaleAnswer as error:
            conflicts[question.id] = {"value": error.theirs.value,
                                      "version": error.theirs.version,
                                      "message": error.message}
        except DomainError as error:
            errors[question.id] = error.message
    db.session.commit()
    view = Questionnaire.of(assessment)
    shown = [qid for qid, item in view.result.questions.items() if item.status != "hidden"]
    status = 409 if conflicts else 400 if errors else 200
    return jsonify(saved=saved, conflicts=conflicts, errors=errors, shown=shown,
                   progress=view.percent_done), status


@bp.route("/<token>/submit", methods=["GET", "POST"])
@limiter.limit(PORTAL_LIMIT, key_func=_token_key)
def submit(token: str) -> ResponseReturnValue:
    respondent = _respondent(token, "submit" if request.method == "POST" else "review")
    assessment = respondent.assessment
    if request.method == "POST":
        try:
            submit_assessment(assessment, respondent, name=request.form.get("name", ""),
                              title=request.form.get("title", ""),
                              confirmed=request.form.get("confirm") == "yes", now=utcnow())
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("Thank you. Your answers have been submitted and can no longer be "
                    "changed."), "success")
            return redirect(url_for("portal.questionnaire", token=token))
    db.session.commit()
    return render_template("portal/submit.html", token=token, respondent=respondent,
                           view=Questionnaire.of(assessment)), (
        400 if request.method == "POST" else 200)


@bp.post("/<token>/colleague")
@limiter.limit(PORTAL_LIMIT, key_func=_token_key)
def colleague(token: str) -> ResponseReturnValue:
    respondent = _respondent(token, "add_colleague")
    try:
        added = add_colleague(respondent.assessment, respondent,
                              name=request.form.get("name", ""),
                              email=request.form.get("email", ""),
                              language=request.form.get("language", "en"), now=utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        deliver_pending(utcnow())
        flash(_("%(email)s has been sent a link of their own.", email=added.email), "success")
    return redirect(url_for("portal.questionnaire", token=token))
