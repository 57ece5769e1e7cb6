"""Permission predicates: who a user acts for, and what they may do.

The one place views, templates and services ask "may this user ...". Every
workbench and admin object access goes through a predicate here (DOMAIN.md §1:
a county sees and edits only its own records, a department only its own,
reviewers see everything).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from portal.models import Department, Jurisdiction
from portal.models.units import unit_q


@dataclass(frozen=True)
class Actor:
    """The unit a user acts for. Exactly one of county / department is set."""

    county: Jurisdiction | None = None
    department: Department | None = None

    @property
    def unit(self) -> Jurisdiction | Department | None:
        return self.county or self.department


def actor_for(user: User | AnonymousUser) -> Actor:
    """The county or department whose account group the user belongs to (cached per user)."""
    if not user.is_authenticated:
        return Actor()
    cached = getattr(user, "_pingan_actor", None)
    if cached is not None:
        return cached
    group_ids = list(user.groups.values_list("pk", flat=True))
    county = Jurisdiction.objects.filter(group_id__in=group_ids).first() if group_ids else None
    department = (
        Department.objects.filter(group_id__in=group_ids).first() if group_ids and county is None else None
    )
    actor = Actor(county=county, department=department)
    user._pingan_actor = actor
    return actor


def is_city_office(user: User | AnonymousUser) -> bool:
    """Staff of the city office (市综治办), or a superuser."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    department = actor_for(user).department
    return department is not None and department.kind == Department.Kind.OFFICE


def visible_rows(queryset, user: User | AnonymousUser):
    """The `UnitOwned` rows (county or department records) the user may see: its own unit's
    for an operator; its own city's for the city office (every city's for a superuser who
    acts for no office); none for anyone else."""
    actor = actor_for(user)
    if is_city_office(user):
        office = actor.department
        if office is None:
            return queryset
        return queryset.filter(Q(county__parent_id=office.city_id) | Q(department__city_id=office.city_id))
    if actor.unit is None:
        return queryset.none()
    return queryset.filter(unit_q(actor.unit))


def is_county_operator(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active and actor_for(user).county is not None


def is_department_operator(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    department = actor_for(user).department
    return department is not None and department.kind == Department.Kind.DEPARTMENT


def can_manage_quotas(user: User | AnonymousUser) -> bool:
    """Quotas are configured by the city office only (DOMAIN.md §1)."""
    return is_city_office(user)


def can_view_unit(user: User | AnonymousUser, unit: Jurisdiction | Department) -> bool:
    """The office sees every unit; an operator sees only its own."""
    if is_city_office(user):
        return True
    return actor_for(user).unit == unit


def owns(user: User | AnonymousUser, record) -> bool:
    """Whether the user acts for the unit that owns `record` (a `UnitOwned` row)."""
    if not user.is_authenticated or not user.is_active:
        return False
    actor = actor_for(user)
    if actor.county is not None:
        return record.county_id == actor.county.pk
    if actor.department is not None and actor.department.kind == Department.Kind.DEPARTMENT:
        return record.department_id == actor.department.pk
    return False


def can_view_record(user: User | AnonymousUser, record) -> bool:
    """A county's or department's records: its own operators and the city office."""
    return is_city_office(user) or owns(user, record)
