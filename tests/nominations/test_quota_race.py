"""Quota can never be exceeded, also when many operators of one county submit at once
(DOMAIN.md §4 rule 2). Real threads, each on its own database connection."""

import threading
import time

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections

from campaigns.models import CountyQuota
from nominations import services
from nominations.enums import State
from nominations.models import Nomination
from portal.models import Jurisdiction
from tests.nominations.conftest import make_title

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are what is tested: runs on PostgreSQL (.ci/run)"
)

RACERS = 8


def test_concurrent_submissions_for_the_last_place_leave_exactly_one(wagtail_base, monkeypatch):
    from nominations import rules
    from portal.demo import loader

    # Widen the window between counting the places used and writing the state, so that
    # without the quota row lock every racer would see a free place.
    count_places = rules.quota_used

    def slow_quota_used(nomination):
        used = count_places(nomination)
        time.sleep(0.2)
        return used

    monkeypatch.setattr(rules, "quota_used", slow_quota_used)

    campaign = loader.load_all()
    county = Jurisdiction.objects.get(name="商州区")
    user = User.objects.get(username="shangzhou")
    services.extension_grant(
        campaign=campaign,
        unit=county,
        milestone_key="nomination",
        until="2999-12-31",
        reason="测试",
        actor=None,
    )
    drafts = [
        services.nomination_create(
            campaign=campaign,
            title=make_title(user=user, name=f"竞争村{i}", brand_slug="village"),
            deeds="",
            actor=user,
        )
        for i in range(RACERS)
    ]
    brand = drafts[0].brand
    quota = rules.quota_used(drafts[0]) + 1  # the demo's own nominations, and one place
    CountyQuota.objects.filter(campaign=campaign, county=county, brand=brand).update(quota=quota)

    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []

    def race(nomination):
        try:
            barrier.wait()
            services.nomination_submit(nomination=nomination, actor=User.objects.get(pk=user.pk))
            outcomes.append("ok")
        except services.NotEligible as refused:
            outcomes.append(str(refused))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert outcomes.count("ok") == 1
    assert sorted(set(outcomes) - {"ok"}) == [f"名额尚有剩余：名额 {quota}，已用 {quota}，剩余 0"]
    submitted = Nomination.objects.filter(
        campaign=campaign, county=county, brand=brand, state=State.SUBMITTED
    )
    assert submitted.count() == quota
