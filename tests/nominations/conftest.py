import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from campaigns.models import Brand, Sector
from nominations import services
from nominations.models import LocalTitle, Nominee
from portal.models import Department, Jurisdiction


@pytest.fixture
def users(demo):
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def shangzhou(demo):
    return Jurisdiction.objects.get(name="商州区")


@pytest.fixture
def open_phase(demo):
    """Every county and lead department may nominate today (an office extension): the
    2018 demo's own deadline, 2018-11-30, is long past."""
    until = timezone.localdate() + datetime.timedelta(days=30)
    for county in Jurisdiction.objects.filter(parent=demo.city, level="county"):
        services.extension_grant(
            campaign=demo, unit=county, milestone_key="nomination", until=until, reason="测试", actor=None
        )
    for department in Department.objects.filter(led_sectors__isnull=False).distinct():
        services.extension_grant(
            campaign=demo, unit=department, milestone_key="nomination", until=until, reason="测试", actor=None
        )
    return until


def make_title(*, user, name: str, brand_slug: str | None = None, sector_slug: str | None = None, year=2018):
    """A nominee of the user's unit with a county- (or sector-) level title, through the services."""
    kind = "individual" if brand_slug in ("gridworker", "volunteer") else "collective"
    nominee = services.nominee_save(nominee=Nominee(kind=kind, name=name), actor=user)
    title = LocalTitle(
        nominee=nominee,
        brand=Brand.objects.get(slug=brand_slug) if brand_slug else None,
        sector=Sector.objects.get(slug=sector_slug) if sector_slug else None,
        year=year,
        document_number=f"商政发〔{year}〕{nominee.pk}号",
        issuing_body="测试县委、县政府",
        named_on=datetime.date(year, 11, 1),
    )
    return services.title_record(title=title, actor=user)


@pytest.fixture
def title(users, open_phase):
    return make_title(user=users["shangzhou"], name="测试村", brand_slug="village")


@pytest.fixture
def draft(demo, users, title):
    return services.nomination_create(
        campaign=demo, title=title, deeds="<p>事迹</p>", actor=users["shangzhou"]
    )
