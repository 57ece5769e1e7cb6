"""What the public may know of a nominee: the fields a notice entry and an honour show.

Copied from the nomination when the notice (or the honour) is made, so that public
pages read these rows only and never the nominee's record, which holds the ID number
and the phone (DOMAIN.md §4: individuals are shown by name, gender and unit only).
"""

from django.db import models

from campaigns.enums import BrandKind
from nominations.enums import Gender
from nominations.models.honours import ForHonour
from portal.models import UnitOwned


class Listing(UnitOwned, ForHonour):
    kind = models.CharField("对象类型", max_length=12, choices=BrandKind.choices)
    name = models.CharField("名称或姓名", max_length=100)
    gender = models.CharField("性别", max_length=8, choices=Gender.choices, blank=True)
    workplace = models.CharField("工作单位", max_length=100, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def is_individual(self) -> bool:
        return self.kind == BrandKind.INDIVIDUAL

    @property
    def honour_label(self) -> str:
        """The brand, or for a sector its brand name (自定品牌 until the department names it)."""
        if self.brand_id:
            return self.brand.name
        return f"{self.sector.name}领域（{self.sector.brand_label}）"

    @property
    def unit_label(self) -> str:
        return str(self.county if self.county_id else self.department)

    def copy_from(self, nomination) -> None:
        """Copy the public fields of a nomination (never its nominee's ID number or phone)."""
        nominee = nomination.nominee
        self.brand_id = nomination.brand_id
        self.sector_id = nomination.sector_id
        self.county_id = nomination.county_id
        self.department_id = nomination.department_id
        self.kind = nominee.kind
        self.name = nominee.name
        individual = nominee.kind == BrandKind.INDIVIDUAL
        self.gender = nominee.gender if individual else ""
        self.workplace = nominee.workplace if individual else ""
