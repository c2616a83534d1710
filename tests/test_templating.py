"""The template filters every page and PDF shares."""

from datetime import UTC, datetime

from vendorrisk.foundation.templating import format_datetime


def test_a_time_reads_to_the_minute_in_the_display_time_zone():
    # stored in UTC, shown in Japan time (VENDORRISK_DISPLAY_TIMEZONE) with its zone
    assert format_datetime(datetime(2026, 12, 2, 7, 5, 59, tzinfo=UTC)) == "2026-12-02 16:05 JST"


def test_a_missing_time_is_a_dash_not_a_server_error():
    # a template that forgets to say what a missing time means still renders
    assert format_datetime(None) == "—"
