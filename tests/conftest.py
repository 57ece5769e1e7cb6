import os

import pytest

# Django's live_server with Playwright's sync API (FACTS.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def shangluo(db):
    """The 商洛 registry (places, departments, brands, sectors); returns the city."""
    from portal.demo import loader

    return loader.load_registry()


@pytest.fixture
def campaign(shangluo):
    """The 2018 campaign page with its brand and sector pages, no quotas yet."""
    from portal.demo import loader

    return loader.load_site(city=shangluo)


@pytest.fixture
def demo(db, settings):
    """The whole demo, as `manage.py seed_demo` leaves it; returns the campaign page."""
    from portal.demo import loader

    return loader.load_all()


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
