import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Brand, CountyQuota, Sector, SectorQuota
from portal.models import Jurisdiction
from tests.factories import BrandFactory, CityFactory, CountyFactory, SectorFactory

pytestmark = pytest.mark.django_db


def test_county_quota_must_be_a_county_and_brand_of_the_campaign_city(campaign):
    county = Jurisdiction.objects.get(name="商州区")
    brand = Brand.objects.get(city=campaign.city, slug="family")
    CountyQuota(campaign=campaign, county=county, brand=brand, quota=5).full_clean()

    other_city = CityFactory()
    with pytest.raises(ValidationError, match="县（区）"):
        CountyQuota(
            campaign=campaign, county=CountyFactory(parent=other_city), brand=brand, quota=5
        ).full_clean()
    town = Jurisdiction.objects.filter(parent=county).first()
    with pytest.raises(ValidationError, match="县（区）"):
        CountyQuota(campaign=campaign, county=town, brand=brand, quota=5).full_clean()
    with pytest.raises(ValidationError, match="品牌"):
        CountyQuota(
            campaign=campaign, county=county, brand=BrandFactory(city=other_city), quota=5
        ).full_clean()
    with pytest.raises(ValidationError):
        CountyQuota(campaign=campaign, county=county, brand=brand, quota=-1).full_clean()


def test_sector_quota_must_be_a_sector_of_the_campaign_city(campaign):
    SectorQuota(campaign=campaign, sector=Sector.objects.get(slug="campus"), quota=15).full_clean()
    with pytest.raises(ValidationError, match="领域"):
        SectorQuota(campaign=campaign, sector=SectorFactory(city=CityFactory()), quota=3).full_clean()
