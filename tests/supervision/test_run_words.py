"""What a job's run counted is shown in words, in the reader's language: every count a
job can produce has a label (issue 24: the history showed "ok" and "contract_reviews 0")."""

from flask_babel import force_locale

from vendorrisk.assessments.models import AssessmentKind
from vendorrisk.supervision.labels import RUN_OUTCOME_LABELS, count_label
from vendorrisk.supervision.models import RunOutcome
from vendorrisk.supervision.notices import NOTICES
from vendorrisk.supervision.onboarding import SkipReason

FIXED = ("delivered", "retrying", "failed", "reminded", "escalated", "already_done",
         "skipped_open_assessment", "covered_by_open_assessment", "waiting",
         "request_tasks_overdue", "contract_reviews", "standard_reviews_due", "digests",
         "notices", "preliminary_due", "preliminary_overdue", "final_due", "final_overdue",
         "audit_anchored", "audit_anchor_mailed", "review_actions_due",
         "review_actions_overdue", "link_uses_anonymised", "requests_anonymised",
         "contacts_deleted")


def every_count_key() -> list[str]:
    return [*FIXED, *NOTICES, *(f"sent_{kind.value}" for kind in AssessmentKind),
            *(f"skipped_{reason.value}" for reason in SkipReason)]


def test_every_count_a_job_produces_has_words_in_both_languages(app):
    with app.test_request_context():
        for language in ("en", "ja"):
            with force_locale(language):
                labels = {key: count_label(key) for key in every_count_key()}
                assert all(label != key for key, label in labels.items()), labels
                if language == "ja":
                    assert all(not label.isascii() for label in labels.values()), labels
                outcomes = [str(RUN_OUTCOME_LABELS[outcome.value]) for outcome in RunOutcome]
                assert "ok" not in outcomes


def test_a_count_no_label_knows_is_shown_as_stored(app):
    with app.test_request_context():
        assert count_label("something_new") == "something_new"
