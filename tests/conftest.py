import os

import pytest

# Django's live_server with Playwright's sync API (FACTS.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The whole 商洛 2018 demo, loaded once into the test database (as `manage.py
    seed_demo` leaves it); every test runs in a transaction on top of it. Transactional
    tests (browser, threads) flush it and load what they need themselves."""
    from portal.demo import loader

    with django_db_blocker.unblock():
        loader.load_all()


@pytest.fixture
def shangluo(db):
    """The 商洛 registry (places, departments, brands, sectors); returns the city."""
    from portal.models import Jurisdiction

    return Jurisdiction.objects.get(slug="shangluo", level=Jurisdiction.Level.CITY)


@pytest.fixture
def campaign(shangluo):
    """A campaign of 商洛 with no quota, nomination or log entry yet (2019)."""
    from tests.factories import campaign_page

    return campaign_page(city=shangluo, year=2019, slug="shangluo-2019")


@pytest.fixture
def demo(db):
    """The demo's 2018 campaign page."""
    from campaigns.models import CampaignPage

    return CampaignPage.objects.get(slug="shangluo-2018")


@pytest.fixture
def empty(demo):
    """The demo campaign before any quota was imported."""
    from campaigns.models import CountyQuota, SectorQuota

    CountyQuota.objects.filter(campaign=demo).delete()
    SectorQuota.objects.filter(campaign=demo).delete()
    return demo


@pytest.fixture
def wagtail_base(transactional_db):
    """What the migrations create and a transactional test's flush removes: the default
    locale, the root page and collection, the home page and the default Wagtail site.
    (Serialized rollback is no way out: it collides with the content types that a flush by
    any other transactional test recreates.)"""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page, Site

    from portal.models import HomePage

    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not HomePage.objects.exists():
        home = root.add_child(instance=HomePage(title="平安创建", slug="home", locale=locale))
        Site.objects.filter(is_default_site=True).delete()
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="平安创建"
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
