"""Reportability and deadlines (APPI Art. 26) on their boundaries."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendorrisk.foundation.clock import JAPAN
from vendorrisk.incidents.reportability import (
    Facts,
    Policy,
    Reason,
    evaluate,
    facts_for,
    late_notice,
    policy_from,
)


@pytest.mark.parametrize(("individuals", "reportable"), [
    (None, False), (0, False), (999, False), (1000, False), (1001, True), (250_000, True)])
def test_more_than_1000_individuals_is_reportable_and_1000_is_not(individuals, reportable):
    result = evaluate(Facts(individuals=individuals))
    assert result.reportable is reportable
    assert result.reasons == ((Reason.OVER_THRESHOLD,) if reportable else ())


def test_one_special_care_record_is_reportable():
    result = evaluate(Facts(special_care=True, individuals=1))
    assert result.reportable
    assert result.reasons == (Reason.SPECIAL_CARE,)


def test_every_reason_is_given():
    result = evaluate(Facts(special_care=True, financial_damage_risk=True,
                            wrongful_purpose=True, individuals=5000))
    assert result.reasons == (Reason.SPECIAL_CARE, Reason.FINANCIAL_DAMAGE,
                              Reason.WRONGFUL_PURPOSE, Reason.OVER_THRESHOLD)


def test_by_default_the_day_of_awareness_is_day_one():
    aware = datetime(2027, 4, 1, 10, 0, tzinfo=JAPAN)  # a Thursday
    result = evaluate(Facts(financial_damage_risk=True, aware_at=aware))
    assert result.aware_on == date(2027, 4, 1)
    assert result.awareness_day_counts
    assert result.warn_on == date(2027, 4, 3)
    assert result.preliminary_due == datetime(2027, 4, 5, 23, 59, 59, tzinfo=JAPAN)
    assert result.final_due == datetime(2027, 4, 30, 23, 59, 59, tzinfo=JAPAN)


def test_the_setting_counts_from_the_day_after_awareness_instead():
    aware = datetime(2027, 4, 1, 10, 0, tzinfo=JAPAN)
    result = evaluate(Facts(financial_damage_risk=True, aware_at=aware),
                      Policy(awareness_day_counts=False))
    assert not result.awareness_day_counts
    assert result.warn_on == date(2027, 4, 4)
    assert result.preliminary_due == datetime(2027, 4, 6, 23, 59, 59, tzinfo=JAPAN)
    assert result.final_due == datetime(2027, 5, 1, 23, 59, 59, tzinfo=JAPAN)


@given(aware=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1),
                          timezones=st.just(UTC)),
       wrongful=st.booleans(), days=st.integers(min_value=1, max_value=90))
def test_the_stricter_reading_is_always_exactly_one_day_earlier(aware, wrongful, days):
    facts = Facts(special_care=True, wrongful_purpose=wrongful, aware_at=aware)
    strict = evaluate(facts, Policy(preliminary_days=days))
    lenient = evaluate(facts, Policy(preliminary_days=days, awareness_day_counts=False))
    day = timedelta(days=1)
    assert strict.preliminary_due == lenient.preliminary_due - day
    assert strict.final_due == lenient.final_due - day
    assert strict.warn_on == lenient.warn_on - day
    # n days counted from day 1 end on the (n-1)th day after it, never before it
    assert strict.preliminary_due.date() == strict.aware_on + timedelta(days=days - 1)


def test_aware_late_on_a_friday_the_weekend_counts():
    # 23:30 on Friday 2 April in Tokyo is 14:30 UTC the same day.
    friday_night = datetime(2027, 4, 2, 14, 30, tzinfo=UTC)
    result = evaluate(Facts(individuals=1001, aware_at=friday_night))
    assert result.aware_on == date(2027, 4, 2)
    assert result.warn_on == date(2027, 4, 4)  # Sunday
    assert result.preliminary_due.date() == date(2027, 4, 6)  # Tuesday, not later


def test_just_after_midnight_in_tokyo_is_the_next_day_though_utc_says_friday():
    saturday_early = datetime(2027, 4, 2, 15, 30, tzinfo=UTC)  # 00:30 Saturday in Tokyo
    result = evaluate(Facts(individuals=1001, aware_at=saturday_early))
    assert result.aware_on == date(2027, 4, 3)
    assert result.preliminary_due.date() == date(2027, 4, 7)


def test_wrongful_purpose_gives_60_days_for_the_final_report():
    aware = datetime(2027, 4, 1, 9, 0, tzinfo=JAPAN)
    wrongful = evaluate(Facts(wrongful_purpose=True, aware_at=aware))
    ordinary = evaluate(Facts(special_care=True, aware_at=aware))
    assert wrongful.final_due.date() == date(2027, 5, 30)
    assert ordinary.final_due.date() == date(2027, 4, 30)
    assert wrongful.preliminary_due == ordinary.preliminary_due


def test_no_deadlines_when_not_reportable_or_awareness_unknown():
    aware = datetime(2027, 4, 1, 9, 0, tzinfo=JAPAN)
    assert evaluate(Facts(individuals=10, aware_at=aware)).preliminary_due is None
    unknown = evaluate(Facts(special_care=True))
    assert unknown.reportable
    assert unknown.final_due is None


def test_the_policy_moves_the_deadlines():
    aware = datetime(2027, 4, 1, 9, 0, tzinfo=JAPAN)
    result = evaluate(Facts(special_care=True, aware_at=aware),
                      Policy(preliminary_days=3, warning_days=2, final_days=20))
    assert (result.warn_on, result.preliminary_due.date(), result.final_due.date()) == (
        date(2027, 4, 2), date(2027, 4, 3), date(2027, 4, 20))


@pytest.mark.parametrize(("taken", "late"), [
    (None, False), (timedelta(hours=1), False), (timedelta(hours=24), False),
    (timedelta(hours=24, seconds=1), True), (timedelta(days=3), True)])
def test_a_consignee_telling_us_after_its_24_hours_is_late(taken, late):
    notified = datetime(2027, 4, 2, 9, 0, tzinfo=JAPAN)
    aware = None if taken is None else notified - taken
    assert late_notice(aware, notified) == (taken if late else None)
    # a contract allowing 72 hours makes three days in time
    assert late_notice(aware, notified, Policy(consignee_notice_hours=72)) is None


def test_the_settings_give_the_policy(app):
    assert policy_from(app.config) == Policy()  # the defaults are the PPC's
    app.config["INCIDENT_FINAL_DAYS"] = "45"  # as an environment variable would give it
    app.config["INCIDENT_AWARENESS_DAY_COUNTS"] = False
    assert policy_from(app.config) == Policy(final_days=45, awareness_day_counts=False)


def test_the_data_categories_imply_special_care_and_financial_damage():
    health = facts_for(["customer", "health"], special_care=False,
                       financial_damage_risk=False, wrongful_purpose=False, individuals=1,
                       aware_at=None)
    assert evaluate(health).reasons == (Reason.SPECIAL_CARE,)
    card = facts_for(["payment_card"], special_care=False, financial_damage_risk=False,
                     wrongful_purpose=False, individuals=None, aware_at=None)
    assert evaluate(card).reasons == (Reason.FINANCIAL_DAMAGE,)
    plain = facts_for(["customer", "employee"], special_care=False,
                      financial_damage_risk=False, wrongful_purpose=False, individuals=1000,
                      aware_at=None)
    assert evaluate(plain).reportable is False
