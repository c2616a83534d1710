"""Submitting answers (with attestation), returning them for revision, adding colleagues."""

from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.assessments.carry import pending_confirmation
from vendorrisk.assessments.evidence import missing_evidence
from vendorrisk.assessments.handoffs import announce_submission
from vendorrisk.assessments.models import AnswerReview, Assessment, Respondent, ReviewComment
from vendorrisk.assessments.respondent_words import headline
from vendorrisk.assessments.services import invite, transition
from vendorrisk.assessments.why_boxes import blocking_missing, unexplained, why_asked
from vendorrisk.assessments.workflow import EDITABLE, Event
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Language, Role, User
from vendorrisk.foundation.errors import Conflict, PermissionDenied, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.scoring import Answer as ScoringAnswer
from vendorrisk.standards.scoring import Override, ScoreResult, Status, score
from vendorrisk.standards.services import definition_of


def scoring_answers(assessment: Assessment) -> dict[str, ScoringAnswer]:
    """The stored answers as the scoring reads them."""
    return {answer.question_id: ScoringAnswer(
        value=answer.value, not_applicable=answer.not_applicable,
        justification=answer.justification or "") for answer in assessment.answers}


def current_score(assessment: Assessment, *, with_overrides: bool = True) -> ScoreResult:
    """Score the answers as they stand, with the reviewers' overrides (used for progress,
    at submission and in review); an override counts in knockouts too."""
    definition = definition_of(assessment.standard_version)
    answers = scoring_answers(assessment)
    # Overrides exist only after submission: the portal's saves need not ask for them.
    overrides = None if assessment.status in EDITABLE or not with_overrides \
        else overrides_of(assessment)
    return score(definition, answers, assessment.profile, assessment.tier, overrides)


def overrides_of(assessment: Assessment) -> dict[str, Override]:
    """Question id → the points a reviewer set instead of the computed ones, with the
    justification (a knockout failed by an override names it)."""
    rows = db.session.execute(
        select(AnswerReview.question_id, AnswerReview.override_points,
               AnswerReview.override_reason)
        .where(AnswerReview.assessment_id == assessment.id,
               AnswerReview.override_points.is_not(None))).tuples().all()
    return {qid: Override(points, reason or "") for qid, points, reason in rows}


def rescore(assessment: Assessment) -> ScoreResult:
    """Score again and keep the percentage and grade on the assessment (for lists)."""
    result = current_score(assessment)
    assessment.score_percent = round(result.percent, 4)
    assessment.grade = result.grade.value
    return result


def submit_assessment(assessment: Assessment, respondent: Respondent, *, name: str,
                      title: str, confirmed: bool, now: datetime) -> ScoreResult:
    """Lock the answers after checking nothing required is missing and the attestation."""
    if assessment.status not in EDITABLE:
        raise Conflict(_("This questionnaire has already been submitted."))
    result = current_score(assessment)
    definition, answers = definition_of(assessment.standard_version), scoring_answers(assessment)
    missing = blocking_missing(definition, result.missing, answers)
    if missing or result.invalid:
        raise ValidationError(_("%(count)d required answers are missing or not valid.",
                                count=len(missing) + len(result.invalid)))
    _check_explained(assessment, result, answers)
    if missing_evidence(assessment, result):
        raise ValidationError(_("Some answers still need their evidence file."))
    shown = {qid for qid, item in result.questions.items() if item.status != Status.HIDDEN}
    pending = pending_confirmation(assessment, shown)
    if pending:
        raise ValidationError(_("%(count)d answers carried over from your last assessment "
                                "still need you to confirm or change them.",
                                count=len(pending)))
    if not name.strip() or not title.strip():
        raise ValidationError(_("Enter your name and job title."), field="name")
    if not confirmed:
        raise ValidationError(_("Confirm that the answers are accurate."), field="confirm")
    transition(assessment, Event.SUBMIT, actor=None, actor_label=respondent.email, now=now,
               details={"percent": round(result.percent, 2), "grade": result.grade.value,
                        "failed_knockouts": [f.question_id for f in result.failed_knockouts],
                        "attested_by": name.strip(), "title": title.strip()})
    assessment.submitted_at = now
    assessment.attested_name, assessment.attested_title = name.strip(), title.strip()
    assessment.attested_email, assessment.attested_at = respondent.email, now
    db.session.flush()
    result = rescore(assessment)  # overrides from an earlier round count again
    announce_submission(assessment, respondent, now=now)  # reviewers, owner, respondent
    return result


def still_to_explain(assessment: Assessment, result: ScoreResult,
                     answers: dict[str, ScoringAnswer] | None = None) -> list[str]:
    """Shown answers whose warning asks why (a why box) and that are not explained yet."""
    answers = scoring_answers(assessment) if answers is None else answers
    hidden = {qid for qid, item in result.questions.items() if item.status == Status.HIDDEN}
    asked = why_asked(definition_of(assessment.standard_version), answers,
                      assessment.profile, hidden)
    return unexplained(asked, answers)


def _check_explained(assessment: Assessment, result: ScoreResult,
                     answers: dict[str, ScoringAnswer]) -> None:
    to_explain = still_to_explain(assessment, result, answers)
    if to_explain:
        questions = definition_of(assessment.standard_version).questions
        locale = str(get_locale() or "en")
        raise ValidationError(_("Explain your answer where the questionnaire asks why: "
                                "%(questions)s.", questions=", ".join(
                                    f"“{headline(questions[qid].text, locale)}”"
                                    for qid in to_explain)), field=to_explain[0])


def return_for_revision(assessment: Assessment, comments: dict[str, str], *, actor: User,
                        now: datetime) -> None:
    """Send the questionnaire back with remarks on specific questions; e-mail the vendor."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers return questionnaires."))
    remarks = {qid: text.strip() for qid, text in comments.items() if text.strip()}
    if not remarks:
        raise ValidationError(_("Write at least one remark for the vendor."), field="comments")
    unknown = set(remarks) - set(definition_of(assessment.standard_version).questions)
    if unknown:
        raise ValidationError(_("Unknown question: %(ids)s.", ids=", ".join(sorted(unknown))))
    rounds = {comment.round for comment in assessment.review_comments}
    round_number = max(rounds, default=0) + 1
    transition(assessment, Event.RETURN, actor=actor, now=now,
               details={"round": round_number, "questions": sorted(remarks)})
    for question_id, text in sorted(remarks.items()):
        assessment.review_comments.append(ReviewComment(
            question_id=question_id, text=text, round=round_number, author=actor,
            created_at=now))
    for respondent in assessment.respondents:
        if respondent.revoked_at is None:
            invite(respondent, kind="returned", actor=actor, now=now)
    db.session.flush()


MAX_RESPONDENTS = 10  # a link may invite colleagues, but not send mail without end


def add_colleague(assessment: Assessment, by: Respondent, *, name: str, email: str,
                  language: str, now: datetime) -> Respondent:
    """A respondent hands the questionnaire to a colleague, who gets a link of their own."""
    if assessment.status not in EDITABLE:
        raise Conflict(_("The questionnaire is no longer open for answers."))
    if not name.strip() or len(name.strip()) > 200:
        raise ValidationError(_("Enter your colleague's name (at most 200 characters)."),
                              field="name")
    if len(assessment.respondents) >= MAX_RESPONDENTS:
        raise Conflict(_("This questionnaire already has %(count)d people with links; ask "
                         "the company that sent it to add more.", count=MAX_RESPONDENTS))
    try:
        address = validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValidationError(_("Enter a valid e-mail address."), field="email") from None
    if any(r.email.lower() == address.lower() for r in assessment.respondents):
        raise ValidationError(_("This person already has a link."), field="email")
    colleague = Respondent(assessment=assessment, name=name.strip(), email=address,
                           language=Language(language if language in ("en", "ja") else "en"),
                           added_by_respondent_id=by.id, created_at=now)
    db.session.add(colleague)
    db.session.flush()
    invite(colleague, kind="invitation", actor=None, now=now)
    record("assessment.respondent_added", actor=None, actor_label=by.email,
           object_type="assessment", object_id=assessment.id, now=now,
           details={"added": address, "by": by.email})
    return colleague
