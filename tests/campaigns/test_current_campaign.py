"""With several cities on one site, each city's people work in their own city's current
campaign, not in the newest campaign of any city."""

import datetime

import pytest
from django.contrib.auth.models import User

from campaigns import selectors
from campaigns.models import Milestone
from filings import reminders
from filings.models import FilingKind, FilingReminder
from tests.factories import CityFactory, CountyFactory, campaign_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def ankang(demo):
    """Another city with a newer campaign (2030) than 商洛's demo (2018), one county and
    its operator."""
    city = CityFactory(name="安康市", slug="ankang", parent=demo.city.parent)
    county = CountyFactory(name="汉滨区", slug="hanbin", parent=city)
    user = User.objects.create_user("hanbin", password="x")
    user.groups.add(county.group)
    return campaign_page(city=city, year=2030, slug="ankang-2030")


def test_each_city_works_in_its_own_current_campaign(demo, ankang):
    assert selectors.campaign_current() == ankang  # the site's home page: the newest
    assert selectors.campaign_current(city=demo.city) == demo
    for username in ("shangzhou", "jiaoyu", "office"):
        assert selectors.campaign_current_for(User.objects.get(username=username)) == demo
    assert selectors.campaign_current_for(User.objects.get(username="hanbin")) == ankang
    assert set(selectors.campaigns_current()) == {demo, ankang}


def test_a_countys_workbench_and_the_offices_board_show_their_citys_campaign(client, demo, ankang):
    client.force_login(User.objects.get(username="shangzhou"))
    assert demo.title in client.get("/workbench/").content.decode()
    client.force_login(User.objects.get(username="office"))
    board = client.get("/admin/review/").content.decode()
    assert demo.title in board and ankang.title not in board


def test_reminders_cover_every_citys_current_campaign(demo, ankang, mailoutbox):
    Milestone.objects.create(
        page=ankang, role="county", key="plan", title="方案", due_on=datetime.date(2030, 3, 20)
    )
    FilingKind.objects.create(campaign=ankang, role="county", key="plan", name="县区创建方案")
    reminders.filing_reminders_send(today=datetime.date(2030, 3, 25))
    assert FilingReminder.objects.filter(county__slug="hanbin", kind__campaign=ankang).exists()
    assert FilingReminder.objects.filter(kind__campaign=demo).exists()


def test_the_city_office_sees_only_its_own_citys_records(demo, ankang):
    from filings.models import Filing
    from filings.selectors import filings_visible_to
    from nominations.models import Nominee
    from nominations.selectors import nominees_visible_to
    from portal.models import Jurisdiction

    hanbin = Jurisdiction.objects.get(slug="hanbin")
    theirs = Nominee.objects.create(county=hanbin, kind="collective", name="汉滨区某村")
    kind = FilingKind.objects.create(campaign=ankang, role="county", key="summary", name="年度总结")
    Milestone.objects.create(
        page=ankang, role="county", key="summary", title="总结", due_on=datetime.date(2030, 11, 30)
    )
    their_filing = Filing.objects.create(campaign=ankang, kind=kind, county=hanbin, title="汉滨区年度总结")
    office = User.objects.get(username="office")
    assert theirs not in nominees_visible_to(office)
    assert nominees_visible_to(office).filter(county__slug="shangzhou").exists()
    assert their_filing not in filings_visible_to(office)
    assert filings_visible_to(office).filter(county__slug="shangzhou").exists()
    root = User.objects.create_superuser("root", password="x")
    assert theirs in nominees_visible_to(root) and their_filing in filings_visible_to(root)
    assert list(nominees_visible_to(User.objects.get(username="hanbin"))) == [theirs]
