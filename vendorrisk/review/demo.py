"""Demo assessments in each state of the lifecycle, and one live portal link."""

from datetime import datetime, timedelta

from sqlalchemy import select

from vendorrisk.assessments.evidence import attach, missing_evidence
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.services import (
    create_assessment,
    invite,
    save_answer,
    send_assessment,
    transition,
)
from vendorrisk.assessments.submission import (
    current_score,
    return_for_revision,
    submit_assessment,
)
from vendorrisk.assessments.workflow import Event
from vendorrisk.auth.models import User
from vendorrisk.contracts.demo import give_contracts
from vendorrisk.foundation.extensions import db
from vendorrisk.review.findings import record_finding
from vendorrisk.review.signoff import propose_decision, sign
from vendorrisk.standards.definition import QuestionType
from vendorrisk.standards.scoring import Status
from vendorrisk.standards.services import definition_of
from vendorrisk.vendors.models import Vendor

# vendor, what happens to its assessment
PLAN = [
    ("Aoba Office Supplies Co.", "draft"),
    ("Minato Print & Mail Inc.", "sent"),
    ("Kanto Logistics Partners", "in_progress"),
    ("Sakura Contact Center Co., Ltd.", "submitted"),
    ("Pacific CRM Inc.", "returned"),
    ("Kanto Logistics Partners", "in_review"),
    ("Harbour Data Centre Pte. Ltd.", "expired"),
    ("Kyuyo Payroll Services K.K.", "cancelled"),
    ("Kyuyo Payroll Services K.K.", "decided"),
    ("Sakura Contact Center Co., Ltd.", "awaiting_approval"),
]


def _good_answer(question):  # noqa: ANN001, ANN202
    if question.type == QuestionType.MATURITY:
        # Mostly 3, some 2: the same every run (str hash() changes between processes).
        return 2 if len(question.id) % 4 == 0 else 3
    if question.type == QuestionType.YES_NO:
        return "yes"
    if question.type == QuestionType.SINGLE_CHOICE:
        return max(question.choices, key=lambda choice: choice.score).id
    if question.type == QuestionType.MULTI_CHOICE:
        return [choice.id for choice in question.choices]
    if question.type == QuestionType.NUMBER:
        return 1200
    if question.type == QuestionType.DATE:
        return "2027-03-31"
    return "See the attached policy (demo answer)."


def _answer_all(assessment: Assessment, now: datetime, *, limit: int | None = None) -> None:
    respondent = assessment.respondents[0]
    definition = definition_of(assessment.standard_version)
    for count, question in enumerate(definition.questions.values()):
        if limit is not None and count >= limit:
            return
        if current_score(assessment).questions[question.id].status == Status.HIDDEN:
            continue
        if question.type != QuestionType.FILE:
            save_answer(assessment, respondent, question.id, value=_good_answer(question),
                        not_applicable=False, justification="", comment="",
                        expected_version=None, now=now)


DEMO_PDF = b"%PDF-1.4\n% vendorrisk demo evidence\n%%EOF\n"


def _attach_demo_evidence(assessment: Assessment, now: datetime) -> None:
    """A small PDF on every answer that asks for evidence, as a vendor would attach."""
    respondent = assessment.respondents[0]
    for question_id in missing_evidence(assessment, current_score(assessment)):
        attach(assessment, respondent, question_id, filename=f"{question_id}.pdf",
               data=DEMO_PDF, now=now)


def _sign_off(assessment: Assessment, reviewer: User, approver: User | None,
              now: datetime) -> None:
    """A finding as the condition, a conditional approval signed by the reviewer and, when
    ``approver`` is given, by the approver (whose signature decides it)."""
    first = next(iter(definition_of(assessment.standard_version).questions))
    record_finding(assessment, question_id=first, evidence_id=None, severity="medium",
                   description="The handling rules do not name the temporary staff.",
                   remediation="Add temporary staff to the handling rules and send them.",
                   owner_id=reviewer.id, due_on=(now + timedelta(days=60)).date(),
                   actor=reviewer, now=now)
    propose_decision(assessment, outcome="approve_with_conditions", actor=reviewer, now=now,
                     rationale="Sound controls; the handling rules must cover temporary staff.")
    sign(assessment, stage="reviewer", actor=reviewer, now=now)
    if approver is not None:
        sign(assessment, stage="approver", actor=approver, now=now)


def load_assessment_demo(*, now: datetime) -> None:
    """Create the demo assessments once."""
    if db.session.scalar(select(Assessment.id).limit(1)) is not None:
        return
    sender = db.session.scalar(select(User).where(User.email == "procurement@example.com"))
    reviewer = db.session.scalar(select(User).where(User.email == "reviewer@example.com"))
    approver = db.session.scalar(select(User).where(User.email == "approver@example.com"))
    for name, target in PLAN:
        vendor = db.session.scalar(select(Vendor).where(Vendor.legal_name == name))
        if vendor is None or not vendor.contacts:
            continue
        assessment = create_assessment(vendor, kind="selection", version=None,
                                       version_reason="", due_on=(now + timedelta(days=14))
                                       .date(), contacts=vendor.contacts[:1], actor=sender,
                                       now=now)
        if target == "draft":
            continue
        send_assessment(assessment, actor=sender, now=now)
        if target == "in_progress":
            _answer_all(assessment, now, limit=12)
        elif target in {"decided", "awaiting_approval"} and reviewer and approver:
            _answer_all(assessment, now)
            _attach_demo_evidence(assessment, now)
            submit_assessment(assessment, assessment.respondents[0], name="Demo Respondent",
                              title="Information security manager", confirmed=True, now=now)
            give_contracts(vendor, actor=sender, now=now)
            _sign_off(assessment, reviewer, approver if target == "decided" else None, now)
        elif target in {"submitted", "returned", "in_review"}:
            _answer_all(assessment, now)
            _attach_demo_evidence(assessment, now)
            submit_assessment(assessment, assessment.respondents[0], name="Demo Respondent",
                              title="Information security manager", confirmed=True, now=now)
            if target == "in_review" and reviewer is not None:
                transition(assessment, Event.REVIEW, actor=reviewer, now=now)
            if target == "returned" and reviewer is not None:
                first = next(iter(definition_of(assessment.standard_version).questions))
                return_for_revision(assessment, {first: "Please attach the policy itself."},
                                    actor=reviewer, now=now)
        elif target in {"expired", "cancelled"}:
            event = Event.EXPIRE if target == "expired" else Event.CANCEL
            transition(assessment, event, actor=sender, now=now)


def demo_portal_link(*, now: datetime) -> str | None:
    """A fresh link to the demo questionnaire still awaiting answers (links are stored
    only as hashes, so each run issues a new one; the previous stops working)."""
    assessment = db.session.scalar(select(Assessment).join(Vendor).where(
        Vendor.legal_name == PLAN[1][0], Assessment.status.in_(["sent", "in_progress"])))
    if assessment is None or not assessment.respondents:
        return None
    return invite(assessment.respondents[0], kind="invitation", actor=None, now=now)
