"""Pure helpers of sign-off: the review cadence, the snapshot's hash, the comparison."""

from datetime import date

import pytest

from vendorrisk.assessments.comparison import compare
from vendorrisk.foundation.clock import add_months
from vendorrisk.review.snapshot import canonical, differences, digest, frozen_part
from vendorrisk.supervision.cadence import next_review_on


@pytest.mark.parametrize(("tier", "decided", "expected"), [
    ("1", date(2026, 11, 30), date(2027, 11, 30)),
    ("2", date(2026, 11, 30), date(2027, 11, 30)),
    ("3", date(2026, 11, 30), date(2027, 11, 30)),
    ("2", date(2028, 2, 29), date(2029, 2, 28)),
])
def test_every_tier_is_reviewed_again_within_a_year(tier, decided, expected):
    assert next_review_on(tier, decided) == expected


def test_out_of_scope_is_confirmed_yearly():
    """An approved vendor always has a next review (issue 22), out of scope too."""
    assert next_review_on("out_of_scope", date(2026, 11, 30)) == date(2027, 11, 30)
    assert next_review_on("unknown", date(2026, 11, 30)) is None


def test_months_fall_back_to_the_last_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_the_hash_is_of_one_canonical_text():
    one = canonical({"b": [1, "二"], "a": None})
    assert one == '{"a":null,"b":[1,"二"]}'
    assert digest(one) == digest(canonical({"a": None, "b": [1, "二"]}))
    assert len(digest(one)) == 64


def test_finding_progress_and_names_do_not_count_as_changes():
    signed = {"answers": {"q": 2}, "findings": [{"id": 1, "status_at_signing": "open"}],
              "context": {"vendor": {"legal_name": "Old K.K."}}}
    later = {"answers": {"q": 2}, "findings": [{"id": 1, "status_at_signing": "closed"}],
             "context": {"vendor": {"legal_name": "New K.K."}}}
    assert differences(frozen_part(signed), frozen_part(later)) == []
    tampered = {**later, "answers": {"q": 3}}
    assert differences(frozen_part(signed), frozen_part(tampered)) == ["answers"]


def test_comparison_lists_changed_answers_and_the_score_delta():
    result = compare({"a": 1, "b": "yes", "c": 2}, {"a": 1, "b": "no", "d": 3},
                     percent_before=70.0, percent_after=82.5)
    assert [(c.question_id, c.before, c.after) for c in result.changes] == [
        ("b", "yes", "no"), ("c", 2, None), ("d", None, 3)]
    assert result.score_delta == pytest.approx(12.5)
    assert compare({}, {}, percent_before=None, percent_after=50).score_delta is None


def test_the_approval_basis_is_protected_by_the_hash_not_compared_with_today():
    """Contracts renew and exceptions expire after signing; records signed before the
    basis existed lack it. Neither counts as a change; the stored text's hash guards it."""
    signed = {"answers": {"q": 2}, "approval_basis": {"contracts": [{"id": 1}]}}
    later = {"answers": {"q": 2}, "approval_basis": {"contracts": []}}
    before_issue_22 = {"answers": {"q": 2}}
    assert differences(frozen_part(signed), frozen_part(later)) == []
    assert differences(frozen_part(before_issue_22), frozen_part(later)) == []
    assert digest(canonical(signed)) != digest(canonical(later))
