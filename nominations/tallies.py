"""Keeping `TitleTally` equal to a count of the titles (models/tallies.py).

`title_tally_add` is called by `services.title_record`, the one path that writes a title,
inside its transaction; bulk loads (`seed_scale`) call `title_tallies_rebuild` after
writing theirs. `title_tallies_mismatched` recounts and compares (tests, seed_scale's
checks)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, F

from nominations.models import LocalTitle, TitleTally

KEY = ("year", "county_id", "department_id", "brand_id", "sector_id")


def _key(title: LocalTitle) -> dict:
    return {field: getattr(title, field) for field in KEY}


def title_tally_add(*, title: LocalTitle) -> None:
    """One more title of the title's (year, unit, honour). Concurrent callers of the same
    key serialise on its row (or, for the first title of a key, on its unique index)."""
    key = _key(title)
    if TitleTally.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            TitleTally.objects.create(**key, count=1)
    except IntegrityError:  # another transaction created the row first: count on it
        TitleTally.objects.filter(**key).update(count=F("count") + 1)


def _recount() -> dict[tuple, int]:
    return {
        tuple(row[f] for f in KEY): row["n"]
        for row in LocalTitle.objects.values(*KEY).annotate(n=Count("*")).order_by()
    }


@transaction.atomic
def title_tallies_rebuild() -> int:
    """Recount every tally from the titles; returns how many tallies there are."""
    counts = _recount()
    TitleTally.objects.all().delete()
    TitleTally.objects.bulk_create(
        [TitleTally(**dict(zip(KEY, key, strict=True)), count=n) for key, n in counts.items()],
        batch_size=2000,
    )
    return len(counts)


def title_tallies_mismatched() -> list[str]:
    """Every key whose tally differs from the count of its titles, as readable text."""
    counts = _recount()
    tallies = {tuple(row[:-1]): row[-1] for row in TitleTally.objects.values_list(*KEY, "count")}
    return [
        f"{dict(zip(KEY, key, strict=True))}: 计数{tallies.get(key, 0)}，实有{counts.get(key, 0)}"
        for key in sorted(set(counts) | set(tallies), key=str)
        if counts.get(key, 0) != tallies.get(key, 0)
    ]
