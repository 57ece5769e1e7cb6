"""The scale set's registry: a province of cities, counties, towns and villages, each city's
departments, brands and sectors, the units' account groups and accounts, the unit census."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from campaigns.models import Brand, Sector, SectorCensus, UnitCensus
from portal import services as portal_services
from portal.demo import data
from portal.models import Department, Jurisdiction
from portal.scale import bulk
from portal.scale.names import Names

PROVINCE = ("平川省", "pingchuan")  # fictional: the scale set never meets a real place
PASSWORD = "pingan2018"
L = Jurisdiction.Level


@dataclass
class City:
    """One city of the set, with everything the later steps need in memory."""

    city: Jurisdiction
    short: str
    counties: list[Jurisdiction]
    towns: dict[int, list[Jurisdiction]]
    villages: dict[int, list[Jurisdiction]]
    office: Department
    leads: dict[int, Department]  # sector pk → lead department
    brands: list[Brand]
    sectors: list[Sector]
    region: dict[int, str] = field(default_factory=dict)  # county pk → 6-digit ID region code
    office_user: User | None = None
    users: dict[str, User] = field(default_factory=dict)  # username → account
    campaigns: dict = field(default_factory=dict)  # year → CampaignPage
    notices: dict = field(default_factory=dict)  # year → NoticePage
    commendations: dict = field(default_factory=dict)  # year → CommendationPage

    @property
    def slug(self) -> str:
        return self.city.slug


def exists() -> Jurisdiction | None:
    return Jurisdiction.objects.filter(level=L.PROVINCE, name=PROVINCE[0]).first()


def _reserved() -> set[str]:
    """Slugs the set must not take: the demo's units and every existing account name."""
    reserved = {slug for _, slug, *_ in data.COUNTIES}
    reserved |= {slug for _, slug in [data.OFFICE, *data.LEAD_DEPARTMENTS, *data.OTHER_DEPARTMENTS]}
    return reserved | set(User.objects.values_list("username", flat=True))


def build_places(rng: random.Random, sizes: bulk.Sizes) -> list[City]:
    names = Names(rng)
    reserved = _reserved()
    province = Jurisdiction.objects.create(
        name=PROVINCE[0], slug=PROVINCE[1], level=L.PROVINCE, category="省", sort_order=90
    )
    taken: set[str] = set()
    cities = []
    for i in range(sizes.cities):
        name, slug = names.slugged("市", reserved=reserved, taken=taken)
        cities.append(
            Jurisdiction(name=name, slug=slug, level=L.CITY, category="市", parent=province, sort_order=i)
        )
    bulk.create(Jurisdiction, cities)

    counties: list[Jurisdiction] = []
    for city in cities:
        for j in range(sizes.counties_per_city):
            if j == sizes.counties_per_city - 1 and sizes.counties_per_city > 3:
                name, slug, category = f"{city.name[:2]}高新区", f"{city.slug}gx", "开发区"
            else:
                category = "区" if j < 2 else "县"
                name, slug = names.slugged(category, reserved=reserved, taken=taken)
            counties.append(
                Jurisdiction(
                    name=name, slug=slug, level=L.COUNTY, category=category, parent=city, sort_order=j
                )
            )
    bulk.create(Jurisdiction, counties)

    towns: list[Jurisdiction] = []
    for county in counties:
        seen: set[str] = set()
        streets = 3 if county.category != "县" else 2
        for k in range(sizes.towns_per_county):
            street = k < streets
            towns.append(
                Jurisdiction(
                    name=names.town(seen, street=street),
                    level=L.TOWN,
                    category="街道办" if street else "镇",
                    parent=county,
                    sort_order=k,
                )
            )
    bulk.create(Jurisdiction, towns)

    villages: list[Jurisdiction] = []
    for town in towns:
        seen = set()
        urban = town.category == "街道办"
        for k in range(sizes.villages_per_town):
            community = urban and k % 2 == 0
            villages.append(
                Jurisdiction(
                    name=names.village(data.VILLAGE_HEADS, data.VILLAGE_TAILS, seen, community=community),
                    level=L.VILLAGE,
                    category="社区" if community else "村",
                    parent=town,
                    sort_order=k,
                )
            )
    bulk.create(Jurisdiction, villages)

    towns_of: dict[int, list] = {}
    for town in towns:
        towns_of.setdefault(town.parent_id, []).append(town)
    county_of_town = {t.pk: t.parent_id for t in towns}
    villages_of: dict[int, list] = {}
    for village in villages:
        villages_of.setdefault(county_of_town[village.parent_id], []).append(village)

    result = []
    for c, city in enumerate(cities):
        own = [k for k in counties if k.parent_id == city.pk]
        result.append(
            City(
                city=city,
                short=city.name[:2],
                counties=own,
                towns={k.pk: towns_of[k.pk] for k in own},
                villages={k.pk: villages_of[k.pk] for k in own},
                office=None,  # set by build_departments
                leads={},
                brands=[],
                sectors=[],
                region={k.pk: f"67{c + 1:02d}{j + 1:02d}" for j, k in enumerate(own)},
            )
        )
    return result


def build_departments(cities: list[City]) -> None:
    """Per city: the office, the eight lead departments, the nine brands, the eight sectors."""
    departments, brands, sectors = [], [], []
    for city in cities:
        office = Department(
            city=city.city, name=data.OFFICE[0], slug=f"{city.slug}-office", kind=Department.Kind.OFFICE
        )
        leads = [
            Department(city=city.city, name=name, slug=f"{city.slug}-{slug}", sort_order=i + 1)
            for i, (name, slug) in enumerate(data.LEAD_DEPARTMENTS)
        ]
        departments += [office, *leads]
        city.office = office
        city._lead_by_slug = {slug: d for (_, slug), d in zip(data.LEAD_DEPARTMENTS, leads, strict=True)}
        for i, (name, slug, kind, decided_by, in_table, demo_sites) in enumerate(data.BRANDS):
            brand = Brand(
                city=city.city,
                name=name,
                slug=slug,
                kind=kind,
                decided_by=decided_by,
                in_allocation_table=in_table,
                has_demo_sites=demo_sites,
                census_base=data.BRAND_CENSUS_BASES.get(slug, ""),
                sort_order=i,
            )
            city.brands.append(brand)
            brands.append(brand)
    bulk.create(Department, departments)
    bulk.create(Brand, brands)
    for city in cities:
        for i, (name, slug, lead, brand_name, _cooperating) in enumerate(data.SECTORS):
            sector = Sector(
                city=city.city,
                name=name,
                slug=slug,
                lead_department=city._lead_by_slug[lead],
                brand_name=brand_name,
                brand_is_custom=not brand_name,
                sort_order=i,
            )
            city.sectors.append(sector)
            sectors.append(sector)
    bulk.create(Sector, sectors)
    for city in cities:
        city.leads = {s.pk: s.lead_department for s in city.sectors}
        del city._lead_by_slug


def build_accounts(cities: list[City]) -> int:
    """An account group per unit (portal.services), the office's admin rights, and one
    account per county (its slug), per office (`<city>-office`) and per lead department."""
    password = make_password(PASSWORD)  # hashed once, copied to every account
    users, memberships = [], []
    for city in cities:
        units = [*city.counties, city.office, *city.leads.values()]
        for unit in units:
            group = portal_services.unit_group_ensure(unit=unit)
            user = User(
                username=unit.slug,
                password=password,
                first_name=unit.name
                if isinstance(unit, Jurisdiction)
                else f"{city.city.name}{unit.name[1:]}",
                email=f"{unit.slug}@scale.pingan.example.cn",
            )
            users.append(user)
            memberships.append((user, group))
            city.users[unit.slug] = user
        portal_services.office_permissions_grant(group=city.office.group)
    bulk.create(User, users)
    through = User.groups.through
    bulk.create(through, [through(user_id=u.pk, group_id=g.pk) for u, g in memberships])
    for city in cities:
        city.office_user = city.users[city.office.slug]
    return len(users)


def build_census(rng: random.Random, cities: list[City], years) -> None:
    """The unit census (单位基数) of every county and sector, every year, growing slowly."""
    unit_rows, sector_rows = [], []
    for city in cities:
        for county in city.counties:
            towns = city.towns[county.pk]
            villages = city.villages[county.pk]
            base = {
                "towns": len(towns),
                "villages": sum(v.category == "村" for v in villages) + rng.randrange(40, 160),
                "communities": sum(v.category == "社区" for v in villages) + rng.randrange(4, 20),
                "units": rng.randrange(150, 450),
                "compounds": rng.randrange(15, 70),
                "streets": sum(t.category == "街道办" for t in towns),
            }
            for i, year in enumerate(years):
                grow = {k: v + (i * v // 40 if k in ("units", "compounds") else 0) for k, v in base.items()}
                unit_rows.append(UnitCensus(county=county, year=year, **grow))
        for sector in city.sectors:
            units = rng.randrange(40, 900)
            sector_rows += [SectorCensus(sector=sector, year=y, units=units + i) for i, y in enumerate(years)]
    bulk.create(UnitCensus, unit_rows)
    bulk.create(SectorCensus, sector_rows)
