from django.db import models


class ForHonour(models.Model):
    """A record about one honour: a brand (counties) or a sector (lead departments)."""

    brand = models.ForeignKey(
        "campaigns.Brand",
        verbose_name="品牌",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sector = models.ForeignKey(
        "campaigns.Sector",
        verbose_name="领域",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def honour(self):
        return self.brand or self.sector

    @classmethod
    def honour_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=models.Q(brand__isnull=False, sector__isnull=True)
            | models.Q(brand__isnull=True, sector__isnull=False),
            name=name,
        )
