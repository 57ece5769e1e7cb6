"""DOMAIN.md §4 eligibility rules 1–6, at submission and again at the office's steps."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import Brand, CountyQuota, Extension
from nominations import rules, services
from nominations.enums import SanctionKind, State
from nominations.models import LocalTitle, Nomination, Nominee, Sanction
from tests.nominations.conftest import make_title

pytestmark = pytest.mark.django_db


def failed(checks) -> dict[str, str]:
    return {c.code: c.detail for c in checks if not c.ok}


def test_a_fresh_draft_passes_every_rule(draft):
    assert failed(rules.eligibility(draft)) == {}


def test_rule1_title_must_match_the_nominee_and_brand(draft, users):
    other = make_title(user=users["shangzhou"], name="另一个村", brand_slug="village")
    Nomination.objects.filter(pk=draft.pk).update(title=other)
    draft.refresh_from_db()
    assert "title" in failed(rules.eligibility(draft))


def _one_place_left(draft) -> int:
    """Set the quota to what the demo's nominations use, plus one; returns the quota."""
    quota = rules.quota_used(draft) + 1
    CountyQuota.objects.filter(campaign=draft.campaign, county=draft.county, brand=draft.brand).update(
        quota=quota
    )
    return quota


def test_rule2_no_quota_left(demo, users, draft, shangzhou):
    quota = _one_place_left(draft)
    first = make_title(user=users["shangzhou"], name="先报的村", brand_slug="village")
    taken = services.nomination_create(campaign=demo, title=first, deeds="", actor=users["shangzhou"])
    services.nomination_submit(nomination=taken, actor=users["shangzhou"])
    with pytest.raises(services.NotEligible) as refused:
        services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    assert failed(refused.value.checks) == {"quota": f"名额 {quota}，已用 {quota}，剩余 0"}
    assert Nomination.objects.get(pk=draft.pk).state == State.DRAFT


def test_rule2_a_withdrawn_nomination_frees_its_place(demo, users, draft, shangzhou):
    _one_place_left(draft)
    first = make_title(user=users["shangzhou"], name="先报的村", brand_slug="village")
    taken = services.nomination_create(campaign=demo, title=first, deeds="", actor=users["shangzhou"])
    services.nomination_submit(nomination=taken, actor=users["shangzhou"])
    services.nomination_withdraw(nomination=taken, actor=users["shangzhou"], reason="换人")
    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    assert Nomination.objects.get(pk=draft.pk).state == State.SUBMITTED


def test_rule3_deadline_passed_without_extension(draft):
    Extension.objects.all().delete()
    assert failed(rules.eligibility(draft)) == {"phase": "已于 2018-11-30 截止"}


def test_rule3_an_expired_extension_does_not_help(draft, shangzhou):
    Extension.objects.filter(county=shangzhou).update(until=timezone.localdate() - datetime.timedelta(days=1))
    assert "phase" in failed(rules.eligibility(draft))


def test_rule3_open_before_the_deadline_without_extension(draft):
    Extension.objects.all().delete()
    assert "phase" not in failed(rules.eligibility(draft, today=datetime.date(2018, 11, 20)))


def test_rule4_not_twice_for_the_same_brand_in_one_campaign(demo, users, draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="已推荐过"):
        services.nomination_create(campaign=demo, title=draft.title, deeds="", actor=users["shangzhou"])


def test_rule4_again_after_a_withdrawal(demo, users, draft):
    services.nomination_withdraw(nomination=draft, actor=users["shangzhou"])
    again = services.nomination_create(campaign=demo, title=draft.title, deeds="", actor=users["shangzhou"])
    assert again.pk != draft.pk


def _sanction(unit, kind, starts_on, **extra):
    return Sanction.objects.create(county=unit, kind=kind, reason="测试事由", starts_on=starts_on, **extra)


def test_rule5_disqualified_for_the_year(draft, shangzhou):
    _sanction(shangzhou, SanctionKind.DISQUALIFIED, datetime.date(2018, 6, 1), year=2018)
    assert failed(rules.eligibility(draft))["standing"].startswith("2018年度已取消评先资格")


def test_rule5_notified_twice_within_a_year(draft, shangzhou):
    _sanction(shangzhou, SanctionKind.NOTIFIED, datetime.date(2018, 2, 1))
    assert "standing" not in failed(rules.eligibility(draft))
    _sanction(shangzhou, SanctionKind.INTERVIEWED, datetime.date(2018, 9, 1))
    assert "standing" in failed(rules.eligibility(draft))


def test_rule6_under_supervision_for_six_months(draft, shangzhou):
    today = timezone.localdate()
    _sanction(shangzhou, SanctionKind.SUPERVISED, today - datetime.timedelta(days=30))
    assert "挂牌督办" in failed(rules.eligibility(draft))["standing"]


def test_a_disqualification_after_submission_stops_the_office(draft, users, shangzhou):
    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    _sanction(shangzhou, SanctionKind.DISQUALIFIED, datetime.date(2018, 12, 1), year=2018)
    with pytest.raises(services.NotEligible):
        services.nomination_accept(nomination=draft, actor=users["office"])
    assert Nomination.objects.get(pk=draft.pk).state == State.SUBMITTED


def test_a_lead_department_nominates_within_its_sector_quota(demo, users, open_phase):
    title = make_title(user=users["jiaoyu"], name="商洛市第一小学", sector_slug="campus")
    nomination = services.nomination_create(campaign=demo, title=title, deeds="", actor=users["jiaoyu"])
    assert failed(rules.eligibility(nomination)) == {}
    used = rules.quota_used(nomination)
    checks = {c.code: c.detail for c in rules.eligibility(nomination)}
    assert checks["quota"] == f"名额 15，已用 {used}，剩余 {15 - used}"
    services.nomination_submit(nomination=nomination, actor=users["jiaoyu"])
    submitted = Nomination.objects.filter(campaign=demo, sector=nomination.sector, state=State.SUBMITTED)
    assert submitted.count() == used + 1


def test_a_county_cannot_name_or_nominate_for_ping_an_county(users, open_phase):
    """平安县（区） is decided by the city's evaluation; no county names or nominates for it
    (DOMAIN.md §3)."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="由市级考评认定"):
        make_title(user=users["shangzhou"], name="商州区", brand_slug="county")
    assert not Nomination.objects.filter(brand__slug="county").exists()


def test_a_title_must_fit_the_brands_kind(users, open_phase):
    from django.core.exceptions import ValidationError

    nominee = services.nominee_save(
        nominee=Nominee(kind="collective", name="某村委会"), actor=users["shangzhou"]
    )
    title = LocalTitle(
        nominee=nominee,
        brand=Brand.objects.get(slug="family"),
        year=2018,
        document_number="商发〔2018〕1号",
        issuing_body="商州区",
        named_on=datetime.date(2018, 11, 1),
    )
    with pytest.raises(ValidationError, match="命名对象应为家庭"):
        services.title_record(title=title, actor=users["shangzhou"])


def test_a_county_cannot_record_a_sector_title(users, shangzhou):
    from django.core.exceptions import ValidationError

    from campaigns.models import Sector
    from portal.models import Department

    """Also when the sector's lead department has the county's row number (a county and a
    department are rows of different tables)."""
    campus = Sector.objects.get(slug="campus")
    twin = Department.objects.filter(pk=shangzhou.pk).first() or Department.objects.create(
        pk=shangzhou.pk, city=shangzhou.parent, name="同号部门", slug="twin"
    )
    Sector.objects.filter(pk=campus.pk).update(lead_department=twin)
    nominee = services.nominee_save(
        nominee=Nominee(kind="collective", name="某中学"), actor=users["shangzhou"]
    )
    title = LocalTitle(
        nominee=nominee,
        sector=campus,
        year=2018,
        document_number="商政发〔2018〕2号",
        issuing_body="测试",
        named_on=datetime.date(2018, 11, 1),
    )
    with pytest.raises(ValidationError, match="县（区）登记的是品牌命名"):
        services.title_record(title=title, actor=users["shangzhou"])
    assert not LocalTitle.objects.filter(nominee=nominee).exists()


def test_gender_must_agree_with_the_id_number(users):
    from django.core.exceptions import ValidationError

    from portal.validators import make_id_number

    number = make_id_number("611002", datetime.date(1980, 5, 1), 123)  # odd 17th digit: male
    with pytest.raises(ValidationError, match="性别与身份证号码不一致"):
        services.nominee_save(
            nominee=Nominee(
                kind="individual",
                name="张三",
                gender="female",
                role="网格员",
                workplace="某村",
                mobile="13900000000",
                id_number=number,
            ),
            actor=users["shangzhou"],
        )


def test_rule4_the_same_nominee_again_in_a_later_year(demo, users, draft):
    """Seed 004: "同一集体或个人可连续推荐申报" — another campaign year may nominate it again."""
    from tests.factories import campaign_page

    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    later = campaign_page(city=demo.city, year=2019, slug="shangluo-2019")
    again = services.nomination_create(campaign=later, title=draft.title, deeds="", actor=users["shangzhou"])
    assert rules.check_duplicate(again).ok
    assert Nomination.objects.filter(nominee=draft.nominee).exclude(state=State.WITHDRAWN).count() == 2
