"""Working days on the Chinese calendar (holidays and make-up days), and the fallback for
a year whose official schedule is not published yet."""

import datetime

import chinese_calendar
import pytest

from honours.calendar import is_working_day, next_working_day, working_period

D = datetime.date


def _no_data(day: datetime.date) -> bool:
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return True
    return False


def test_the_facts_the_2018_tests_rely_on():
    """The State Council's 2019 New Year schedule, as chinese_calendar ships it."""
    assert chinese_calendar.is_workday(D(2018, 12, 29))  # a Saturday, made up for 12-31
    assert D(2018, 12, 29).weekday() == 5
    assert chinese_calendar.is_holiday(D(2018, 12, 30))
    assert chinese_calendar.is_holiday(D(2018, 12, 31))  # a Monday
    assert chinese_calendar.is_holiday(D(2019, 1, 1))


def test_five_working_days_of_an_ordinary_week():
    period = working_period(D(2018, 12, 24), 5)
    assert (period.starts_on, period.ends_on, period.is_official) == (D(2018, 12, 24), D(2018, 12, 28), True)


def test_new_year_holidays_and_the_make_up_saturday():
    period = working_period(D(2018, 12, 27), 5)
    # 12-27, 12-28, 12-29 (Saturday, a working day), then 12-30 … 01-01 off, 01-02, 01-03.
    assert period.ends_on == D(2019, 1, 3)
    assert period.is_official is True
    counted = [
        D(2018, 12, 27) + datetime.timedelta(days=n)
        for n in range((period.ends_on - D(2018, 12, 27)).days + 1)
        if is_working_day(D(2018, 12, 27) + datetime.timedelta(days=n))[0]
    ]
    assert counted == [D(2018, 12, 27), D(2018, 12, 28), D(2018, 12, 29), D(2019, 1, 2), D(2019, 1, 3)]


def test_a_period_beginning_on_a_holiday_begins_on_the_next_working_day():
    period = working_period(D(2018, 12, 30), 3)
    assert (period.starts_on, period.ends_on) == (D(2019, 1, 2), D(2019, 1, 4))
    assert next_working_day(D(2018, 12, 31)) == D(2019, 1, 2)
    assert next_working_day(D(2018, 12, 29)) == D(2018, 12, 29)


def test_a_year_without_official_data_counts_monday_to_friday():
    assert _no_data(D(2031, 3, 1))
    assert is_working_day(D(2031, 3, 1)) == (False, False)  # a Saturday
    assert is_working_day(D(2031, 3, 3)) == (True, False)  # a Monday
    period = working_period(D(2031, 3, 1), 5)
    assert (period.starts_on, period.ends_on, period.is_official) == (D(2031, 3, 3), D(2031, 3, 7), False)
    # 2031-01-01 is New Year's Day, but there is no schedule: a Wednesday is counted.
    assert working_period(D(2031, 1, 1), 1).ends_on == D(2031, 1, 1)


def test_a_period_running_into_a_year_without_data_is_not_official():
    year = next(y for y in range(2020, 2100) if _no_data(D(y, 1, 1)))
    period = working_period(D(year - 1, 12, 28), 10)
    assert period.ends_on.year == year
    assert period.is_official is False


def test_at_least_one_working_day():
    with pytest.raises(ValueError):
        working_period(D(2018, 12, 24), 0)


@pytest.mark.django_db
def test_the_notice_page_stores_its_end_date_and_whether_it_is_official(notice):
    notice.starts_on = D(2018, 12, 27)
    notice.save()
    notice.refresh_from_db()
    assert (notice.ends_on, notice.calendar_is_official) == (D(2019, 1, 3), True)

    notice.starts_on = D(2031, 3, 1)
    notice.save()
    notice.refresh_from_db()
    assert (notice.ends_on, notice.calendar_is_official) == (D(2031, 3, 7), False)
