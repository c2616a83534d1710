"""Scoring warnings and scored gateways (issue 23): worked examples on the gated
standard, then the properties of test_scoring.py over it."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.standards.attainable import best_answers, better_answers
from tests.standards.conftest import write_standard
from tests.standards.gated import GATED
from tests.standards.strategies import answer_sets, profiles
from vendorrisk.standards.gateway_checks import guarantee_problems
from vendorrisk.standards.loader import read_definition
from vendorrisk.standards.scoring import Answer, Grade, Override, Status, score


def _gated(folder):
    definition, _data, problems = read_definition(write_standard(folder, GATED, "gated"),
                                                  folder)
    assert problems == []
    return definition


@pytest.fixture(scope="module")
def gated(tmp_path_factory):
    return _gated(tmp_path_factory.mktemp("gated"))


PROFILE = {"tier": "2", "abroad": False, "special_care": False, "my_number": False,
           "payment_card": False, "children": False, "categories": ["customer"],
           "countries": ["JP"], "sub_consignees": False, "classification": "consignment",
           "access": "bulk", "individuals": "up_to_1000", "criticality": "significant"}
GOOD = {"g_program": Answer("yes"), "q_policy": Answer(3), "q_review": Answer("yearly"),
        "q_ssl": Answer("full"), "q_mfa": Answer("yes"), "q_risky": Answer([]),
        "q_notes": Answer("the SOC"), "q_backup": Answer("yes"), "m_gate": Answer(3),
        "m_detail": Answer(3), "u_gate": Answer("no")}


def _rule(result, qid):
    question = result.questions[qid]
    return question.status, question.points, question.rule


def test_good_answers_earn_everything(gated):
    result = score(gated, GOOD, PROFILE, "1")
    assert result.percent == 100
    assert result.grade == Grade.A
    assert _rule(result, "q_ssl") == (Status.SCORED, 3, "no warning applies: 3")
    assert _rule(result, "m_special") == (Status.HIDDEN, None, "not shown")  # by the profile
    assert _rule(result, "u_detail") == (Status.HIDDEN, None, "not shown")  # by an unscored answer


def test_a_critical_warnings_risky_answer_fails_its_knockout(gated):
    result = score(gated, {**GOOD, "g_program": Answer("no")}, PROFILE, "2")
    assert _rule(result, "g_program") == (
        Status.SCORED, 0, "warning “No security programme” applies: 0")
    failed = {failure.question_id: failure.reason for failure in result.failed_knockouts}
    assert failed["g_program"] == "knockout scored 0, needs at least 2"
    assert result.grade == Grade.C


def test_the_safe_side_of_a_not_style_warning_earns_full_points(gated):
    safe = score(gated, GOOD, PROFILE, "2")
    assert _rule(safe, "q_mfa") == (Status.SCORED, 3, "no warning applies: 3")
    risky = score(gated, {**GOOD, "q_mfa": Answer("no")}, PROFILE, "2")
    assert _rule(risky, "q_mfa") == (Status.SCORED, 0, "warning “No MFA” applies: 0")
    unanswered = score(gated, {k: v for k, v in GOOD.items() if k != "q_mfa"}, PROFILE, "2")
    assert _rule(unanswered, "q_mfa") == (Status.UNANSWERED, None, "not answered: 0")
    assert "q_mfa" in unanswered.missing


def test_an_empty_choice_list_is_an_answer_to_a_question_with_warnings(gated):
    none = score(gated, GOOD, PROFILE, "2")
    assert _rule(none, "q_risky") == (Status.SCORED, 3, "no warning applies: 3")
    assert none.questions["q_risky"].earned == 6
    harmless = score(gated, {**GOOD, "q_risky": Answer(["kiosk"])}, PROFILE, "2")
    assert harmless.questions["q_risky"].points == 3
    risky = score(gated, {**GOOD, "q_risky": Answer(["kiosk", "plaintext"])}, PROFILE, "2")
    assert _rule(risky, "q_risky") == (Status.SCORED, 0, "warning “Weak accounts” applies: 0")
    unknown = score(gated, {**GOOD, "q_risky": Answer(["telepathy"])}, PROFILE, "2")
    assert unknown.questions["q_risky"].status == Status.INVALID


def test_a_warning_on_a_text_question(gated):
    risky = score(gated, {**GOOD, "q_notes": Answer("nobody")}, PROFILE, "2")
    assert _rule(risky, "q_notes") == (Status.SCORED, 0,
                                       "warning “Nobody reads logs” applies: 0")
    left = score(gated, {**GOOD, "q_notes": Answer("")}, PROFILE, "2")
    assert _rule(left, "q_notes") == (Status.UNANSWERED, None, "not answered: 0")
    assert "q_notes" not in left.missing  # not required


def test_a_warning_reads_a_hidden_answer_as_null(gated):
    answers = {**GOOD, "q_offsite": Answer("yes")}
    at_home = score(gated, answers, PROFILE, "2")  # q_offsite hidden: not abroad
    assert _rule(at_home, "q_backup") == (Status.SCORED, 3, "no warning applies: 3")
    abroad = score(gated, answers, {**PROFILE, "abroad": True}, "2")
    assert _rule(abroad, "q_backup") == (
        Status.SCORED, 0, "warning “Backups missing or abroad” applies: 0")


def test_questions_hidden_by_a_scored_gateway_count_as_its_points(gated):
    result = score(gated, {**GOOD, "g_program": Answer("no")}, PROFILE, "2")
    for qid in ("q_policy", "q_ssl"):
        assert _rule(result, qid) == (Status.HIDDEN, 0,
                                      "hidden by g_program: counts as its 0 points")
    # A chain: q_review reads g_program and q_policy, both at 0.
    assert result.questions["q_review"].points == 0
    assert (result.questions["q_ssl"].earned, result.questions["q_ssl"].possible) == (0, 9)
    # q_policy is an "always" knockout: hidden at its gateway's 0 points, it fails.
    failed = {failure.question_id: failure.reason for failure in result.failed_knockouts}
    assert failed["q_policy"] == ("knockout hidden by g_program: counts as its 0 points, "
                                  "needs at least 2")
    assert "q_policy" not in result.missing


def test_a_maturity_gateway_at_0_hides_its_question_at_0(gated):
    low = score(gated, {**GOOD, "m_gate": Answer(0)}, PROFILE, "1")
    assert _rule(low, "m_detail") == (Status.HIDDEN, 0, "hidden by m_gate: counts as its 0 "
                                                        "points")
    assert [f.question_id for f in low.failed_knockouts] == ["m_detail"]  # tier1 knockout
    unanswered = score(gated, {k: v for k, v in GOOD.items() if k != "m_gate"}, PROFILE, "2")
    assert unanswered.questions["m_detail"].possible == 9
    assert unanswered.sections[1].possible == 15  # m_gate 6 + m_detail 9


def test_a_reviewers_override_of_a_gateway_counts_for_what_it_hides(gated):
    answers = {**GOOD, "g_program": Answer("no")}
    lifted = score(gated, answers, PROFILE, "2",
                   overrides={"g_program": Override(3, "Programme seen on site.")})
    assert _rule(lifted, "q_ssl") == (Status.HIDDEN, 3,
                                      "hidden by g_program: counts as its 3 points")
    assert lifted.failed_knockouts == ()
    assert {f.question_id for f in lifted.lifted_knockouts} == {"g_program"}
    plain = score(gated, answers, PROFILE, "2")
    assert lifted.earned > plain.earned


def test_a_hidden_gateway_out_of_the_score_keeps_its_questions_out(gated):
    answers = {**GOOD, "u_gate": Answer("yes"), "u_detail": Answer(not_applicable=True,
                                                                    justification="no paper")}
    result = score(gated, answers, PROFILE, "2")
    assert result.questions["u_detail"].status == Status.NOT_APPLICABLE
    assert result.percent == 100


TIERS = st.sampled_from(["1", "2", "3"])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_improving_one_answer_never_lowers_the_score(tmp_path_factory, data):
    definition = _cached(tmp_path_factory)
    answers = data.draw(answer_sets(definition))
    profile, tier = data.draw(profiles()), data.draw(TIERS)
    # Half the draws improve a scored gateway, where the guarantee is at stake.
    scored = [q for q in definition.questions.values() if q.scored]
    gateways = [q for q in scored if any(q.id in gates for gates in
                                         definition.gateways.values())]
    question = data.draw(st.sampled_from(gateways) | st.sampled_from(scored))
    options = better_answers(question, answers.get(question.id), profile)
    assume(options)
    better = data.draw(st.sampled_from(options))
    before = score(definition, answers, profile, tier)
    after = score(definition, {**answers, question.id: better}, profile, tier)
    assert after.percent >= before.percent - 1e-9
    assert len(after.failed_knockouts) <= len(before.failed_knockouts)
    assert 0 <= after.percent <= 100
    if after.failed_knockouts:
        assert after.grade == Grade.C


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_lowering_an_override_never_raises_the_score_nor_lifts_a_knockout(tmp_path_factory,
                                                                          data):
    definition = _cached(tmp_path_factory)
    answers = data.draw(answer_sets(definition))
    profile, tier = data.draw(profiles()), data.draw(TIERS)
    scored = sorted(q.id for q in definition.questions.values() if q.scored)
    chosen = data.draw(st.lists(st.sampled_from(scored), min_size=1, max_size=5, unique=True))
    overrides = {qid: Override(data.draw(st.integers(0, 3)), "reviewed") for qid in chosen}
    lowered = data.draw(st.sampled_from(chosen))
    assume(overrides[lowered].points > 0)
    lower = data.draw(st.integers(0, overrides[lowered].points - 1))
    before = score(definition, answers, profile, tier, overrides)
    after = score(definition, answers, profile, tier,
                  {**overrides, lowered: Override(lower, "looked again")})
    assert after.percent <= before.percent + 1e-9
    assert {f.question_id for f in before.failed_knockouts} <= {
        f.question_id for f in after.failed_knockouts}
    assert after.grade >= before.grade
    if after.failed_knockouts:
        assert after.grade == Grade.C


@settings(max_examples=40, deadline=None)
@given(profiles(), TIERS)
def test_the_maximum_attainable_score_is_100_percent(tmp_path_factory, profile, tier):
    definition = _cached(tmp_path_factory)
    best = best_answers(definition, profile, tier)
    result = score(definition, best, profile, tier)
    assert result.percent == 100
    assert result.failed_knockouts == ()
    assert result.grade == Grade.A


_DEFINITIONS: dict = {}


def _cached(tmp_path_factory):
    if "gated" not in _DEFINITIONS:
        _DEFINITIONS["gated"] = _gated(tmp_path_factory.mktemp("gated"))
    return _DEFINITIONS["gated"]


def test_the_gated_standard_keeps_the_guarantee(gated):
    assert guarantee_problems(gated) == []


@pytest.mark.parametrize(("change", "expected"), [
    ("condition: answers.m_gate >= 2",
     "this scored question is hidden while m_gate earns 1 points and shown on a better "
     "answer to m_gate: hide it only on answers worth 0 points"),
    ("condition: answers.m_gate < 2",
     "a better answer to m_gate (2 rather than 0) hides this scored question"),
    ("condition: answers.q_mfa == \"no\" or answers.m_gate < 3",
     "a better answer to q_mfa ('yes' rather than 'no') hides this scored question"),
], ids=["hides-on-points", "better-hides", "two-gateways"])
def test_a_file_whose_gateways_break_the_guarantee_is_refused(tmp_path, change, expected):
    text = GATED.replace("condition: answers.m_gate >= 1", change)
    line = text[:text.index(change)].count("\n") + 1
    definition, _data, problems = read_definition(write_standard(tmp_path, text, "gated"),
                                                  tmp_path)
    assert definition is None
    (problem,) = problems
    assert problem.line == line
    assert problem.message.startswith("scored gateway: " + expected), problem


def test_a_follow_up_shown_only_on_the_risky_answer_is_accepted(tmp_path):
    """VSAQ's pattern: "no" (a warning, 0 points) asks for details; "yes" hides them, and
    hidden they count the full 3 points of the gateway's "yes"."""
    text = GATED.replace("condition: answers.m_gate >= 1", "condition: answers.q_mfa == \"no\"")
    definition, _data, problems = read_definition(write_standard(tmp_path, text, "gated"),
                                                  tmp_path)
    assert problems == []
    assert guarantee_problems(definition) == []


def test_a_scored_gateway_that_allows_na_is_refused(tmp_path):
    text = GATED.replace("        weight: 2\n        text: {en: \"Is access controlled?\"",
                         "        weight: 2\n        na_allowed: true\n"
                         "        text: {en: \"Is access controlled?\"")
    definition, _data, problems = read_definition(write_standard(tmp_path, text, "gated"),
                                                  tmp_path)
    assert definition is None
    assert [problem.message for problem in problems] == [
        "a scored question that shows or hides scored questions cannot be answered N/A: "
        "answering it could then lower the score"]
    assert problems[0].line == text[:text.index("na_allowed")].count("\n") + 1
