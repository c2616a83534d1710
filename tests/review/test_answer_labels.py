"""What staff read of an answer and its points (review/answer_words.py) and which
warnings hold (review/warning_check.py): labels in the reader's language, the rule in
words, never choice ids, rule codes or Python list text."""

import pytest
from flask_babel import force_locale

from vendorrisk.review.answer_words import ScoreItem, answer_lines, answer_words, rule_words
from vendorrisk.review.warning_check import gateway_of, holding_warnings
from vendorrisk.standards.condition_parser import parse as parse_condition
from vendorrisk.standards.definition import (
    Choice,
    Definition,
    Question,
    QuestionType,
    ScoringPolicy,
    Section,
    Text,
    Use,
    Warning,
)
from vendorrisk.standards.scoring import Answer

WARN = Warning(id="warn_mixed", condition_text='answers.q_ssl == "c_mixed"',
               condition=parse_condition('answers.q_ssl == "c_mixed"'), severity="high",
               name=Text(en="Unencrypted traffic", ja="暗号化されていない通信"),
               advice=Text(en="Ask for a plan.", ja="計画を求めてください。"),
               why=Text(en="Explain.", ja="説明してください。"), depends_on=("q_ssl",))
CHOICES = (Choice("c_full", Text("Full [label](https://example.com)", "全部"), 3),
           Choice("c_mixed", Text("Mixed", "混在"), 3))
GATE = Question(id="q_gate", section_id="s", type=QuestionType.YES_NO, weight=2,
                text=Text("Is there a gate?", "ゲートはありますか。"))
SSL = Question(id="q_ssl", section_id="s", type=QuestionType.SINGLE_CHOICE, weight=3,
               text=Text("Encrypted?", "暗号化？"), choices=CHOICES, warnings=(WARN,))
MULTI = Question(id="q_multi", section_id="s", type=QuestionType.MULTI_CHOICE, weight=1,
                 text=Text("Which?", "どれ？"), choices=CHOICES)
LEVEL = Question(id="q_level", section_id="s", type=QuestionType.MATURITY, weight=1,
                 text=Text("Level?", "水準？"), na_allowed=True)
INNER = Question(id="q_inner", section_id="s", type=QuestionType.MATURITY, weight=3,
                 text=Text("Inner?", "内側？"), depends_on=("q_gate", "q_level"),
                 condition=parse_condition('answers.q_gate == "yes"'),
                 condition_text='answers.q_gate == "yes"')
DEFINITION = Definition(
    slug="t", version=1, title=Text("T", "T"), use=Use.SELECTION, tiers=("1",),
    scoring=ScoringPolicy({"1": 50}, 85, 2),
    sections=(Section("s", Text("S", "S"), (GATE, SSL, MULTI, LEVEL, INNER)),))


@pytest.fixture
def babel(app):
    with app.test_request_context("/"):
        yield


@pytest.mark.parametrize(("question", "value", "en", "ja"), [
    (GATE, "yes", "Yes", "はい"),
    (SSL, "c_full", "Full label", "全部"),
    (MULTI, ["c_full", "c_mixed"], "Full label, Mixed", "全部, 混在"),
    (MULTI, [], "None of these", "いずれも該当しない"),
    (LEVEL, 2, "2 — in place", "2 — 実施済み"),
    (SSL, None, "(no answer)", "（未回答）"),
    (SSL, "c_gone", "c_gone", "c_gone"),  # no longer a choice: as stored, never repr
])
def test_answers_read_as_labels(babel, question, value, en, ja):
    for locale, expected in (("en", en), ("ja", ja)):
        with force_locale(locale):
            assert answer_words(question, value, locale) == expected


def _rule(question, item, answer=None, locale="en", **kwargs):
    options = {"applying": (), "gateway": None, "computed": None} | kwargs
    with force_locale(locale):
        return rule_words(question, item, answer, locale=locale, **options)


def test_rules_in_words(babel):
    scored = ScoreItem("scored", 3, 2)
    assert _rule(GATE, scored, Answer("yes")) == "Answer: Yes — 3 of 3"
    assert _rule(GATE, scored, Answer("yes"), "ja") == "回答：はい — 3点中3点"
    assert _rule(SSL, ScoreItem("scored", 0, 3), Answer("c_mixed"), applying=(WARN,)) \
        == "Warning “Unencrypted traffic” applies: 0"
    assert _rule(SSL, ScoreItem("scored", 0, 3), Answer("c_mixed"), "ja", applying=(WARN,)) \
        == "警告「暗号化されていない通信」に該当：0点"
    assert _rule(SSL, ScoreItem("scored", 3, 3), Answer("c_full")) \
        == "No warning applies: 3 of 3"
    assert _rule(INNER, ScoreItem("hidden", 0, 3), gateway=GATE) \
        == "Hidden by “Is there a gate?”: counts as its 0 points"
    assert _rule(INNER, ScoreItem("hidden", 0, 3), gateway=GATE, locale="ja") \
        == "「ゲートはありますか。」の回答により非表示：その0点として計上"
    assert _rule(INNER, ScoreItem("hidden", None, 3)) == "Not shown"
    assert _rule(LEVEL, ScoreItem("not_applicable", None, 1), Answer(None, True, "x")) \
        == "Not applicable: left out of the score"
    assert _rule(LEVEL, ScoreItem("invalid", None, 1), Answer(None, True, "")) \
        == "N/A without a justification: 0"
    assert _rule(GATE, ScoreItem("invalid", None, 2), Answer(None, True, "x")) \
        == "N/A is not allowed for this question: 0"
    assert _rule(GATE, ScoreItem("unanswered", None, 2)) == "Not answered: 0"
    assert _rule(GATE, ScoreItem("unscored", None, 0), Answer("no")) == "Not scored"
    assert _rule(GATE, ScoreItem("scored", 1, 2), Answer("no"), computed=0) \
        == "Set by the reviewer: 1 of 3 (the answer gave 0)"


def test_warnings_hold_on_shown_answered_questions_only():
    answers = {"q_ssl": Answer("c_mixed")}
    assert holding_warnings(DEFINITION, answers, {}, hidden=set()) == {"q_ssl": (WARN,)}
    assert holding_warnings(DEFINITION, answers, {}, hidden={"q_ssl"}) == {}
    assert holding_warnings(DEFINITION, {"q_ssl": Answer("c_full")}, {}, hidden=set()) == {}
    assert holding_warnings(DEFINITION, {}, {}, hidden=set()) == {}


def test_a_hidden_question_names_the_lowest_scored_answer_its_condition_reads():
    assert gateway_of(INNER, {"q_gate": 0, "q_level": 2}, 0) == "q_gate"
    assert gateway_of(INNER, {"q_gate": 3, "q_level": 1}, 1) == "q_level"
    assert gateway_of(INNER, {"q_gate": 3, "q_level": 1}, 2) == "q_level"
    assert gateway_of(INNER, {}, 0) is None


def test_lines_carry_the_warning_and_the_vendors_justification(babel):
    answers = {"q_gate": Answer("yes"), "q_ssl": Answer("c_mixed", justification="A VPN."),
               "q_multi": Answer(["c_mixed"])}
    scores = {"q_gate": ScoreItem("scored", 3, 2), "q_ssl": ScoreItem("scored", 0, 3),
              "q_multi": ScoreItem("scored", 3, 1), "q_level": ScoreItem("unanswered", None, 1),
              "q_inner": ScoreItem("unanswered", None, 3)}
    with force_locale("ja"):
        lines = answer_lines(DEFINITION, answers, scores, set(), {}, "1", "ja")
    line = lines["q_ssl"]
    assert line.answer == "混在"
    assert [(w.name, w.severity, w.justification) for w in line.warnings] == [
        ("暗号化されていない通信", "高", "A VPN.")]
    assert lines["q_multi"].rule == "回答：混在 — 3点中3点"
    assert lines["q_gate"].warnings == ()
