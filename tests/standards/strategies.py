"""Hypothesis strategies: answer sets and profiles for any standard definition."""

from hypothesis import strategies as st

from vendorrisk.standards.definition import Definition, Question, QuestionType
from vendorrisk.standards.scoring import Answer

CATEGORIES = ["business_contact", "customer", "employee", "special_care", "health",
              "my_number", "payment_card", "bank_credentials", "children"]


def value_for(question: Question) -> st.SearchStrategy:
    """A valid answer value for ``question``."""
    kind = question.type
    if kind == QuestionType.MATURITY:
        return st.integers(0, 3)
    if kind == QuestionType.YES_NO:
        return st.sampled_from(["yes", "no"])
    if kind == QuestionType.SINGLE_CHOICE:
        return st.sampled_from([choice.id for choice in question.choices])
    if kind == QuestionType.MULTI_CHOICE:
        return st.lists(st.sampled_from([c.id for c in question.choices]), unique=True)
    if kind == QuestionType.NUMBER:
        return st.integers(0, 10_000)
    if kind == QuestionType.DATE:
        return st.dates().map(lambda day: day.isoformat())
    return st.text(min_size=1, max_size=10)


def answer_for(question: Question) -> st.SearchStrategy:
    options = [st.none(), value_for(question).map(Answer)]
    if question.na_allowed:
        options.append(st.just(Answer(not_applicable=True, justification="not our case")))
    return st.one_of(*options)


@st.composite
def answer_sets(draw, definition: Definition) -> dict[str, Answer]:
    answers = {}
    for question in definition.questions.values():
        answer = draw(answer_for(question))
        if answer is not None:
            answers[question.id] = answer
    return answers


@st.composite
def profiles(draw) -> dict:
    categories = draw(st.lists(st.sampled_from(CATEGORIES), unique=True, max_size=3))
    countries = draw(st.lists(st.sampled_from(["JP", "US", "SG"]), unique=True, min_size=1))
    return {
        "tier": draw(st.sampled_from(["1", "2", "3"])), "classification": "consignment",
        "categories": categories, "countries": countries,
        "abroad": any(code != "JP" for code in countries),
        "special_care": bool({"special_care", "health"} & set(categories)),
        "my_number": "my_number" in categories, "payment_card": "payment_card" in categories,
        "children": "children" in categories, "sub_consignees": draw(st.booleans()),
        "access": draw(st.sampled_from(["none", "view", "transport", "bulk", "hosting"])),
        "individuals": "up_to_1000", "criticality": "significant",
    }
