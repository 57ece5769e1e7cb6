"""Nominees and their county-level (or sector-level) titles, in bulk but by the rules of
`nominations.services.nominee_save` / `title_record`: valid ID numbers and mobiles, the
declared gender agreeing with the ID number (`Nominee.clean`), one ID number per person,
a title of the unit's own city for a brand counties name and of the nominee's kind.

The same collective or person may be nominated again in later years (seed 004), so each
unit keeps a pool per honour and draws from it before naming anyone new.
"""

from __future__ import annotations

import datetime
import random

from campaigns.enums import BrandKind, DecidedBy
from campaigns.models import Brand, Sector
from nominations.models import LocalTitle, Nominee
from portal.scale.names import Names
from portal.scale.registry import City
from portal.validators import id_number_gender, make_id_number, validate_id_number, validate_mobile

REUSE = 0.3  # share of a year's nominations that go to someone nominated before
ROLES = {"gridworker": "网格员", "volunteer": "平安志愿者"}
PLACE_BRANDS = {"village": ("村", "社区"), "town": ("镇",), "street": ("街道办",)}


def title_named_on(year: int) -> datetime.date:
    return datetime.date(year, 11, 15)


class Nominees:
    """Every nominee of the build, by unit and honour; makes new ones on demand."""

    def __init__(self, rng: random.Random, names: Names):
        self.rng = rng
        self.names = names
        self.pools: dict[tuple, list[Nominee]] = {}
        self.taken: dict[tuple, set[str]] = {}
        self.by_place: dict[int, Nominee] = {}
        self.id_numbers: set[str] = set()

    def capacity(self, city: City, county, brand: Brand) -> int | None:
        """How many distinct nominees a county can put up for a place-bound brand (None: no bound)."""
        categories = PLACE_BRANDS.get(brand.slug)
        if categories is None:
            return None
        places = city.villages[county.pk] if brand.slug == "village" else city.towns[county.pk]
        return sum(p.category in categories for p in places)

    def pick(self, city: City, unit, honour, n: int, *, fresh: list[Nominee]) -> list[Nominee]:
        """`n` distinct nominees of `unit` for `honour`; new ones are appended to `fresh`."""
        if isinstance(honour, Brand) and honour.slug in PLACE_BRANDS:
            places = city.villages[unit.pk] if honour.slug == "village" else city.towns[unit.pk]
            places = [p for p in places if p.category in PLACE_BRANDS[honour.slug]]
            chosen = []
            for place in self.rng.sample(places, n):
                nominee = self.by_place.get(place.pk)
                if nominee is None:
                    nominee = self._place_nominee(city, unit, place)
                    self.by_place[place.pk] = nominee
                    fresh.append(nominee)
                chosen.append(nominee)
            return chosen
        pool = self.pools.setdefault((unit.pk, type(unit).__name__, honour.pk, type(honour).__name__), [])
        reuse = self.rng.sample(pool, min(len(pool), round(n * REUSE)))
        new = [self.new(city, unit, honour) for _ in range(n - len(reuse))]
        pool.extend(new)
        fresh.extend(new)
        return reuse + new

    def new(self, city: City, unit, honour) -> Nominee:
        """A nominee nobody has named yet (its name unique within the unit and honour)."""
        taken = self.taken.setdefault((type(unit).__name__, unit.pk, type(honour).__name__, honour.pk), set())
        names, rng = self.names, self.rng
        if isinstance(honour, Sector):
            places = [c.name[:2] for c in city.counties] + [city.short]
            name = names.unique(lambda: names.sector_unit(honour.slug, places), taken)
            return Nominee(department=unit, kind=BrandKind.COLLECTIVE, name=name, collective_type="单位")
        towns = city.towns[unit.pk]
        villages = city.villages[unit.pk]
        town = rng.choice(towns)
        if honour.slug == "unit":
            name = names.unique(lambda: names.unit([t.name[:-1].removesuffix("街") for t in towns]), taken)
            return self._collective(unit, name, "单位", town, f"{unit.name}{town.name}")
        if honour.slug == "estate":
            name = names.unique(names.estate, taken)
            return self._collective(unit, name, "小区", town, f"{unit.name}{town.name}")
        village = rng.choice(villages)
        if honour.slug == "family":
            name = names.unique(lambda: names.person() + "家庭", taken)
            return Nominee(
                county=unit,
                kind=BrandKind.FAMILY,
                name=name,
                place=village,
                address=f"{unit.name}{town.name}{village.name}",
            )
        return self._person(city, unit, honour, names.unique(names.person, taken), town, village)

    def _collective(self, county, name, collective_type, place, address) -> Nominee:
        return Nominee(
            county=county,
            kind=BrandKind.COLLECTIVE,
            name=name,
            collective_type=collective_type,
            place=place,
            address=address,
        )

    def _place_nominee(self, city: City, county, place) -> Nominee:
        town = (
            place
            if place.parent_id == county.pk
            else next(t for t in city.towns[county.pk] if t.pk == place.parent_id)
        )
        address = f"{county.name}{town.name}" + ("" if town is place else place.name)
        collective_type = {"街道办": "街道"}.get(place.category, place.category)
        return self._collective(county, place.name, collective_type, place, address)

    def _person(self, city: City, county, brand: Brand, name: str, town, village) -> Nominee:
        while True:
            id_number = make_id_number(city.region[county.pk], self.names.birth(), self.rng.randrange(1000))
            if id_number not in self.id_numbers:
                self.id_numbers.add(id_number)
                break
        workplace = (
            f"{town.name}{village.name}" if brand.slug == "gridworker" else f"{county.name}红袖章志愿服务队"
        )
        nominee = Nominee(
            county=county,
            kind=BrandKind.INDIVIDUAL,
            name=name,
            gender=id_number_gender(id_number),
            role=ROLES.get(brand.slug, "网格员"),
            workplace=workplace,
            mobile=self.names.mobile(),
            id_number=id_number,
            place=village,
        )
        # The rules nominee_save applies through full_clean, without its queries.
        validate_id_number(nominee.id_number)
        validate_mobile(nominee.mobile)
        nominee.clean()
        return nominee


def make_title(city: City, nominee: Nominee, honour, year: int, *, unit, actor) -> LocalTitle:
    """The unit's naming of `nominee` for `honour` in `year`, as `title_record` would accept it."""
    named_on = title_named_on(year)
    if isinstance(honour, Brand):
        if honour.decided_by != DecidedBy.NOMINATION or honour.kind != nominee.kind:
            raise ValueError(f"{honour} cannot be a county title of {nominee.name}")
        if honour.city_id != city.city.pk or nominee.county_id != unit.pk:
            raise ValueError("a county names only its own nominees, for its own city's brands")
        return LocalTitle(
            nominee=nominee,
            brand=honour,
            county=unit,
            year=year,
            document_number=f"{unit.name[:2]}发〔{year}〕{40 + unit.sort_order}号",
            issuing_body=f"中共{unit.name}委、{unit.name}人民政府",
            named_on=named_on,
            created_by=actor,
            created_at=_at(named_on),
        )
    if honour.lead_department_id != unit.pk or nominee.department_id != unit.pk:
        raise ValueError("a department names only in the sectors it leads")
    return LocalTitle(
        nominee=nominee,
        sector=honour,
        department=unit,
        year=year,
        document_number=f"{city.short}{unit.name[1:3]}发〔{year}〕{10 + honour.sort_order}号",
        issuing_body=f"{city.city.name}{unit.name[1:]}",
        named_on=named_on,
        created_by=actor,
        created_at=_at(named_on),
    )


def _at(day: datetime.date) -> datetime.datetime:
    from portal.scale.bulk import at

    return at(day)
