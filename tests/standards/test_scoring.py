"""Scoring: worked examples, then properties that hold for every answer set."""

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.standards.conftest import VALID, write_standard
from tests.standards.strategies import answer_sets, profiles
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.standards.definition import QuestionType
from vendorrisk.standards.loader import read_definition
from vendorrisk.standards.scoring import Answer, Grade, Override, Status, score


def _load(path: Path, root: Path):
    definition, _data, problems = read_definition(path, root)
    assert problems == []
    return definition


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    folder = tmp_path_factory.mktemp("q")
    return _load(write_standard(folder, VALID), folder)


SELECTION = _load(questionnaires_folder() / "consignee-selection" / "v1.yaml",
                  questionnaires_folder())
DEFINITIONS = {"consignee-selection": SELECTION}
PROFILE = {"tier": "1", "abroad": False, "special_care": False, "my_number": False,
           "payment_card": False, "children": False, "categories": ["customer"],
           "countries": ["JP"], "sub_consignees": False, "classification": "consignment",
           "access": "bulk", "individuals": "up_to_1000", "criticality": "significant"}


def test_worked_example_shows_every_rule(mini):
    answers = {"d1_policy": Answer(2), "d1_training": Answer(3), "d1_uses_subs": Answer("no"),
               "d1_channels": Answer(["phone", "mail"]), "d1_encryption": Answer("partial")}
    result = score(mini, answers, {**PROFILE, "abroad": True}, "2")
    rules = {qid: (q.status, q.points, q.rule) for qid, q in result.questions.items()}
    assert rules["d1_policy"] == (Status.SCORED, 2, "maturity 2")
    assert rules["d1_channels"] == (Status.SCORED, 3,
                                    "choices phone, mail sum to 3, counted up to 3")
    assert rules["d1_encryption"] == (Status.SCORED, 2, "choice partial scores 2")
    assert rules["d1_sub_approval"] == (Status.HIDDEN, None, "not shown")
    # (2*2 + 3*3 + 1*3 + 2*2) / (2*3 + 3*3 + 1*3 + 2*3) = 20 / 24
    assert (result.earned, result.possible) == (20, 24)
    assert result.percent == pytest.approx(83.33, abs=0.01)
    assert result.grade == Grade.B  # ≥ 70 for tier 2, below 85
    assert result.passed
    assert result.missing == ()


def test_knockouts_always_tier1_and_when(mini):
    answers = {"d1_policy": Answer(1), "d1_uses_subs": Answer("yes"),
               "d1_sub_approval": Answer(0), "d1_encryption": Answer("none")}
    tier2 = score(mini, answers, PROFILE, "2")
    assert [f.question_id for f in tier2.failed_knockouts] == ["d1_policy"]
    tier1_abroad = score(mini, answers, {**PROFILE, "abroad": True}, "1")
    assert [f.question_id for f in tier1_abroad.failed_knockouts] == [
        "d1_policy", "d1_sub_approval", "d1_encryption"]
    assert tier1_abroad.failed_knockouts[0].reason == "knockout scored 1, needs at least 2"
    assert tier1_abroad.grade == Grade.C


def test_a_reviewers_override_upward_lifts_a_knockout_and_says_so(mini):
    answers = {"d1_policy": Answer(1), "d1_training": Answer(3), "d1_uses_subs": Answer("no"),
               "d1_channels": Answer(["phone"]), "d1_encryption": Answer("full")}
    plain = score(mini, answers, PROFILE, "2")
    assert [f.question_id for f in plain.failed_knockouts] == ["d1_policy"]
    overridden = score(mini, answers, PROFILE, "2",
                       overrides={"d1_policy": Override(2, "Policy seen on site.")})
    policy = overridden.questions["d1_policy"]
    assert (policy.status, policy.points) == (Status.SCORED, 2)
    assert policy.rule == "overridden by the reviewer: 2 (was 1)"
    assert overridden.earned == plain.earned + 2  # weight 2 × one more point
    # The points that count decide the knockout; the lift is reported with the reason.
    assert overridden.failed_knockouts == ()
    assert overridden.grade != Grade.C
    (lift,) = overridden.lifted_knockouts
    assert (lift.question_id, lift.points, lift.override_reason) == (
        "d1_policy", 2, "Policy seen on site.")
    assert lift.reason == ("knockout scored 1, needs at least 2; lifted by the reviewer to 2: "
                           "Policy seen on site.")


def test_a_reviewers_override_below_the_minimum_fails_the_knockout(mini):
    answers = {"d1_policy": Answer(3), "d1_training": Answer(3), "d1_uses_subs": Answer("no"),
               "d1_channels": Answer(["phone", "mail"]), "d1_encryption": Answer("full")}
    plain = score(mini, answers, PROFILE, "1")
    assert plain.failed_knockouts == ()
    assert plain.grade == Grade.A
    overridden = score(mini, answers, PROFILE, "1", overrides={
        "d1_policy": Override(0, "The evidence does not support it.")})
    (failure,) = overridden.failed_knockouts
    assert (failure.question_id, failure.points, failure.minimum) == ("d1_policy", 0, 2)
    assert failure.by_reviewer
    assert failure.override_reason == "The evidence does not support it."
    assert failure.reason == ("knockout set to 0 by the reviewer, needs at least 2: "
                              "The evidence does not support it.")
    assert overridden.grade == Grade.C
    assert not overridden.passed
    assert overridden.lifted_knockouts == ()
    # Bare points (no justification) are judged the same way.
    assert [f.question_id for f in score(mini, answers, PROFILE, "1", overrides={
        "d1_policy": 1}).failed_knockouts] == ["d1_policy"]


def test_overriding_a_hidden_or_unweighted_question_changes_nothing(mini):
    answers = {"d1_policy": Answer(3), "d1_uses_subs": Answer("no")}
    plain = score(mini, answers, PROFILE, "2")
    overridden = score(mini, answers, PROFILE, "2",
                       overrides={"d1_sub_approval": 3, "d1_uses_subs": 0})
    assert (overridden.earned, overridden.possible) == (plain.earned, plain.possible)


def test_unanswered_required_questions_are_reported(mini):
    result = score(mini, {"d1_policy": Answer(3)}, PROFILE, "2")
    assert "d1_training" in result.missing
    assert result.questions["d1_training"].rule == "not answered: 0"
    assert not result.complete
    assert "d1_notes" not in result.missing  # not required


def test_not_applicable_needs_permission_and_a_justification(mini):
    allowed = score(mini, {"d1_training": Answer(not_applicable=True, justification="no staff")},
                    PROFILE, "2")
    assert allowed.questions["d1_training"].status == Status.NOT_APPLICABLE
    silent = score(mini, {"d1_training": Answer(not_applicable=True)}, PROFILE, "2")
    assert silent.questions["d1_training"].status == Status.INVALID
    refused = score(mini, {"d1_policy": Answer(not_applicable=True, justification="x")},
                    PROFILE, "2")
    assert refused.questions["d1_policy"].rule == "N/A is not allowed for this question: 0"


def test_impossible_answers_are_invalid_not_points(mini):
    result = score(mini, {"d1_policy": Answer(7), "d1_encryption": Answer("quantum")},
                   PROFILE, "2")
    assert result.invalid == ("d1_policy", "d1_encryption")
    assert result.earned == 0


def _improved(question, answer):
    """A strictly better answer to ``question`` than ``answer``, or None."""
    value = None if answer is None or answer.not_applicable else answer.value
    if question.type == QuestionType.MATURITY:
        return Answer(3) if value != 3 else None
    if question.type == QuestionType.YES_NO:
        return Answer("yes") if value != "yes" else None
    if question.type == QuestionType.SINGLE_CHOICE:
        best = max(question.choices, key=lambda choice: choice.score)
        return Answer(best.id) if value != best.id else None
    if question.type == QuestionType.MULTI_CHOICE:
        everything = [choice.id for choice in question.choices]
        return Answer(everything) if sorted(value or []) != sorted(everything) else None
    return None


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_total_is_between_0_and_100(data):
    answers = data.draw(answer_sets(SELECTION))
    result = score(SELECTION, answers, data.draw(profiles()), data.draw(
        st.sampled_from(["1", "2", "3"])))
    assert 0 <= result.percent <= 100
    for section in result.sections:
        assert section.percent is None or 0 <= section.percent <= 100


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_improving_one_answer_never_lowers_the_score(data):
    answers = data.draw(answer_sets(SELECTION))
    profile, tier = data.draw(profiles()), data.draw(st.sampled_from(["1", "2", "3"]))
    scored = [q for q in SELECTION.questions.values() if q.scored]
    question = data.draw(st.sampled_from(scored))
    better = _improved(question, answers.get(question.id))
    assume(better is not None)
    before = score(SELECTION, answers, profile, tier)
    after = score(SELECTION, {**answers, question.id: better}, profile, tier)
    assert after.percent >= before.percent - 1e-9
    assert len(after.failed_knockouts) <= len(before.failed_knockouts)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_not_applicable_leaves_the_other_answers_unchanged(data):
    answers = data.draw(answer_sets(SELECTION))
    profile, tier = data.draw(profiles()), data.draw(st.sampled_from(["1", "2", "3"]))
    optional = [q for q in SELECTION.questions.values() if q.na_allowed]
    assume(optional)
    question = data.draw(st.sampled_from(optional))
    answers[question.id] = answers.get(question.id) or Answer(2)
    with_answer = score(SELECTION, answers, profile, tier)
    not_applicable = score(SELECTION, {**answers, question.id: Answer(
        not_applicable=True, justification="we keep no paper")}, profile, tier)
    mine = with_answer.questions[question.id]
    for qid, result in not_applicable.questions.items():
        if qid != question.id:
            assert result == with_answer.questions[qid]
    assert not_applicable.earned == with_answer.earned - mine.earned
    assert not_applicable.possible == with_answer.possible - mine.possible


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_failed_knockout_always_means_grade_c(data):
    answers = data.draw(answer_sets(SELECTION))
    result = score(SELECTION, answers, data.draw(profiles()),
                   data.draw(st.sampled_from(["1", "2", "3"])))
    if result.failed_knockouts:
        assert result.grade == Grade.C
        assert not result.passed


def test_perfect_answers_pass_every_tier():
    answers = {}
    for question in SELECTION.questions.values():
        better = _improved(question, None)
        answers[question.id] = better or Answer("no" if question.type == "yes_no" else "x")
    for tier in ("1", "2", "3"):
        result = score(SELECTION, answers, PROFILE, tier)
        assert result.grade == Grade.A, (tier, result.failed_knockouts)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_lowering_an_override_never_raises_the_score_nor_lifts_a_knockout(data):
    answers = data.draw(answer_sets(SELECTION))
    profile, tier = data.draw(profiles()), data.draw(st.sampled_from(["1", "2", "3"]))
    scored = sorted(q.id for q in SELECTION.questions.values() if q.scored)
    chosen = data.draw(st.lists(st.sampled_from(scored), min_size=1, max_size=6, unique=True))
    overrides = {qid: Override(data.draw(st.integers(0, 3)), "reviewed") for qid in chosen}
    lowered_id = data.draw(st.sampled_from(chosen))
    high = overrides[lowered_id].points
    assume(high > 0)
    lower = data.draw(st.integers(0, high - 1))
    before = score(SELECTION, answers, profile, tier, overrides)
    after = score(SELECTION, answers, profile, tier,
                  {**overrides, lowered_id: Override(lower, "looked again")})
    assert after.percent <= before.percent + 1e-9
    failed_before = {f.question_id for f in before.failed_knockouts}
    assert failed_before <= {f.question_id for f in after.failed_knockouts}
    assert after.grade >= before.grade  # "A" < "B" < "C": never a better grade
    if after.failed_knockouts:
        assert after.grade == Grade.C


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_an_override_below_the_minimum_fails_every_knockout_that_applies(data):
    answers = data.draw(answer_sets(SELECTION))
    profile, tier = data.draw(profiles()), data.draw(st.sampled_from(["1", "2", "3"]))
    knockouts = sorted(q.id for q in SELECTION.questions.values()
                       if q.knockout is not None and q.knockout.kind == "always" and q.weight)
    question_id = data.draw(st.sampled_from(knockouts))
    result = score(SELECTION, answers, profile, tier,
                   {question_id: Override(data.draw(st.integers(0, 1)), "not supported")})
    if result.questions[question_id].status != Status.HIDDEN:
        failure = next(f for f in result.failed_knockouts if f.question_id == question_id)
        assert failure.override_reason == "not supported"
        assert result.grade == Grade.C
