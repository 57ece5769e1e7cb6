"""Bulk writing helpers: batched `bulk_create`, dated rows, the build's sizes."""

from __future__ import annotations

import contextlib
import datetime
import math
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

BATCH = 5000
YEARS = tuple(range(2016, 2026))  # ten campaign years; 2025 is the current one


def create(model: type[models.Model], rows: list, *, batch: int = BATCH) -> list:
    """`bulk_create` in batches; the rows come back with their primary keys."""
    for start in range(0, len(rows), batch):
        model.objects.bulk_create(rows[start : start + batch], batch_size=batch)
    return rows


@contextlib.contextmanager
def dated(*fields: models.DateTimeField):
    """Let rows carry their own (historical, deterministic) timestamps: `auto_now` and
    `auto_now_add` are switched off on these fields for the duration."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f, _, _ in saved:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def at(day: datetime.date, minute: int = 0) -> datetime.datetime:
    """An aware datetime on `day`, `minute` minutes after 09:00 local time."""
    naive = datetime.datetime.combine(day, datetime.time(9)) + datetime.timedelta(minutes=minute)
    return timezone.make_aware(naive)


def split(total: int, weights: dict, *, minimum: int = 0) -> dict:
    """`total` shared out by `weights` (largest remainder), each share at least `minimum`
    while the total allows."""
    keys = list(weights)
    floor = {k: min(minimum, total // max(len(keys), 1)) for k in keys}
    rest = total - sum(floor.values())
    whole = sum(weights.values()) or 1
    raw = {k: rest * weights[k] / whole for k in keys}
    shares = {k: floor[k] + int(raw[k]) for k in keys}
    left = total - sum(shares.values())
    for k in sorted(keys, key=lambda k: (int(raw[k]) - raw[k], keys.index(k)))[:left]:
        shares[k] += 1
    return shares


@dataclass(frozen=True)
class Sizes:
    """How big the set is at a given factor (1.0: the reference set of issue 6)."""

    factor: float
    cities: int
    counties_per_city: int
    towns_per_county: int
    villages_per_town: int
    years: tuple[int, ...]
    nominations: int
    honours: int
    notice_entries: int
    spare_titles: int

    @classmethod
    def for_factor(cls, factor: float) -> Sizes:
        if factor <= 0:
            raise ValueError("factor must be positive")
        side = max(2, min(10, round(10 * math.sqrt(min(factor, 1.0)))))
        years = max(3, min(10, round(10 * min(factor, 1.0) ** 0.25)))
        honours = max(10, round(20000 * factor))
        return cls(
            factor=factor,
            cities=side,
            counties_per_city=side,
            towns_per_county=10,
            villages_per_town=15,
            years=YEARS[-years:],
            nominations=max(honours * 5, round(200000 * factor)),
            honours=honours,
            notice_entries=max(2, round(1000 * factor)),
            spare_titles=max(5, round(10000 * factor)),
        )
