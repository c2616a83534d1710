"""Which answers a reassessment carries over (carry.what_carries): pure, no database."""

from datetime import date
from types import SimpleNamespace

import pytest

from tests.standards.conftest import CERTIFIED, write_standard
from vendorrisk.assessments.carry import what_carries
from vendorrisk.standards.loader import read_definition

TODAY = date(2027, 6, 1)


def _definition(folder, text: str, version: int = 1):  # noqa: ANN001, ANN202
    path = write_standard(folder, text.replace("version: 1", f"version: {version}"),
                          slug="certified", version=version)
    definition, _data, problems = read_definition(path, folder)
    assert problems == []
    return definition


def _answers(**values) -> dict:  # noqa: ANN003
    return {qid: SimpleNamespace(value=value, not_applicable=value == "N/A")
            for qid, value in values.items()}


@pytest.fixture
def v1(tmp_path):
    return _definition(tmp_path, CERTIFIED)


def test_every_answer_to_the_same_question_carries(v1):
    plan = what_carries(v1, v1, _answers(d1_policy=3, d1_channels=["phone"],
                                         d2_privacymark=3, d2_privacymark_expiry="2028-01-31"),
                        TODAY)
    assert plan.question_ids == ("d1_policy", "d1_channels", "d2_privacymark",
                                 "d2_privacymark_expiry")
    assert plan.lapsed == {}


@pytest.mark.parametrize(("expiry", "lapsed"), [
    ("2027-05-31", True),  # the day before: lapsed
    ("2027-06-01", False),  # valid through its last day
    ("2027-06-02", False),
    ("not a date", False),  # the reviewer judges what cannot be read
])
def test_a_certificate_lapses_the_day_after_its_expiry(v1, expiry, lapsed):
    plan = what_carries(v1, v1, _answers(d2_privacymark=3, d2_privacymark_expiry=expiry),
                        TODAY)
    assert ("d2_privacymark_expiry" not in plan.question_ids) is lapsed
    assert plan.lapsed == ({"d2_privacymark": date.fromisoformat(expiry)} if lapsed else {})
    assert "d2_privacymark" in plan.question_ids  # the claim carries; its file does not


def test_an_unanswered_validity_date_keeps_the_file(v1):
    assert what_carries(v1, v1, _answers(d2_privacymark=3), TODAY).lapsed == {}


def test_answers_that_no_longer_fit_the_new_version_stay_behind(tmp_path, v1):
    v2 = _definition(tmp_path, CERTIFIED
                     .replace("{id: phone, label: {en: Phone, ja: 電話}, score: 1}",
                              "{id: chat, label: {en: Chat, ja: チャット}, score: 1}")
                     .replace("id: d1_training\n        type: maturity\n        weight: 2\n",
                              "id: d1_training\n        type: yes_no\n"),
                     version=2)
    plan = what_carries(v1, v2, _answers(d1_policy=3, d1_training=2,
                                         d1_channels=["phone", "mail"], d1_removed="x"),
                        TODAY)
    # policy: same id and type; training: now yes/no; channels: "phone" is gone;
    # d1_removed: no such question any more.
    assert plan.question_ids == ("d1_policy",)


def test_not_applicable_carries_only_where_it_is_still_allowed(tmp_path, v1):
    allowing = _definition(tmp_path, CERTIFIED.replace(
        "        weight: 2\n        text: {en: \"Is there training?\"",
        "        weight: 2\n        na_allowed: true\n        text: {en: \"Is there training?\""),
        version=2)
    answers = _answers(d1_training="N/A")
    assert what_carries(allowing, allowing, answers, TODAY).question_ids == ("d1_training",)
    assert what_carries(allowing, v1, answers, TODAY).question_ids == ()
