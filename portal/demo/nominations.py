"""The November work of the demo: county naming lists, demonstration sites and nominations
in every early state (draft, submitted, returned), through the workbench's services.

Dates are the 2018 campaign's own: demo sites are filed as of 2018-03-10 and nominations
submitted as of 2018-11-25. So that the demo can be tried today, every county and lead
department holds an office extension for the nomination phase (the same mechanism the
office uses for a late unit).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from campaigns.models import Brand, CampaignPage, CountyQuota, Extension, Sector, SectorQuota
from nominations import services
from nominations.enums import SanctionKind, State
from nominations.models import LocalTitle, Nomination, Nominee, Sanction
from portal.models import Jurisdiction
from portal.models.units import unit_q
from portal.validators import make_id_number

DEMO_SITES_ON = datetime.date(2018, 3, 10)
SUBMITTED_ON = datetime.date(2018, 11, 25)
NAMED_ON = datetime.date(2018, 11, 15)
REGION = {
    "shangzhou": "611002",
    "luonan": "611021",
    "danfeng": "611022",
    "shangnan": "611023",
    "shanyang": "611024",
    "zhenan": "611025",
    "zhashui": "611026",
    "gaoxin": "611002",
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["建军", "秀英", "志强", "桂兰", "海涛", "丽娟", "国庆", "晓燕", "永红", "文斌"]
UNITS = ["人民医院", "实验中学", "供电分公司", "农村信用社", "汽车站", "第一小学", "自来水公司"]
ESTATES = ["丹江花园小区", "金凤家园", "滨河小区", "育才路家属楼"]
SECTOR_UNITS = {
    "campus": ["商洛市第一小学", "商洛中学", "商洛市高级中学", "商州区第二小学", "洛南中学"],
    "hospital": ["商洛市中心医院", "商洛市中医医院", "商州区人民医院", "洛南县医院"],
    "scenic": ["金丝峡景区", "牛背梁国家森林公园", "柞水溶洞景区", "天竺山国家森林公园"],
    "transport": ["商洛汽车客运总站", "商洛市公交公司", "商洛高速公路管理所"],
    "food-drug": ["商州区中心农贸市场", "商洛市医药连锁公司", "洛南县食品工业园"],
    "enterprise": ["商洛循环经济产业园", "商丹园区管委会企业服务中心", "洛南县工业园区"],
    "project": ["西康高铁商洛段项目部", "商洛丹江综合治理工程", "商洛电厂二期工程"],
    "finance": ["人行商洛市中心支行营业室", "商洛市农商银行", "商洛市城区信用合作联社"],
}


def _title(user, nominee, honour, n) -> LocalTitle:
    brand = honour if isinstance(honour, Brand) else None
    sector = honour if isinstance(honour, Sector) else None
    existing = LocalTitle.objects.filter(nominee=nominee, brand=brand, sector=sector, year=2018).first()
    if existing:
        return existing
    unit = user.first_name
    prefix = unit[:2] if brand else unit[1:3]
    return services.title_record(
        title=LocalTitle(
            nominee=nominee,
            brand=brand,
            sector=sector,
            year=2018,
            document_number=f"{prefix}发〔2018〕{40 + n}号",
            issuing_body=f"中共{unit}委、{unit}人民政府" if brand else f"商洛{unit[1:]}",
            named_on=NAMED_ON,
        ),
        actor=user,
    )


def _person(user, county_slug: str, i: int, role: str, workplace: str) -> Nominee:
    offset = sum(map(ord, county_slug))
    birth = datetime.date(1965 + (i * 7 + offset) % 30, 1 + (i + offset) % 12, 1 + (i * 3 + offset) % 28)
    sequence = (i * 37 + len(county_slug)) % 999
    return services.nominee_save(
        nominee=Nominee(
            kind="individual",
            name=SURNAMES[(i + offset) % len(SURNAMES)] + GIVEN[(i + offset // 3) % len(GIVEN)],
            gender="male" if sequence % 2 else "female",
            role=role,
            workplace=workplace,
            mobile=f"139{sum(map(ord, county_slug)) % 90 + 10:02d}{i:06d}",
            id_number=make_id_number(REGION[county_slug], birth, sequence),
        ),
        actor=user,
    )


def _county(campaign: CampaignPage, county: Jurisdiction, user: User) -> list:
    brands = {b.slug: b for b in Brand.objects.filter(city=campaign.city)}
    quotas = {
        q.brand.slug: q.quota
        for q in CountyQuota.objects.filter(campaign=campaign, county=county).select_related("brand")
    }
    villages = list(Jurisdiction.objects.filter(parent__parent=county, level="village").order_by("id"))
    towns = list(Jurisdiction.objects.filter(parent=county, level="town").order_by("id"))
    titles: dict[str, list[LocalTitle]] = {}

    def name(kind, brand_slug, label, place=None, **fields):
        nominee = services.nominee_save(
            nominee=Nominee(kind=kind, name=label, place=place, **fields), actor=user
        )
        titles.setdefault(brand_slug, []).append(_title(user, nominee, brands[brand_slug], len(titles)))
        return nominee

    for village in villages[: min(quotas.get("village", 0), 8)]:
        name("collective", "village", village.name, place=village, collective_type=village.category)
    for town in towns[: min(quotas.get("town", 0), 3)]:
        name("collective", "town", town.name, place=town, collective_type=town.category)
    for unit in UNITS[: min(quotas.get("unit", 0), 3)]:
        name("collective", "unit", f"{county.name[:2]}{unit}", collective_type="单位")
    for estate in ESTATES[: quotas.get("estate", 0)]:
        name("collective", "estate", f"{county.name[:2]}{estate}", collective_type="小区")
    for i in range(2):
        head = SURNAMES[i + 3] + GIVEN[i + 4]
        name("family", "family", f"{head}家庭", address=f"{county.name}{towns[i % len(towns)].name}")
    for i in range(2):
        person = _person(user, county.slug, i, "网格员", f"{towns[i % len(towns)].name}{villages[i].name}")
        titles.setdefault("gridworker", []).append(_title(user, person, brands["gridworker"], 90 + i))
        volunteer = _person(user, county.slug, i + 10, "平安志愿者", f"{county.name}红袖章志愿服务队")
        titles.setdefault("volunteer", []).append(_title(user, volunteer, brands["volunteer"], 95 + i))

    # Demonstration sites filed in March (half of each quota).
    for slug in ("town", "village", "unit", "estate"):
        for title in titles.get(slug, [])[: max(quotas.get(slug, 0) // 2, 0)]:
            services.demo_site_file(
                campaign=campaign, nominee=title.nominee, brand=brands[slug], actor=user, today=DEMO_SITES_ON
            )

    # November: a few nominations per brand, in different states.
    plan = [("village", 4), ("town", 1), ("unit", 1), ("family", 2), ("gridworker", 1), ("volunteer", 1)]
    made = []
    for slug, count in plan:
        for title in titles.get(slug, [])[:count]:
            made.append(
                services.nomination_create(
                    campaign=campaign,
                    title=title,
                    deeds=f"<p>{title.nominee.name}扎实开展平安创建，全年未发生重大刑事案件和群体性事件，"
                    "群众安全感满意度明显提升。</p>",
                    actor=user,
                )
            )
    return made


def _department(campaign: CampaignPage, sector: Sector, user: User) -> list:
    quota = (
        SectorQuota.objects.filter(campaign=campaign, sector=sector).values_list("quota", flat=True).first()
    )
    names = SECTOR_UNITS.get(sector.slug, [])
    titles = []
    for i, label in enumerate(names[: min(len(names), quota or 0)]):
        nominee = services.nominee_save(
            nominee=Nominee(kind="collective", name=label, collective_type="单位"), actor=user
        )
        titles.append(_title(user, nominee, sector, i))
    made = [
        services.nomination_create(
            campaign=campaign,
            title=t,
            deeds=f"<p>{t.nominee.name}平安{sector.name}建设成效显著。</p>",
            actor=user,
        )
        for t in titles[:3]
    ]
    return made


def submit_unit(*, campaign: CampaignPage, unit, office: User) -> None:
    """The unit submits all its drafts but the first (as of 2018-11-25); the office returns
    a county's third one with reasons."""
    user = User.objects.get(username=unit.slug)
    drafts = list(
        Nomination.objects.filter(unit_q(unit), campaign=campaign, state=State.DRAFT).order_by("id")
    )
    for nomination in drafts[1:]:
        services.nomination_submit(nomination=nomination, actor=user, today=SUBMITTED_ON)
    if isinstance(unit, Jurisdiction) and len(drafts) > 2:
        services.nomination_return(
            nomination=drafts[2],
            actor=office,
            reason="事迹材料过于简略，请补充具体做法和成效数据后重新提交。",
        )


def submit_all(campaign: CampaignPage, *, actor: User) -> None:
    """The `submitted` stage: every unit whose nominations are all drafts submits."""
    for unit in _units(campaign):
        nominations = Nomination.objects.filter(unit_q(unit), campaign=campaign)
        if nominations.exists() and not nominations.exclude(state=State.DRAFT).exists():
            submit_unit(campaign=campaign, unit=unit, office=actor)


def _units(campaign: CampaignPage) -> list:
    counties = Jurisdiction.objects.filter(parent=campaign.city, level="county").order_by("sort_order")
    departments = [
        s.lead_department for s in Sector.objects.filter(city=campaign.city).select_related("lead_department")
    ]
    return [*counties, *departments]


def load_nominations(*, campaign: CampaignPage, submit: bool = True) -> None:
    """Once per unit: a unit that already has nominees is left as it is. With `submit`
    false the nominations stay drafts (`seed_demo --stage draft`)."""
    if not settings.DEMO_ACCOUNTS:
        return
    office = User.objects.get(username="office")
    until = timezone.localdate() + datetime.timedelta(days=365)

    def open_phase(unit) -> None:
        unit_filter = {"county": unit} if isinstance(unit, Jurisdiction) else {"department": unit}
        if not Extension.objects.filter(
            campaign=campaign, milestone_key="nomination", **unit_filter
        ).exists():
            services.extension_grant(
                campaign=campaign,
                unit=unit,
                milestone_key="nomination",
                until=until,
                reason="演示环境：开放推荐申报以便试用",
                actor=office,
            )

    counties = Jurisdiction.objects.filter(parent=campaign.city, level="county").order_by("sort_order")
    for county in counties:
        open_phase(county)
        if Nominee.objects.filter(county=county).exists():
            continue
        _county(campaign, county, User.objects.get(username=county.slug))
        if submit:
            submit_unit(campaign=campaign, unit=county, office=office)
    zhashui = counties.filter(slug="zhashui").first()
    if zhashui is not None and not Sanction.objects.filter(county=zhashui).exists():
        # One notice (通报) alone does not take the county's eligibility (rule 5 needs two a year).
        services.sanction_record(
            sanction=Sanction(
                county=zhashui,
                kind=SanctionKind.NOTIFIED,
                reason="2018年第二季度平安建设“两率一度”群众满意度排名靠后，予以通报。",
                starts_on=datetime.date(2018, 7, 10),
            ),
            actor=office,
        )
    for sector in Sector.objects.filter(city=campaign.city).select_related("lead_department"):
        open_phase(sector.lead_department)
        if Nominee.objects.filter(department=sector.lead_department).exists():
            continue
        _department(campaign, sector, User.objects.get(username=sector.lead_department.slug))
        if submit:
            submit_unit(campaign=campaign, unit=sector.lead_department, office=office)
