"""The workbench's filings (报送材料): a unit's list of kinds with due dates and standing,
writing a filing with attachments, submitting it (on time, within an extension, or
refused when late), scoping to the unit, and the city office reading only."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Extension
from filings.enums import FilingState
from filings.models import Filing, FilingEvent, FilingFile, FilingKind
from nominations import services as nomination_services
from portal.models import Department, Jurisdiction

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _unit(slug):
    return Jurisdiction.objects.filter(slug=slug).first() or Department.objects.get(slug=slug)


def _fresh(demo, slug):
    """The unit with no filing and no extension in the demo campaign (whatever the demo seeds)."""
    unit = _unit(slug)
    field = "county" if isinstance(unit, Jurisdiction) else "department"
    filings = Filing.objects.filter(campaign=demo, **{field: unit})
    FilingEvent.objects.filter(filing__in=filings).delete()
    FilingFile.objects.filter(filing__in=filings).delete()
    filings.delete()
    Extension.objects.filter(campaign=demo, **{field: unit}).delete()
    return unit


def _client(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def _status(client, url):
    response = client.get(url)
    if response.streaming:
        # read a file through: the client then closes it without closing the database
        # connection, as a plain close() would on PostgreSQL
        b"".join(response.streaming_content)
    return response.status_code


def _extend(demo, unit, key="plan"):
    nomination_services.extension_grant(
        campaign=demo,
        unit=unit,
        milestone_key=key,
        until=timezone.localdate() + datetime.timedelta(days=30),
        reason="测试",
        actor=None,
    )


def _create(client, demo, role="county", **data):
    kind = FilingKind.objects.get(campaign=demo, role=role, key="plan")
    data = {"title": "商州区平安创建方案", "body_text": "第一段。\n\n第二段。", **data}
    return client.post(reverse("filings:filing_create", args=[kind.pk]), data)


def test_the_list_shows_the_units_kinds_due_dates_and_standing(demo, client):
    unit = _fresh(demo, "shangzhou")
    response = _client(client, "shangzhou").get(reverse("filings:filing_list"))
    html = response.content.decode()
    assert response.status_code == 200
    for kind in FilingKind.objects.filter(campaign=demo, role="county"):
        assert kind.name in html
        assert reverse("filings:filing_create", args=[kind.pk]) in html
    assert "2018-03-20" in html  # the county plan's due date
    assert "逾期未报" in html and "nstate--rejected" in html  # the demo's dates are long past
    assert "已延期" not in html
    _extend(demo, unit)
    html = client.get(reverse("filings:filing_list")).content.decode()
    assert "已延期" in html
    assert (timezone.localdate() + datetime.timedelta(days=30)).isoformat() in html


def test_a_department_that_leads_no_sector_files_too(demo, client):
    _fresh(demo, "sifa")
    response = _client(client, "sifa").get(reverse("filings:filing_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert FilingKind.objects.get(campaign=demo, role="other", key="plan").name in html
    assert "报送材料" in html and reverse("nominations:nominee_list") not in html


def test_create_with_an_attachment_and_submit_within_an_extension(demo, client):
    unit = _fresh(demo, "shangzhou")
    _extend(demo, unit)
    _client(client, "shangzhou")
    response = _create(client, demo, documents=[SimpleUploadedFile("方案.pdf", PDF, "application/pdf")])
    filing = Filing.objects.get(campaign=demo, county=unit)
    assert response.status_code == 302
    assert response["Location"] == reverse("filings:filing_detail", args=[filing.pk])
    assert filing.state == FilingState.DRAFT
    assert filing.body == "<p>第一段。</p>\n\n<p>第二段。</p>"
    detail = client.get(response["Location"]).content.decode()
    (row,) = filing.files.all()
    file_url = reverse("filings:filing_file", args=[filing.pk, row.pk])
    assert "方案.pdf" in detail and file_url in detail
    assert reverse("filings:filing_submit", args=[filing.pk]) in detail
    download = client.get(file_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF

    response = client.post(reverse("filings:filing_submit", args=[filing.pk]), follow=True)
    filing.refresh_from_db()
    assert filing.state == FilingState.SUBMITTED
    html = response.content.decode()
    assert "已报送" in html
    assert reverse("filings:filing_submit", args=[filing.pk]) not in html  # nothing more to submit
    assert client.get(reverse("filings:filing_edit", args=[filing.pk])).status_code == 403


def test_a_late_filing_without_extension_is_refused_with_a_message(demo, client):
    unit = _fresh(demo, "shangzhou")
    _client(client, "shangzhou")
    _create(client, demo)
    filing = Filing.objects.get(campaign=demo, county=unit)
    response = client.post(reverse("filings:filing_submit", args=[filing.pk]), follow=True)
    filing.refresh_from_db()
    assert filing.state == FilingState.DRAFT
    assert "未能报送" in response.content.decode()
    assert "申请延期" in response.content.decode()
    assert client.get(reverse("filings:filing_submit", args=[filing.pk])).status_code == 405


def test_a_kind_of_another_role_is_not_offered(demo, client):
    unit = _fresh(demo, "shangzhou")
    response = _create(_client(client, "shangzhou"), demo, role="lead", brand_name="平安品牌")
    assert response.status_code == 404
    assert not Filing.objects.filter(campaign=demo, county=unit).exists()


def test_another_county_gets_404_and_the_office_reads_only(demo, client):
    unit = _fresh(demo, "shangzhou")
    _create(_client(client, "shangzhou"), demo, documents=[SimpleUploadedFile("方案.pdf", PDF)])
    filing = Filing.objects.get(campaign=demo, county=unit)
    row = filing.files.get()
    urls = {
        "detail": reverse("filings:filing_detail", args=[filing.pk]),
        "edit": reverse("filings:filing_edit", args=[filing.pk]),
        "file": reverse("filings:filing_file", args=[filing.pk, row.pk]),
    }
    submit = reverse("filings:filing_submit", args=[filing.pk])

    _client(client, "luonan")
    for url in urls.values():
        assert _status(client, url) == 404, url
    assert client.post(submit).status_code == 404

    _client(client, "office")
    assert client.get(urls["detail"]).status_code == 200
    assert _status(client, urls["file"]) == 200
    assert client.get(urls["edit"]).status_code == 403
    assert client.post(submit).status_code == 403
    assert client.get(reverse("filings:filing_create", args=[filing.kind_id])).status_code == 403
    listing = client.get(reverse("filings:filing_list")).content.decode()
    assert filing.title in listing
    filing.refresh_from_db()
    assert filing.state == FilingState.DRAFT


def test_the_list_takes_a_constant_number_of_queries(demo, client):
    unit = _fresh(demo, "shangzhou")
    _client(client, "shangzhou")
    url = reverse("filings:filing_list")
    client.get(url)  # warm the session and the site
    with CaptureQueriesContext(connection) as empty:
        client.get(url)
    _extend(demo, unit)
    _extend(demo, unit, key="summary")
    _create(client, demo)
    with CaptureQueriesContext(connection) as full:
        response = client.get(url)
    assert "商州区平安创建方案" in response.content.decode()
    assert len(full) == len(empty)
