"""The demo registry carries seed 004's places, departments, brands and sectors."""

import pytest

from campaigns.models import Brand, Sector
from portal.models import Department, Jurisdiction

pytestmark = pytest.mark.django_db


def test_shangluo_has_seven_counties_and_the_zone(shangluo):
    counties = list(
        Jurisdiction.objects.filter(parent=shangluo, level="county").values_list("name", flat=True)
    )
    assert counties == [
        "商州区",
        "洛南县",
        "丹凤县",
        "商南县",
        "山阳县",
        "镇安县",
        "柞水县",
        "商洛高新区（商丹园区）",
    ]
    assert shangluo.parent.name == "陕西省"


def test_every_county_has_towns_and_enough_villages(shangluo):
    for county in Jurisdiction.objects.filter(parent=shangluo, level="county"):
        towns = Jurisdiction.objects.filter(parent=county, level="town")
        villages = Jurisdiction.objects.filter(parent__parent=county, level="village")
        assert towns.count() >= 2
        assert villages.count() >= 6


def test_nine_brands_with_kind_and_how_decided(shangluo):
    brands = {b.name: b for b in Brand.objects.filter(city=shangluo)}
    assert len(brands) == 9
    assert brands["平安县（区）"].decided_by == "evaluation"
    assert brands["平安家庭"].kind == "family"
    assert brands["优秀治安中心户长（网格员）"].kind == "individual"
    assert {b.name for b in brands.values() if b.in_allocation_table} == {
        "平安县（区）",
        "平安镇（办）",
        "平安村（社区）",
        "平安单位",
        "平安小区（楼院）",
        "平安街道",
    }


def test_eight_sectors_with_lead_and_cooperating_departments_as_in_seed(shangluo):
    sectors = {s.name: s for s in Sector.objects.filter(city=shangluo).select_related("lead_department")}
    assert list(sectors) == [
        "校园",
        "医院",
        "旅游景区",
        "交通运输",
        "食品药品",
        "工商企业",
        "重点项目",
        "金融",
    ]
    assert sectors["旅游景区"].lead_department.name == "市公安局"
    assert sectors["旅游景区"].brand_label == "平安景区"
    assert sectors["金融"].brand_label == "自定品牌"
    campus = [c.department.name for c in sectors["校园"].cooperations.select_related("department")]
    assert campus == [
        "市中级人民法院",
        "市文明办",
        "市公安局",
        "市司法局",
        "市药监局",
        "商洛消防支队",
        "商洛学院",
        "商洛职院",
    ]
    project = sectors["重点项目"].cooperating_departments.count()
    assert project == 9


def test_every_unit_has_its_own_group(shangluo):
    assert Department.objects.filter(city=shangluo, group__isnull=True).count() == 0
    assert Jurisdiction.objects.filter(parent=shangluo, level="county", group__isnull=True).count() == 0
    assert Department.objects.get(kind="office").name == "市综治办"
