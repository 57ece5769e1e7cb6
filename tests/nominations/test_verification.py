"""On-site verification (实地核查): recorded by the office, moves the nomination, and no
inspector verifies a nominee of their own county."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nominations import services
from nominations.enums import State
from nominations.models import Verification

pytestmark = pytest.mark.django_db

VISIT = datetime.date(2018, 12, 5)


@pytest.fixture
def accepted(draft, users):
    services.nomination_submit(nomination=draft, actor=users["shangzhou"])
    return services.nomination_accept(nomination=draft, actor=users["office"])


def record(nomination, users, *, inspectors, passed=True, findings="台账齐全，群众满意"):
    return services.verification_record(
        nomination=nomination,
        visited_on=VISIT,
        inspectors=[users[name] for name in inspectors],
        findings=findings,
        passed=passed,
        actor=users["office"],
    )


def test_a_passed_verification_verifies_the_nomination(accepted, users):
    verification = record(accepted, users, inspectors=["office", "luonan"])
    accepted.refresh_from_db()
    assert accepted.state == State.VERIFIED
    assert set(verification.inspectors.values_list("username", flat=True)) == {"office", "luonan"}
    assert accepted.events.last().reason == "实地核查（2018-12-05）：台账齐全，群众满意"


def test_a_failed_verification_rejects_with_the_findings(accepted, users):
    record(accepted, users, inspectors=["luonan"], passed=False, findings="示范点台账缺失")
    accepted.refresh_from_db()
    assert accepted.state == State.REJECTED
    assert "示范点台账缺失" in accepted.events.last().reason


def test_no_inspector_of_the_nominees_own_county(accepted, users):
    with pytest.raises(ValidationError, match="不能核查本县"):
        record(accepted, users, inspectors=["luonan", "shangzhou"])
    accepted.refresh_from_db()
    assert accepted.state == State.ACCEPTED
    assert not Verification.objects.filter(nomination=accepted).exists()


def test_only_an_accepted_nomination_is_verified(draft, users):
    with pytest.raises(ValidationError, match="形式审查通过"):
        record(draft, users, inspectors=["luonan"])


def test_only_the_office_records_a_verification(accepted, users):
    with pytest.raises(PermissionDenied):
        services.verification_record(
            nomination=accepted,
            visited_on=VISIT,
            inspectors=[users["luonan"]],
            findings="x",
            passed=True,
            actor=users["luonan"],
        )


def test_the_office_records_it_on_the_review_page(client, accepted, users):
    client.force_login(users["office"])
    page = client.get(reverse("nominations_review:detail", args=[accepted.pk]))
    assert "记录实地核查" in page.content.decode()
    response = client.post(
        reverse("nominations_review:verify", args=[accepted.pk]),
        {
            "visited_on": "2018-12-05",
            "inspectors": [users["luonan"].pk],
            "findings": "核查属实",
            "passed": "1",
        },
    )
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.state == State.VERIFIED
    refused = client.post(
        reverse("nominations_review:verify", args=[accepted.pk]),
        {"visited_on": "2018-12-05", "inspectors": [users["luonan"].pk], "findings": "再次", "passed": "1"},
    )
    assert refused.status_code == 200
    assert "只有形式审查通过的推荐可以记录实地核查" in refused.content.decode()


def test_verified_only_through_a_verification_record(client, accepted, users):
    client.force_login(users["office"])
    page = client.get(reverse("nominations_review:detail", args=[accepted.pk]))
    assert [m.action for m in page.context["moves"]] == ["reject"]
    client.post(reverse("nominations_review:move", args=[accepted.pk]), {"action": "verify"})
    accepted.refresh_from_db()
    assert accepted.state == State.ACCEPTED
