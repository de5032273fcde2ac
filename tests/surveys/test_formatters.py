"""Dates and times shown to people: Europe/London, GOV.UK style, plain dates never shifted."""

from datetime import UTC, date, datetime

import pytest

from surveys.formatters import local_date, local_datetime


@pytest.mark.parametrize(("moment", "words"), [
    (datetime(2026, 7, 13, 23, 30, tzinfo=UTC), "14 July 2026 at 12:30am"),  # summer time: an hour ahead
    (datetime(2026, 1, 13, 23, 30, tzinfo=UTC), "13 January 2026 at 11:30pm"),  # winter: London is UTC
    (datetime(2026, 7, 1, 23, 0, tzinfo=UTC), "2 July 2026 at midnight"),
    (datetime(2026, 1, 5, 12, 0, tzinfo=UTC), "5 January 2026 at midday"),
    (datetime(2026, 3, 3, 14, 15, tzinfo=UTC), "3 March 2026 at 2:15pm"),
])
def test_local_datetime_is_london_time(moment, words):
    assert local_datetime(moment) == words


def test_local_date_of_a_time_is_the_london_day():
    late_summer_night = datetime(2026, 7, 13, 23, 30, tzinfo=UTC)
    assert local_date(late_summer_night) == "14 July 2026"
    assert local_date(late_summer_night, short=True) == "14 Jul 2026"


def test_plain_dates_are_never_shifted():
    assert local_date(date(2026, 7, 13)) == "13 July 2026"
    assert local_date(date(2026, 3, 2), short=True) == "2 Mar 2026"


def test_nothing_shows_as_nothing():
    assert local_date(None) == ""
    assert local_datetime(None) == ""


def test_a_time_without_a_zone_is_refused():
    with pytest.raises(ValueError, match="zone"):
        local_date(datetime(2026, 7, 13, 23, 30))


def test_templates_have_the_filters(app):
    render = app.jinja_env.from_string("{{ moment | local_datetime }}; {{ moment | local_date(short=true) }}")
    assert render.render(moment=datetime(2026, 7, 13, 23, 30, tzinfo=UTC)) == "14 July 2026 at 12:30am; 14 Jul 2026"
