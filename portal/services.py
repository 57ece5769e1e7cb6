"""Changes to organisations and their account groups."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from portal.models import Department, Jurisdiction

# What the city office may do in the Wagtail admin (DOMAIN.md §1: it configures
# campaigns and quotas, publishes pages, keeps the registry).
OFFICE_MODEL_PERMISSIONS = {
    "portal": ["jurisdiction", "department", "sitesettings"],
    "campaigns": ["brand", "sector", "countyquota", "sectorquota", "extension", "unitcensus", "sectorcensus"],
    "nominations": ["sanction"],
    "filings": ["filingkind"],
}
OFFICE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
OFFICE_COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def unit_group_ensure(*, unit: Jurisdiction | Department) -> Group:
    """The account group whose members act for `unit`; created on first use."""
    if unit.group_id:
        return unit.group
    city = unit.city if isinstance(unit, Department) else unit.parent
    group, _ = Group.objects.get_or_create(name=f"{unit.name}（{city.name}）" if city else unit.name)
    unit.group = group
    unit.save(update_fields=["group"])
    return group


@transaction.atomic
def office_permissions_grant(*, group: Group) -> None:
    """Give the city office's group the admin rights it needs; safe to repeat."""
    wanted = [Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")]
    for app_label, models in OFFICE_MODEL_PERMISSIONS.items():
        wanted += Permission.objects.filter(
            content_type__app_label=app_label,
            content_type__model__in=models,
            codename__regex=r"^(add|change|view)_",
        )
    group.permissions.add(*wanted)

    root = Page.get_first_root_node()
    for codename in OFFICE_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    collection = Collection.get_first_root_node()
    for app_label, codenames in OFFICE_COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )
