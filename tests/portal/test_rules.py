import pytest
from django.contrib.auth.models import AnonymousUser, User

from portal import rules
from portal.models import Department, Jurisdiction

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(demo):
    return {u.username: u for u in User.objects.all()}


def test_demo_accounts_exist_for_every_role(users):
    expected = {
        "office",
        "shangzhou",
        "luonan",
        "danfeng",
        "shangnan",
        "shanyang",
        "zhenan",
        "zhashui",
        "gaoxin",
        "jiaoyu",
        "weiji",
        "gongan",
        "jiaotong",
        "yaojian",
        "gongxin",
        "fagai",
        "renhang",
        "sifa",
    }
    assert set(users) == expected
    assert all(u.check_password("pingan2018") for u in users.values())
    assert not any(u.is_superuser for u in users.values())


def test_actor_is_the_unit_of_the_users_group(users):
    assert rules.actor_for(users["shangzhou"]).county == Jurisdiction.objects.get(name="商州区")
    assert rules.actor_for(users["jiaoyu"]).department == Department.objects.get(name="市教育局")
    assert rules.actor_for(AnonymousUser()).unit is None


@pytest.mark.parametrize(
    ("username", "office", "county", "department"),
    [
        ("office", True, False, False),
        ("gaoxin", False, True, False),
        ("renhang", False, False, True),
        ("sifa", False, False, True),
    ],
)
def test_role_predicates(users, username, office, county, department):
    user = users[username]
    assert rules.is_city_office(user) is office
    assert rules.can_manage_quotas(user) is office
    assert rules.is_county_operator(user) is county
    assert rules.is_department_operator(user) is department


def test_operator_sees_only_its_own_unit(users):
    shangzhou = Jurisdiction.objects.get(name="商州区")
    luonan = Jurisdiction.objects.get(name="洛南县")
    assert rules.can_view_unit(users["shangzhou"], shangzhou)
    assert not rules.can_view_unit(users["shangzhou"], luonan)
    assert rules.can_view_unit(users["office"], luonan)
    assert not rules.can_view_unit(AnonymousUser(), luonan)


def test_inactive_office_user_has_no_rights(users):
    office = users["office"]
    office.is_active = False
    assert not rules.is_city_office(office)


def test_superuser_counts_as_office():
    admin = User.objects.create_superuser("root", "root@example.cn", "x")
    assert rules.is_city_office(admin)
