"""Working days on the Chinese calendar, with its holidays and make-up working days (调休).

`chinese_calendar` ships the State Council's schedule year by year; for a year it has
no data for yet, Monday to Friday are counted and `is_official` says so, so the notice
page can tell the reader.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import chinese_calendar


def is_working_day(day: datetime.date) -> tuple[bool, bool]:
    """(working?, from the official schedule?)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


@dataclass(frozen=True)
class Period:
    starts_on: datetime.date
    ends_on: datetime.date
    working_days: int
    is_official: bool  # every day counted came from the official schedule


def working_period(starts_on: datetime.date, working_days: int) -> Period:
    """The period of `working_days` working days beginning on `starts_on` (or on the
    first working day after it): it ends on the last of them."""
    if working_days < 1:
        raise ValueError("working_days must be at least 1")
    official = True
    day = starts_on
    first = None
    counted = 0
    while True:
        working, known = is_working_day(day)
        official = official and known
        if working:
            first = first or day
            counted += 1
            if counted == working_days:
                return Period(first, day, working_days, official)
        day += datetime.timedelta(days=1)


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself when it is a working day, else the next one."""
    return working_period(day, 1).starts_on
