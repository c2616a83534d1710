"""Assessments, their respondents (each with a link), answers and answer history."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DDL, JSON, Date, ForeignKey, String, Text, UniqueConstraint, event, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vendorrisk.assessments.workflow import Outcome, State
from vendorrisk.auth.models import Language, User
from vendorrisk.foundation.dbtypes import UTCDateTime, str_enum
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.models import StandardVersion
from vendorrisk.vendors.models import Vendor


class AssessmentKind(StrEnum):
    SELECTION = "selection"
    PERIODIC = "periodic"
    TRIGGERED = "triggered"
    HANDLING_STATUS_REPORT = "handling_status_report"
    CONFIRMATION = "confirmation"


class Assessment(db.Model):
    """One questionnaire sent to one vendor, answered against one standard version."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    kind: Mapped[AssessmentKind] = mapped_column(str_enum(AssessmentKind))
    standard_version_id: Mapped[int] = mapped_column(ForeignKey("standard_versions.id"))
    proposed_version_id: Mapped[int | None] = mapped_column(ForeignKey("standard_versions.id"))
    version_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[State] = mapped_column(str_enum(State), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    # What the conditions and knockouts read, frozen when the questionnaire is sent.
    tier: Mapped[str] = mapped_column(String(12))
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attested_name: Mapped[str | None] = mapped_column(String(200))
    attested_title: Mapped[str | None] = mapped_column(String(200))
    attested_email: Mapped[str | None] = mapped_column(String(254))
    attested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The score as it last stood (on submission, after each override), for lists.
    score_percent: Mapped[float | None]
    grade: Mapped[str | None] = mapped_column(String(1))
    # Review and decision.
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    decision: Mapped[Outcome | None] = mapped_column(str_enum(Outcome))
    decision_rationale: Mapped[str | None] = mapped_column(Text)
    recommended: Mapped[Outcome | None] = mapped_column(str_enum(Outcome))
    residual_risk: Mapped[str | None] = mapped_column(String(12))
    proposal_round: Mapped[int] = mapped_column(default=0, server_default="0")
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The signed assessment whose answers this one started from (carry.py).
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))

    vendor: Mapped[Vendor] = relationship()
    # Read only: a self-reference the flush would otherwise have to order row by row.
    carried_from: Mapped["Assessment | None"] = relationship(remote_side=[id], viewonly=True)
    standard_version: Mapped[StandardVersion] = relationship(foreign_keys=[standard_version_id])
    proposed_version: Mapped[StandardVersion | None] = relationship(
        foreign_keys=[proposed_version_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    sent_by: Mapped[User | None] = relationship(foreign_keys=[sent_by_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    proposed_by: Mapped[User | None] = relationship(foreign_keys=[proposed_by_id])
    respondents: Mapped[list["Respondent"]] = relationship(
        back_populates="assessment", foreign_keys="Respondent.assessment_id",
        cascade="all, delete-orphan", order_by="Respondent.id")
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan")
    evidence: Mapped[list["EvidenceFile"]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="EvidenceFile.id")
    review_comments: Mapped[list["ReviewComment"]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan",
        order_by="ReviewComment.id")


class Respondent(db.Model):
    """A person at the vendor with their own link (only the token's hash is kept)."""

    __tablename__ = "assessment_respondents"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    # A contact removed from the register leaves the respondent (name, e-mail, link) as
    # the record of whom the questionnaire went to.
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("vendor_contacts.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    added_by_respondent_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment_respondents.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    assessment: Mapped[Assessment] = relationship(back_populates="respondents",
                                                  foreign_keys=[assessment_id])


class Answer(db.Model):
    """The current answer to one question; ``version`` rises with every save."""

    __tablename__ = "assessment_answers"
    __table_args__ = (UniqueConstraint("assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    question_id: Mapped[str] = mapped_column(String(80))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    not_applicable: Mapped[bool] = mapped_column(default=False)
    justification: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("assessment_respondents.id"))
    # Copied from the last signed assessment and not yet confirmed or changed by the vendor.
    carried_over: Mapped[bool] = mapped_column(default=False, server_default=false())

    assessment: Mapped[Assessment] = relationship(back_populates="answers")
    updated_by: Mapped[Respondent | None] = relationship()
    revisions: Mapped[list["AnswerRevision"]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", order_by="AnswerRevision.id")


class AnswerRevision(db.Model):
    """An earlier value of an answer, kept when it was replaced — by the database itself
    (ANSWER_HISTORY_TRIGGERS), so that no way of changing an answer can skip it."""

    __tablename__ = "assessment_answer_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("assessment_answers.id"), index=True)
    version: Mapped[int]
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    not_applicable: Mapped[bool]
    justification: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("assessment_respondents.id"))

    answer: Mapped[Answer] = relationship(back_populates="revisions")


class ReviewComment(db.Model):
    """A reviewer's remark on one question when the questionnaire is returned."""

    __tablename__ = "assessment_review_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    round: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    assessment: Mapped[Assessment] = relationship(back_populates="review_comments")
    author: Mapped[User | None] = relationship()


class LinkUse(db.Model):
    """Every use of a respondent's link: when, from where, what (never the token)."""

    __tablename__ = "portal_link_uses"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("assessment_respondents.id"),
                                               index=True)
    used_at: Mapped[datetime] = mapped_column(UTCDateTime)
    action: Mapped[str] = mapped_column(String(40))
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))


FINDING_FILE_PREFIX = "finding-"  # question_id of a file that shows a remediation


class EvidenceFile(db.Model):
    """A file a respondent attached to a question; the content lives in storage by SHA-256."""

    __tablename__ = "assessment_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # A file showing a finding's remediation has question_id "finding-<id>"; the finding's
    # history points at it.
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("assessment_respondents.id"))
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Its content deleted after the retention period (supervision/retention.py); the row
    # and its hash stay, so the signed record that names it still verifies.
    disposed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Copied from the last signed assessment (the content is the same stored file).
    carried_over: Mapped[bool] = mapped_column(default=False, server_default=false())

    assessment: Mapped[Assessment] = relationship(back_populates="evidence")

    @property
    def for_finding(self) -> bool:
        return self.question_id.startswith(FINDING_FILE_PREFIX)


# Every UPDATE that raises an answer's version keeps the replaced row as a revision. The
# migration 0006 creates the same triggers; these serve databases made by create_all.
ANSWER_HISTORY_COLUMNS = ("answer_id, version, value, not_applicable, justification, comment, "
                          "changed_at, changed_by_id")
ANSWER_HISTORY_VALUES = ("OLD.id, OLD.version, OLD.value, OLD.not_applicable, "
                         "OLD.justification, OLD.comment, OLD.updated_at, OLD.updated_by_id")
ANSWER_HISTORY_TRIGGERS = {
    "sqlite": [
        f"""CREATE TRIGGER assessment_answers_history AFTER UPDATE ON assessment_answers
        FOR EACH ROW WHEN OLD.version <> NEW.version BEGIN
        INSERT INTO assessment_answer_revisions ({ANSWER_HISTORY_COLUMNS})
        VALUES ({ANSWER_HISTORY_VALUES}); END""",  # noqa: S608  (constants, no input)
    ],
    "postgresql": [
        f"""CREATE OR REPLACE FUNCTION assessment_answers_history() RETURNS trigger AS $$
        BEGIN INSERT INTO assessment_answer_revisions ({ANSWER_HISTORY_COLUMNS})
        VALUES ({ANSWER_HISTORY_VALUES}); RETURN NULL; END $$ LANGUAGE plpgsql""",  # noqa: S608
        """CREATE TRIGGER assessment_answers_history AFTER UPDATE ON assessment_answers
        FOR EACH ROW WHEN (OLD.version <> NEW.version)
        EXECUTE FUNCTION assessment_answers_history()""",
    ],
}
for _dialect, _statements in ANSWER_HISTORY_TRIGGERS.items():
    for _statement in _statements:
        # After the revisions table exists: the trigger inserts into it.
        event.listen(AnswerRevision.__table__, "after_create",
                     DDL(_statement).execute_if(dialect=_dialect))


class AnswerMark(StrEnum):
    ACCEPTED = "accepted"
    NEEDS_INFORMATION = "needs_information"
    FINDING = "finding"


class AnswerReview(db.Model):
    """A reviewer's mark on one answer and, optionally, their points instead of the
    computed ones (with the justification; the computed points stay in the score rule)."""

    __tablename__ = "assessment_answer_reviews"
    __table_args__ = (UniqueConstraint("assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    question_id: Mapped[str] = mapped_column(String(80))
    mark: Mapped[AnswerMark | None] = mapped_column(str_enum(AnswerMark))
    note: Mapped[str | None] = mapped_column(Text)
    override_points: Mapped[int | None]
    override_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    assessment: Mapped[Assessment] = relationship()
    reviewed_by: Mapped[User] = relationship()
