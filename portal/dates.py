"""Dates as the portal writes them in Chinese text."""

from __future__ import annotations

import datetime


def day_label(day: datetime.date) -> str:
    """2018-03-20 → "2018年3月20日" (no leading zeros), as the plans and notices write a day."""
    return f"{day.year}年{day.month}月{day.day}日"
