"""Factories for registry rows and campaign pages (no JSON fixtures)."""

import datetime

import factory
from django.contrib.auth.models import Group, User
from wagtail.models import Page

from campaigns.models import Brand, CampaignIndexPage, CampaignPage, Milestone, Sector
from portal.models import Department, HomePage, Jurisdiction


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction

    name = factory.Sequence(lambda n: f"测试{n}市")
    level = Jurisdiction.Level.CITY


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction

    name = factory.Sequence(lambda n: f"测试{n}县")
    slug = factory.Sequence(lambda n: f"county{n}")
    level = Jurisdiction.Level.COUNTY
    parent = factory.SubFactory(CityFactory)
    sort_order = factory.Sequence(lambda n: n)
    group = factory.LazyAttribute(lambda o: Group.objects.create(name=f"{o.name}组"))


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"市测试{n}局")
    slug = factory.Sequence(lambda n: f"dept{n}")
    group = factory.LazyAttribute(lambda o: Group.objects.create(name=f"{o.name}组"))


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brand

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"平安品牌{n}")
    slug = factory.Sequence(lambda n: f"brand{n}")
    kind = "collective"
    in_allocation_table = True
    sort_order = factory.Sequence(lambda n: n)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"领域{n}")
    slug = factory.Sequence(lambda n: f"sector{n}")
    lead_department = factory.SubFactory(DepartmentFactory, city=factory.SelfAttribute("..city"))
    brand_name = factory.Sequence(lambda n: f"平安领域{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pingan2018")

    @factory.post_generation
    def unit(self, create, extracted, **kwargs):
        if extracted is not None:
            self.groups.add(extracted.group)
        if create:
            self.save()


def campaign_page(*, city: Jurisdiction, year: int = 2030, slug: str | None = None, **fields) -> CampaignPage:
    """A published campaign page under a campaign index under the home page."""
    home = HomePage.objects.first() or Page.get_first_root_node()
    index = CampaignIndexPage.objects.first()
    if index is None:
        index = CampaignIndexPage(title="创建活动", slug="campaigns")
        home.add_child(instance=index)
    page = CampaignPage(
        title=f"{year}年度创建活动", slug=slug or f"c-{city.pk}-{year}", city=city, year=year, **fields
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def milestone(
    *, campaign: CampaignPage, due_on: datetime.date, role: str = "county", title: str = "报送"
) -> Milestone:
    return Milestone.objects.create(page=campaign, role=role, title=title, due_on=due_on)
