import pytest
from django.db import transaction

from campaigns.models import CampaignPage, CountyQuota, SectorQuota


@pytest.fixture(scope="module")
def demo_pk(django_db_setup, django_db_blocker):
    """The demo, loaded once per module (loading takes seconds) inside a transaction rolled
    back at the end; each test runs in its own savepoint on top of it."""
    from portal.demo import loader

    with django_db_blocker.unblock(), transaction.atomic():
        yield loader.load_all().pk
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_pk, db):
    """The whole demo (overrides the per-test one of tests/conftest.py in this folder)."""
    return CampaignPage.objects.get(pk=demo_pk)


@pytest.fixture
def empty(demo):
    """The demo campaign before any quota was imported."""
    CountyQuota.objects.filter(campaign=demo).delete()
    SectorQuota.objects.filter(campaign=demo).delete()
    return demo
