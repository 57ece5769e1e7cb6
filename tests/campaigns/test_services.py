import pytest
from wagtail.models import PageLogEntry

from campaigns import services
from campaigns.models import Brand, CountyQuota
from portal.models import Jurisdiction

pytestmark = pytest.mark.django_db


@pytest.fixture
def cells(campaign):
    county = Jurisdiction.objects.get(name="商州区")
    brand = Brand.objects.get(city=campaign.city, slug="family")
    return county, brand


def test_quota_set_writes_and_logs_who_changed_it(campaign, cells, django_user_model):
    county, brand = cells
    office = django_user_model.objects.create_user("clerk")
    assert services.county_quota_set(campaign=campaign, county=county, brand=brand, quota=12, actor=office)
    assert CountyQuota.objects.get(campaign=campaign, county=county, brand=brand).quota == 12
    entry = PageLogEntry.objects.get(page=campaign, action="campaigns.quotas_change")
    assert entry.user == office
    assert entry.data["count"] == 1


def test_setting_the_same_quota_again_changes_and_logs_nothing(campaign, cells):
    county, brand = cells
    services.county_quota_set(campaign=campaign, county=county, brand=brand, quota=4, actor=None)
    assert not services.county_quota_set(campaign=campaign, county=county, brand=brand, quota=4, actor=None)
    assert PageLogEntry.objects.filter(page=campaign, action="campaigns.quotas_change").count() == 1


def test_quotas_apply_refuses_negative_and_writes_nothing(campaign, cells):
    county, brand = cells
    with pytest.raises(ValueError):
        services.quotas_apply(
            campaign=campaign,
            county_quotas={(county.pk, brand.pk): 3, (county.pk, brand.pk + 1): -1},
            sector_quotas={},
            actor=None,
        )
    assert not CountyQuota.objects.filter(campaign=campaign).exists()


def test_a_zero_quota_for_a_missing_row_creates_nothing(campaign, cells):
    county, brand = cells
    result = services.quotas_apply(
        campaign=campaign, county_quotas={(county.pk, brand.pk): 0}, sector_quotas={}, actor=None
    )
    assert result.changed == 0
    assert not CountyQuota.objects.filter(campaign=campaign).exists()
