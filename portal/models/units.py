"""A record owned by one unit: a county (县区) or a city department (市级部门)."""

from django.db import models

from .org import Department, Jurisdiction


class UnitOwned(models.Model):
    """Exactly one of `county` / `department` is set: the unit that owns the record.
    Access rules (portal.rules) compare it with the unit the user acts for."""

    county = models.ForeignKey(
        Jurisdiction,
        verbose_name="县（区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Jurisdiction.Level.COUNTY},
    )
    department = models.ForeignKey(
        Department, verbose_name="主责部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def unit(self) -> Jurisdiction | Department:
        return self.county if self.county_id else self.department

    @classmethod
    def unit_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=models.Q(county__isnull=False, department__isnull=True)
            | models.Q(county__isnull=True, department__isnull=False),
            name=name,
        )


def unit_q(unit: Jurisdiction | Department) -> models.Q:
    """The `UnitOwned` rows of one county or department."""
    return models.Q(county=unit) if isinstance(unit, Jurisdiction) else models.Q(department=unit)


def unit_fields(unit: Jurisdiction | Department) -> dict:
    """`county=` / `department=` keyword arguments for a `UnitOwned` row of `unit`."""
    if isinstance(unit, Jurisdiction):
        return {"county": unit, "department": None}
    return {"county": None, "department": unit}


def unit_city(unit: Jurisdiction | Department) -> Jurisdiction:
    """The city a county or department belongs to."""
    return unit.parent if isinstance(unit, Jurisdiction) else unit.city


def group_emails(group_ids) -> list[str]:
    """The e-mail addresses of the active accounts in these account groups (a unit's
    operators, or the city office's staff), each once."""
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(groups__in=list(group_ids), is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .order_by("email")
        .distinct()
    )


def unit_emails(unit: Jurisdiction | Department) -> list[str]:
    """The addresses of a county's or department's operators (its account group)."""
    return group_emails([unit.group_id]) if unit.group_id else []
