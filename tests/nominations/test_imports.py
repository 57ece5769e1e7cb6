"""Applying spreadsheets (nominations.imports) and the spreadsheet views.

All or nothing: a file with one bad row writes nothing; a row the services refuse
while applying rolls back the rows before it. The round trip template → fill →
import goes through the views as an operator would. The export answers only the
user's own unit's rows and never carries an ID or phone number.
"""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Brand
from nominations import imports, services
from nominations.excel import WorkbookError
from nominations.models import LocalTitle, Nomination, NominationEvent, Nominee
from portal.models import Jurisdiction
from tests.nominations.test_excel import (
    BATCH_SHEET,
    FIRST,
    KEYS,
    NAMED,
    SHEET,
    batch,
    collective,
    free_titles,
    naming_list,
    new_id,
    person,
    xml_text,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
URLS = ["title_template", "title_import", "nomination_export", "nomination_template", "nomination_import"]


@pytest.fixture
def user(demo):
    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def shangzhou(demo):
    return Jurisdiction.objects.get(name="商州区", level="county")


@pytest.fixture
def villages(shangzhou):
    """Villages of 商州区 no demo nominee stands for, with their towns."""
    taken = Nominee.objects.exclude(place=None).values_list("place_id", flat=True)
    return list(
        Jurisdiction.objects.filter(parent__parent=shangzhou, level="village")
        .exclude(pk__in=taken)
        .select_related("parent")
        .order_by("-id")[:5]
    )


def snapshot() -> tuple[int, int, int, int]:
    return (
        Nominee.objects.count(),
        LocalTitle.objects.count(),
        Nomination.objects.count(),
        NominationEvent.objects.count(),
    )


def upload(data: bytes, name: str = "名单.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


def fill(template: bytes, rows: list[list], *, sheet: str, first_row: int = 5) -> bytes:
    """Type rows into a downloaded template, as an operator does in Excel/WPS."""
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    ws = workbook[sheet]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            ws.cell(row=first_row + offset, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_list(row: dict) -> list:
    return [row.get(k) for k in KEYS]


# --- titles_import ---------------------------------------------------------------------------


def test_titles_import_creates_and_reuses_nominees(shangzhou, villages, user):
    operator = user("shangzhou")
    village = villages[0]
    existing = Nominee.objects.filter(county=shangzhou, kind="individual").first()
    id_number = new_id(911)
    rows = [
        collective(name=village.name, place=f"{village.parent.name}{village.name}", address="村委会"),
        # The same new village, another brand: one nominee, two titles.
        collective(
            serial=2, honour="平安单位", name=village.name, place=f"{village.parent.name}{village.name}"
        ),
        collective(serial=3, honour="平安家庭", kind="家庭", name="测试家庭", place=village.parent.name),
        person(serial=4, id_number=id_number.lower(), gender=None, mobile="137 0000 0009"),
        # An existing person (by ID number), another year: reused.
        person(
            serial=5,
            name=existing.name,
            id_number=existing.id_number,
            gender=None,
            honour=LocalTitle.objects.filter(nominee=existing).first().brand.name,
            year=2017,
            named_on=datetime.date(2017, 12, 1),
        ),
    ]
    before = snapshot()
    result = imports.titles_import(data=naming_list(rows), actor=operator)
    assert result == imports.TitleImportResult(titles=5, nominees_created=3, nominees_reused=1)
    assert snapshot()[:2] == (before[0] + 3, before[1] + 5)
    new_village = Nominee.objects.get(county=shangzhou, name=village.name, place=village)
    assert new_village.kind == "collective" and new_village.address == "村委会"
    assert new_village.collective_type == village.category
    assert new_village.created_by == operator
    assert sorted(new_village.titles.values_list("brand__slug", flat=True)) == ["unit", "village"]
    individual = Nominee.objects.get(id_number=id_number)
    assert (individual.gender, individual.mobile, individual.county) == ("male", "13700000009", shangzhou)
    title = individual.titles.get()
    assert (title.year, title.document_number, title.issuing_body, title.named_on) == (
        2018,
        "商发〔2018〕61号",
        "中共商州区委、商州区人民政府",
        NAMED,
    )
    assert existing.titles.filter(year=2017).exists()
    # The same file again: every title is there already, nothing changes.
    after = snapshot()
    with pytest.raises(WorkbookError) as caught:
        imports.titles_import(data=naming_list(rows), actor=operator)
    assert len(caught.value.messages) == 5
    assert all("已登记过，不能重复登记" in m for m in caught.value.messages)
    assert snapshot() == after


def test_titles_import_one_bad_row_writes_nothing(shangzhou, villages, user):
    rows = [
        collective(name=villages[0].name, place=villages[0].name),
        person(serial=2, id_number=new_id(913)),
        collective(serial=3, name=villages[1].name, place="景村镇"),  # 洛南县's
    ]
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        imports.titles_import(data=naming_list(rows), actor=user("shangzhou"))
    assert caught.value.messages == [
        f"{SHEET}第{FIRST + 2}行E列：所在镇村“景村镇”不是商州区的镇（办）或村（社区）"
    ]
    assert snapshot() == before


def test_titles_import_refused_while_applying_rolls_back(shangzhou, villages, user, monkeypatch):
    """A rule the reader does not know (here: the service refuses the 2nd row) rolls
    back the rows already written, and the message names the row."""
    real = services.title_record
    calls = []

    def title_record(*, title, actor):
        calls.append(title)
        if len(calls) == 2:
            raise ValidationError({"document_number": ["文号格式不对。"]})
        return real(title=title, actor=actor)

    monkeypatch.setattr(services, "title_record", title_record)
    rows = [collective(serial=i, name=v.name, place=v.name) for i, v in enumerate(villages[:3], start=1)]
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        imports.titles_import(data=naming_list(rows), actor=user("shangzhou"))
    assert caught.value.messages == [f"{SHEET}第{FIRST + 1}行：文号：文号格式不对"]
    assert len(calls) == 3  # every row was tried, to report every problem
    assert snapshot() == before


def test_titles_import_department(user):
    operator = user("jiaoyu")
    rows = [collective(honour="平安校园", name="商洛市第九中学", place=None, issuing_body="商洛市教育局")]
    result = imports.titles_import(data=naming_list(rows, sheet="领域命名名单"), actor=operator)
    assert result.titles == 1
    title = LocalTitle.objects.get(nominee__name="商洛市第九中学")
    assert (title.sector.slug, title.brand, title.department.slug, title.county) == (
        "campus",
        None,
        "jiaoyu",
        None,
    )


def test_office_imports_nothing(user):
    with pytest.raises(PermissionDenied):
        imports.titles_import(data=naming_list([person()]), actor=user("office"))
    with pytest.raises(PermissionDenied):
        imports.nominations_import(data=batch([]), actor=user("office"), campaign=None)


# --- nominations_import --------------------------------------------------------------------


def test_batch_import_creates_drafts(demo, shangzhou, user):
    operator = user("shangzhou")
    village = free_titles(shangzhou, demo, brand_slug="village")[0]
    gridworker = free_titles(shangzhou, demo, brand_slug="gridworker")[0]
    rows = [
        [1, "平安村（社区）", village.nominee.name, 2018, "治安良好\n<script>x</script>"],
        [2, "优秀治安中心户长（网格员）", gridworker.nominee.name, 2018, ""],
    ]
    before = snapshot()
    result = imports.nominations_import(data=batch(rows), actor=operator, campaign=demo)
    assert result.created == 2
    assert snapshot()[2:] == (before[2] + 2, before[3] + 2)
    made = Nomination.objects.get(title=village, campaign=demo)
    assert (made.state, made.brand.slug, made.county, made.created_by) == (
        "draft",
        "village",
        shangzhou,
        operator,
    )
    assert made.deeds == "<p>治安良好</p><p>&lt;script&gt;x&lt;/script&gt;</p>"
    assert made.submitted_at is None
    assert made.events.get().to_state == "draft"


def test_batch_import_all_or_nothing(demo, shangzhou, user):
    free = free_titles(shangzhou, demo, brand_slug="village")
    rows = [
        [1, "平安村（社区）", free[0].nominee.name, 2018, ""],
        [2, "平安村（社区）", free[1].nominee.name, 2018, ""],
        [3, "平安村（社区）", free[0].nominee.name, 2018, ""],
    ]
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        imports.nominations_import(data=batch(rows), actor=user("shangzhou"), campaign=demo)
    assert caught.value.messages == [f"{BATCH_SHEET}第5行C列：与第3行重复（同一对象、同一品牌（领域））"]
    assert snapshot() == before


# --- views: access ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", URLS)
def test_anonymous_goes_to_login(client, demo, name):
    url = reverse(f"nominations:{name}")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("username", ["shangzhou", "jiaoyu"])
def test_operators_open_every_page(client, user, username):
    client.force_login(user(username))
    for name in ("title_template", "nomination_template", "nomination_export"):
        response = client.get(reverse(f"nominations:{name}"))
        assert response.status_code == 200, name
        assert response["Content-Type"] == XLSX
        assert response["Content-Disposition"].startswith("attachment;")
    for name in ("title_import", "nomination_import"):
        response = client.get(reverse(f"nominations:{name}"))
        assert response.status_code == 200, name
        assert "5 MB" in response.content.decode()  # the size limit, from settings


def test_office_exports_but_imports_nothing(client, user):
    client.force_login(user("office"))
    for name in ("title_template", "title_import", "nomination_template", "nomination_import"):
        assert client.get(reverse(f"nominations:{name}")).status_code == 403, name
    for name in ("title_import", "nomination_import"):
        response = client.post(reverse(f"nominations:{name}"), {"file": upload(naming_list([person()]))})
        assert response.status_code == 403, name
    assert client.get(reverse("nominations:nomination_export")).status_code == 200


def test_no_unit_and_no_sector_are_refused(client, demo, user):
    nobody = User.objects.create_user("nobody", password="x")
    for account in (nobody, user("sifa")):  # sifa leads no sector: it names and nominates nothing
        client.force_login(account)
        for name in URLS:
            assert client.get(reverse(f"nominations:{name}")).status_code == 403, (account, name)


# --- views: import -------------------------------------------------------------------------


def test_title_round_trip_through_the_views(client, shangzhou, villages, user):
    """Download the template, fill it in as an operator would, upload it."""
    client.force_login(user("shangzhou"))
    template = client.get(reverse("nominations:title_template")).content
    village = villages[0]
    rows = [
        as_list(collective(name=village.name, place=f"{village.parent.name}{village.name}")),
        as_list(person(serial=2, id_number=new_id(915))),
    ]
    before = snapshot()
    response = client.post(
        reverse("nominations:title_import"), {"file": upload(fill(template, rows, sheet="县级命名名单"))}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:title_list")
    assert snapshot()[:2] == (before[0] + 2, before[1] + 2)
    page = client.get(response["Location"]).content.decode()
    assert "导入成功：登记县级命名2项，新登记推荐对象2个" in page


def test_title_import_bad_file_lists_the_problems(client, villages, user):
    client.force_login(user("shangzhou"))
    rows = [
        collective(name=villages[0].name, place=villages[0].name),
        person(serial=2, mobile="1380000", id_number="123"),
    ]
    before = snapshot()
    response = client.post(reverse("nominations:title_import"), {"file": upload(naming_list(rows))})
    assert response.status_code == 200
    page = response.content.decode()
    assert "文件有2处问题，未导入，未登记任何命名" in page
    assert "工作表“县级命名名单”第4行J列：手机号码格式不正确" in page
    assert "工作表“县级命名名单”第4行K列：身份证号码应为18位，当前为3位" in page
    assert snapshot() == before


def test_upload_over_the_limit(client, user, settings):
    settings.XLSX_MAX_UPLOAD_BYTES = 1024
    client.force_login(user("shangzhou"))
    response = client.post(reverse("nominations:title_import"), {"file": upload(b"x" * 2048)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "文件大小为2 KB，超过上限1 KB。" in page
    assert "文件大小上限：1 KB" in page


def test_batch_round_trip_through_the_views(client, demo, shangzhou, user):
    client.force_login(user("shangzhou"))
    template = client.get(reverse("nominations:nomination_template")).content
    free = free_titles(shangzhou, demo, brand_slug="village")[:2]
    rows = [[i, "平安村（社区）", t.nominee.name, t.year, "事迹"] for i, t in enumerate(free, start=1)]
    response = client.post(
        reverse("nominations:nomination_import"), {"file": upload(fill(template, rows, sheet="推荐汇总表"))}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:nomination_list")
    assert set(Nomination.objects.filter(title__in=free).values_list("state", flat=True)) == {"draft"}
    # The page says submitting is a separate step.
    page = client.get(reverse("nominations:nomination_import")).content.decode()
    assert "导入只创建<strong>草稿</strong>，不会提交" in page


def test_batch_import_bad_file_creates_nothing(client, demo, user):
    client.force_login(user("shangzhou"))
    before = snapshot()
    response = client.post(
        reverse("nominations:nomination_import"),
        {"file": upload(batch([[1, "平安村（社区）", "无名村", 2018, ""]]))},
    )
    assert response.status_code == 200
    assert "未创建任何推荐" in response.content.decode()
    assert snapshot() == before


# --- views: export -------------------------------------------------------------------------


def export_rows(client) -> list[tuple]:
    response = client.get(reverse("nominations:nomination_export"))
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content))["推荐汇总表"]
    return list(ws.iter_rows(min_row=3, values_only=True))


def test_export_answers_only_the_users_own_unit(client, demo, user):
    client.force_login(user("luonan"))
    rows = export_rows(client)
    luonan = Nomination.objects.filter(campaign=demo, county__name="洛南县")
    shangzhou = Nomination.objects.filter(campaign=demo, county__name="商州区")
    assert len(rows) == luonan.count() > 0
    assert {r[1] for r in rows} == {"洛南县"}
    assert not {r[3] for r in rows} & set(shangzhou.values_list("nominee__name", flat=True)) - set(
        luonan.values_list("nominee__name", flat=True)
    )

    client.force_login(user("office"))
    everything = export_rows(client)
    assert len(everything) == Nomination.objects.filter(campaign=demo).count()
    assert {"商州区", "洛南县", "市教育局"} <= {r[1] for r in everything}


def test_export_has_no_id_or_phone_numbers(client, demo, user):
    numbers = [n for pair in Nominee.objects.values_list("id_number", "mobile") for n in pair if n]
    assert len(numbers) > 20
    for username in ("shangzhou", "office"):
        client.force_login(user(username))
        data = client.get(reverse("nominations:nomination_export")).content
        assert not [n for n in numbers if n.encode() in data]
        text = xml_text(data)
        assert not [n for n in numbers if n in text]


def test_export_applies_the_lists_filters(client, demo, user):
    client.force_login(user("shangzhou"))
    drafts = Nomination.objects.filter(campaign=demo, county__name="商州区", state="draft").count()
    response = client.get(reverse("nominations:nomination_export"), {"state": "draft"})
    ws = openpyxl.load_workbook(io.BytesIO(response.content))["推荐汇总表"]
    states = [r[8] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert states == ["草稿"] * drafts and drafts > 0
    village = Brand.objects.get(slug="village")
    response = client.get(reverse("nominations:nomination_export"), {"brand": village.pk})
    ws = openpyxl.load_workbook(io.BytesIO(response.content))["推荐汇总表"]
    assert {r[2] for r in ws.iter_rows(min_row=3, values_only=True)} == {"平安村（社区）"}
    # The year the list defaults to (the current campaign's), given explicitly: the same rows.
    response = client.get(reverse("nominations:nomination_export"), {"year": "2018", "state": "draft"})
    ws = openpyxl.load_workbook(io.BytesIO(response.content))["推荐汇总表"]
    assert ws.max_row == 2 + drafts


def test_export_runs_a_fixed_number_of_queries(client, demo, shangzhou, user):
    operator = user("shangzhou")
    client.force_login(operator)
    url = reverse("nominations:nomination_export")
    client.get(url)  # warm caches (content types, site settings)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for title in free_titles(shangzhou, demo)[:6]:
        services.nomination_create(campaign=demo, title=title, deeds="", actor=operator)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    rows = openpyxl.load_workbook(io.BytesIO(response.content))["推荐汇总表"].max_row - 2
    assert rows == Nomination.objects.filter(campaign=demo, county=shangzhou).count()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
