"""How many county-level (or sector-level) titles each unit holds per honour and year."""

from django.db import models

from portal.models import UnitOwned

from .honours import ForHonour


class TitleTally(UnitOwned, ForHonour):
    """The number of `LocalTitle`s of one (year, county, brand) or (year, department,
    sector): what creation coverage (campaigns/coverage.py) reads as "named", in one small
    query, instead of counting a city's titles of the year on every campaign page (26,000
    in the reference set, and more every year).

    Titles are only ever added, and only through `services.title_record`, which adds one
    here in the title's own transaction (`nominations.tallies`); `title_tallies_rebuild`
    recounts them all (bulk loads, a check)."""

    year = models.PositiveSmallIntegerField("命名年度")
    count = models.PositiveIntegerField("命名数", default=0)

    class Meta:
        verbose_name = "命名计数"
        verbose_name_plural = "命名计数"
        constraints = [
            UnitOwned.unit_constraint("title_tally_one_unit"),
            ForHonour.honour_constraint("title_tally_brand_or_sector"),
            models.UniqueConstraint(
                fields=["year", "county", "brand"],
                condition=models.Q(county__isnull=False, brand__isnull=False),
                name="title_tally_county_brand",
            ),
            models.UniqueConstraint(
                fields=["year", "department", "sector"],
                condition=models.Q(department__isnull=False, sector__isnull=False),
                name="title_tally_department_sector",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.unit} · {self.honour}：{self.count}"
