"""Who hears of a submitted questionnaire, and where a vendor's replies go.

The reviewers and the vendor's owner are told once per submission (a questionnaire
returned for revision and submitted again is a new one), with a link to the assessment;
the respondent who submitted gets an acknowledgement saying what happens next.
notifications/handoffs.py sends each once, as each person chose.
"""

from datetime import datetime

from flask import current_app

from vendorrisk.assessments.models import Assessment, Respondent
from vendorrisk.auth.models import Role, User
from vendorrisk.notifications.handoffs import (
    active_with_role,
    notify_address,
    notify_users,
    staff_link,
)


def owner_of(assessment: Assessment) -> User | None:
    """Who follows the assessment up: whoever created it, else sent it, else the vendor's
    owner (active users only)."""
    for person in (assessment.created_by, assessment.sent_by, assessment.vendor.owner):
        if person is not None and person.active:
            return person
    return None


def reply_to_of(assessment: Assessment) -> str | None:
    """Where a vendor's reply to an e-mail about ``assessment`` goes; None: nobody named."""
    owner = owner_of(assessment)
    return owner.email if owner else None


def title_in(assessment: Assessment, language: str) -> str:
    version = assessment.standard_version
    return version.title_ja if language == "ja" else version.title_en


def announce_submission(assessment: Assessment, respondent: Respondent, *,
                        now: datetime) -> int:
    """Tell the reviewers and the vendor's owner that ``assessment`` waits for review, and
    acknowledge it to ``respondent``; return how many people were told now."""
    submission = max((comment.round for comment in assessment.review_comments), default=0)
    key = f"submitted:{assessment.id}:{submission}"
    vendor = assessment.vendor
    told = notify_users(
        "handoff_submitted", key, [*active_with_role(Role.REVIEWER), vendor.owner],
        link=staff_link(f"/assessments/{assessment.id}"),
        context={"assessment": assessment, "vendor": vendor},
        object_type="assessment", object_id=assessment.id, now=now)
    language = respondent.language.value
    told += notify_address(
        "submission_received", key, recipient=respondent.email, language=language,
        context={"respondent": respondent, "assessment": assessment, "vendor": vendor,
                 "title": title_in(assessment, language), "reply_to": reply_to_of(assessment),
                 "company": current_app.config["COMPANY_NAME"]},
        object_type="assessment", object_id=assessment.id, now=now,
        reply_to=reply_to_of(assessment))
    return told
