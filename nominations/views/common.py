"""What every workbench view needs: who is asking, for which unit, in which campaign."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.template.response import TemplateResponse

from campaigns import rules as campaign_rules
from campaigns import selectors as campaign_selectors
from campaigns.enums import Role
from campaigns.models import CampaignPage
from portal import rules as portal_rules
from portal.models import Department, Jurisdiction
from portal.validators import mask_id_number, mask_mobile

PER_PAGE = 50


@dataclass
class Workbench:
    """The operator's unit (None for the city office, which only reads here)."""

    unit: Jurisdiction | Department | None
    is_office: bool
    campaign: CampaignPage | None

    def require_write(self) -> None:
        if self.is_office:
            raise PermissionDenied("市综治办在管理后台办理推荐申报，工作台仅供查看。")

    @property
    def is_county(self) -> bool:
        return isinstance(self.unit, Jurisdiction)

    @property
    def city(self) -> Jurisdiction | None:
        if isinstance(self.unit, Jurisdiction):
            return self.unit.parent
        if isinstance(self.unit, Department):
            return self.unit.city
        return self.campaign.city if self.campaign else None

    @property
    def titles_label(self) -> str:
        if self.is_office:
            return "县级（领域）命名名单"
        return "县级命名名单" if self.is_county else "领域命名名单"

    @property
    def title_level(self) -> str:
        return "领域" if isinstance(self.unit, Department) else "县级"


def workbench_for(request, *, write: bool = False) -> Workbench:
    """The workbench of the user's unit, or 403: no unit; a department that leads no
    sector (it nominates nothing); the city office when `write` (it works in the admin)."""
    user = request.user
    campaign = campaign_selectors.campaign_current_for(user)
    if portal_rules.is_city_office(user):
        wb = Workbench(unit=None, is_office=True, campaign=campaign)
        if write:
            wb.require_write()
        return wb
    unit = portal_rules.actor_for(user).unit
    if unit is None:
        raise PermissionDenied("账号尚未关联县（区）或市级部门。")
    if campaign_rules.role_of(unit) == Role.OTHER_DEPARTMENT:
        raise PermissionDenied("本部门不是重点领域主责部门，不承担命名和推荐申报工作。")
    return Workbench(unit=unit, is_office=False, campaign=campaign)


NAV_SECTIONS = {
    "nominee": "nominees",
    "title": "titles",
    "demo_site": "demo_sites",
    "nomination": "nominations",
}


def render(request, template: str, wb: Workbench, context: dict, *, status: int = 200) -> TemplateResponse:
    """A workbench page; the navigation marks the section its template belongs to."""
    page = template.rsplit("/", 1)[-1].rsplit("_", 1)[0]
    context = {"wb": wb, "wb_active": NAV_SECTIONS.get(page, ""), **context}
    return TemplateResponse(request, template, context, status=status)


def paginate(request, queryset) -> tuple[Page, str]:
    """A page of `queryset`, and the query string (ending in "&") to keep on page links."""
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    query: QueryDict = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return page, f"{encoded}&" if encoded else ""


def mask_personal(nominees) -> None:
    """Masked ID number and mobile for display (DOMAIN.md §4: never shown in full on lists)."""
    for nominee in nominees:
        nominee.id_number_masked = mask_id_number(nominee.id_number) if nominee.id_number else ""
        nominee.mobile_masked = mask_mobile(nominee.mobile) if nominee.mobile else ""
