"""`manage.py seed_demo` is idempotent: running it twice changes nothing."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# Rows whose content is a timestamp of the run itself, not demo data.
VOLATILE = {"sessions.session"}


def _snapshot() -> dict[str, str]:
    snapshot = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in VOLATILE or not model._meta.managed:
            continue
        rows = model._default_manager.order_by("pk")
        snapshot[label] = serializers.serialize("json", rows)
    return snapshot


def test_seed_demo_twice_changes_nothing(capsys):
    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")
    second = _snapshot()
    changed = [label for label in first if first[label] != second[label]]
    assert changed == []
    assert "演示数据已就绪" in capsys.readouterr().out


def test_seed_demo_counts(demo):
    from campaigns.models import BrandPage, CountyQuota, NewsPage, SectorPage, SectorQuota

    assert BrandPage.objects.child_of(demo).count() == 9
    assert SectorPage.objects.child_of(demo).count() == 8
    assert NewsPage.objects.filter(campaign=demo, kind="action").count() == 5
    assert demo.milestones.count() == 14
    assert SectorQuota.objects.filter(campaign=demo).count() == 8
    # 6 table brands with 46 non-blank cells, plus 3 extra brands × 8 counties
    assert CountyQuota.objects.filter(campaign=demo, brand__in_allocation_table=True).count() == 46
    assert CountyQuota.objects.filter(campaign=demo, brand__in_allocation_table=False).count() == 24


def test_seed_demo_keeps_the_offices_quota_edits(demo):
    from campaigns import services
    from campaigns.models import Brand, CountyQuota
    from portal.models import Jurisdiction

    county = Jurisdiction.objects.get(name="洛南县")
    brand = Brand.objects.get(city=demo.city, slug="village")
    services.county_quota_set(campaign=demo, county=county, brand=brand, quota=26, actor=None)
    call_command("seed_demo")
    assert CountyQuota.objects.get(campaign=demo, county=county, brand=brand).quota == 26
