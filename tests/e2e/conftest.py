import pytest


@pytest.fixture(scope="session")
def base_url():
    """Overrides pytest-playwright's fallback `base_url`, which it defines as a method of a
    plugin class: pytest 9 warns about that (PytestRemovedIn10Warning), and this project turns
    warnings into errors. Tests here build URLs from `live_server.url`."""
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last (after pytest-django's own ordering): they are the slowest, and
    the flush that ends each transactional test would otherwise take the migrations' data
    (home page, Wagtail site) from the tests that come after them."""
    e2e = [item for item in items if item.get_closest_marker("e2e")]
    if e2e:
        rest = [item for item in items if not item.get_closest_marker("e2e")]
        items[:] = rest + e2e
