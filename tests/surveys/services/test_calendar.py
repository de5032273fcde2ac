"""Working days in England: weekends and bank holidays (from the holidays package) do not count."""

from datetime import date

import pytest

from surveys.services.platform.calendar import add_working_days, is_working_day, today, working_days_between

# Easter 2026: Good Friday 3 April, Easter Monday 6 April. Christmas 2026: Friday 25 December, Boxing Day
# Saturday 26 December with its substitute on Monday 28 December; New Year's Day Friday 1 January 2027.
GOOD_FRIDAY_2026 = date(2026, 4, 3)
EASTER_MONDAY_2026 = date(2026, 4, 6)


@pytest.mark.parametrize(
    "day",
    [GOOD_FRIDAY_2026, EASTER_MONDAY_2026, date(2026, 5, 4), date(2026, 12, 25), date(2026, 12, 28),
     date(2027, 1, 1), date(2026, 4, 4), date(2026, 4, 5)],
)
def test_bank_holidays_and_weekends_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 4, 2), date(2026, 4, 7), date(2026, 12, 24), date(2026, 12, 29)])
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)


def test_scottish_and_northern_irish_holidays_do_not_count_in_england():
    assert is_working_day(date(2026, 3, 17))  # St Patrick's Day, Northern Ireland only
    assert is_working_day(date(2026, 8, 3))  # Summer bank holiday in Scotland only


def test_the_day_of_receipt_does_not_count():
    assert add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)  # Monday -> Tuesday
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday -> Monday


def test_received_before_easter_skips_good_friday_and_easter_monday():
    received = date(2026, 4, 2)  # Thursday before Good Friday
    assert add_working_days(received, 1) == date(2026, 4, 7)
    assert add_working_days(received, 3) == date(2026, 4, 9)
    assert add_working_days(received, 10) == date(2026, 4, 20)


def test_twenty_working_days_from_easter_also_skip_the_early_may_bank_holiday():
    assert add_working_days(date(2026, 4, 2), 20) == date(2026, 5, 5)  # Monday 4 May is a bank holiday


def test_received_before_christmas_skips_christmas_boxing_day_substitute_and_new_year():
    received = date(2026, 12, 23)
    assert add_working_days(received, 1) == date(2026, 12, 24)
    assert add_working_days(received, 2) == date(2026, 12, 29)  # not 25, 26 (Sat), 27 (Sun) or 28 (substitute)
    assert add_working_days(received, 10) == date(2027, 1, 11)


def test_received_on_a_bank_holiday_counts_from_the_next_working_day():
    assert add_working_days(GOOD_FRIDAY_2026, 1) == date(2026, 4, 7)


def test_zero_days_is_the_same_day():
    assert add_working_days(date(2026, 4, 2), 0) == date(2026, 4, 2)


def test_working_days_between_matches_add_working_days():
    start = date(2026, 12, 23)
    for days in (1, 5, 10, 20):
        assert working_days_between(start, add_working_days(start, days)) == days


def test_working_days_between_is_negative_backwards_and_zero_on_the_day():
    assert working_days_between(date(2026, 4, 20), date(2026, 4, 2)) == -10
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 2)) == 0


def test_today_is_a_date():
    assert isinstance(today(), date)
