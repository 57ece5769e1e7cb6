"""`manage.py seed_scale` at a small factor: the rules hold, the same seed gives the same
data, the report is printed, the bench's pages and accounts work, honours are searchable."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Exists, OuterRef

from campaigns.models import CountyQuota
from honours.models import Honour
from honours.selectors import honour_search
from nominations.enums import State
from nominations.models import LocalTitle, Nomination, Nominee
from nominations.models.nominations import QUOTA_STATES
from portal import scale
from portal.scale import registry
from portal.scale.report import digest
from portal.validators import id_number_gender, validate_id_number

FACTOR = 0.002
SEED = 7


@pytest.fixture
def built(db, tmp_path):
    """The set built twice with one seed (the first build rolled back): (digest of the
    first, stdout of the command, the JSON it wrote, the province)."""
    with transaction.atomic():
        scale.build(seed=SEED, factor=FACTOR)
        first = digest(registry.exists())
        transaction.set_rollback(True)
    assert registry.exists() is None
    out = io.StringIO()
    path = tmp_path / "scale.json"
    call_command("seed_scale", seed=SEED, factor=FACTOR, json=str(path), stdout=out)
    return first, out.getvalue(), json.loads(path.read_text(encoding="utf-8")), registry.exists()


def test_seed_scale(built, client, tmp_path):
    first, output, info, province = built

    # Same seed, same data.
    assert digest(province) == first

    # The printed report and the JSON file.
    assert "规模测试数据已生成" in output
    assert "nominations" in output and "共用时" in output
    states = info["states"]
    assert set(states) == set(State.values)
    assert all(n > 0 for n in states.values()), states
    assert info["counts"]["nominations"] == sum(states.values()) >= 400
    assert info["counts"]["honours"] == states[State.COMMENDED] >= 40

    nominations = Nomination.objects.filter(campaign__city__parent=province)
    # Every nominee nominated holds the county (sector) title of that honour, from its own unit.
    titled = LocalTitle.objects.filter(
        nominee=OuterRef("nominee"),
        brand=OuterRef("brand"),
        county=OuterRef("county"),
        pk=OuterRef("title"),
    )
    by_county = nominations.filter(brand__isnull=False)
    assert by_county.exists()
    assert not by_county.exclude(Exists(titled)).exists()
    assert not nominations.filter(sector__isnull=False, title__department__isnull=True).exists()

    # No county over a quota.
    used = (
        nominations.filter(state__in=QUOTA_STATES, brand__isnull=False)
        .values("campaign", "county", "brand")
        .annotate(n=Count("id"))
    )
    quotas = {
        (q.campaign_id, q.county_id, q.brand_id): q.quota
        for q in CountyQuota.objects.filter(campaign__city__parent=province)
    }
    assert used
    for row in used:
        assert row["n"] <= quotas[(row["campaign"], row["county"], row["brand"])]

    # Valid ID numbers, agreeing with the declared gender, each once.
    people = Nominee.objects.filter(county__parent__parent=province).exclude(id_number="")
    numbers = list(people.values_list("id_number", "gender"))
    assert numbers
    for id_number, gender in numbers:
        validate_id_number(id_number)
        assert id_number_gender(id_number) == gender
    assert len({n for n, _ in numbers}) == len(numbers)

    # The bench's pages and accounts.
    notice = client.get(info["bench"]["notice_url"])
    assert notice.status_code == 200
    assert info["bench"]["notice_entries"] == round(1000 * FACTOR)
    assert client.get(info["bench"]["campaign_url"]).status_code == 200
    assert client.get(info["bench"]["honour_search_url"]).status_code == 200
    assert client.login(username=info["bench"]["county_username"], password=info["bench"]["county_password"])
    assert client.get("/workbench/").status_code == 200
    assert client.login(username=info["bench"]["office_username"], password=info["bench"]["office_password"])
    assert client.get("/admin/review/").status_code == 200

    # Honours are in the search index: a fragment of a name finds its honour.
    honour = Honour.objects.filter(city__parent=province, kind="individual").order_by("number").first()
    fragment = honour.name[:2]
    assert honour in list(honour_search(query=fragment))

    # A second run leaves the set alone.
    again = io.StringIO()
    call_command("seed_scale", seed=SEED, factor=FACTOR, json=str(tmp_path / "again.json"), stdout=again)
    assert "已存在" in again.getvalue()
    assert Nomination.objects.filter(campaign__city__parent=province).count() == sum(states.values())
