"""The batch import of nominations at scale (nominations.imports.nominations_import):
its queries do not grow with the rows (beyond one INSERT per batch), and it stays all or
nothing. Its speed is measured by the benchmark (bench/), not here; the helpers below
build its data: `titled_nominees` and `batch_file`."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import User
from openpyxl import Workbook

from campaigns.models import Brand
from nominations import imports
from nominations.excel import WorkbookError
from nominations.models import LocalTitle, Nomination, NominationEvent, Nominee
from portal.models import Jurisdiction

pytestmark = pytest.mark.django_db

HEADERS = ["序号", "品牌（领域）", "推荐对象（须已登记县级命名）", "命名年度", "事迹材料（简要）"]
SHEET = "工作表“推荐汇总表”"


def titled_nominees(
    county: Jurisdiction, count: int, *, brand_slug: str = "village", year: int = 2018, prefix: str = "批量村"
) -> list[LocalTitle]:
    """`count` collective nominees of `county`, each with a county-level title of the brand
    (bulk inserts: the benchmark's 10,000 take seconds). Names are `prefix` + a number."""
    brand = Brand.objects.get(slug=brand_slug, city_id=county.parent_id)
    nominees = Nominee.objects.bulk_create(
        [Nominee(kind=brand.kind, name=f"{prefix}{i:05d}", county=county) for i in range(count)],
        batch_size=1000,
    )
    return LocalTitle.objects.bulk_create(
        [
            LocalTitle(
                nominee=nominee,
                brand=brand,
                county=county,
                year=year,
                document_number=f"测发〔{year}〕{i}号",
                issuing_body="测试县委、县政府",
                named_on=datetime.date(year, 11, 1),
            )
            for i, nominee in enumerate(nominees)
        ],
        batch_size=1000,
    )


def batch_file(
    titles: list[LocalTitle], *, deeds: str = "近三年无刑事案件，群众安全感满意度98%以上。"
) -> bytes:
    """The county's batch 推荐汇总表 nominating each title (title row, header, one row each)."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("推荐汇总表")
    ws.append(["商州区2018年度“平安商洛”创建市级先进集体和个人推荐汇总表"])
    ws.append(HEADERS)
    for number, title in enumerate(titles, start=1):
        ws.append([number, title.brand.name, title.nominee.name, title.year, deeds])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def shangzhou(demo):
    return Jurisdiction.objects.get(name="商州区", level="county")


@pytest.fixture
def operator(demo):
    return User.objects.get(username="shangzhou")


def snapshot() -> tuple[int, int]:
    return Nomination.objects.count(), NominationEvent.objects.count()


def test_queries_do_not_grow_with_rows(demo, shangzhou, operator, django_assert_max_num_queries):
    titles = titled_nominees(shangzhou, 210)
    small, large = batch_file(titles[:10]), batch_file(titles[10:])
    before = snapshot()
    # The same bound for 10 rows and for 200: the reader's and the checks' queries are
    # fixed; the writes are one INSERT per batch (SQLite takes ~80 nominations a batch).
    with django_assert_max_num_queries(20):
        assert imports.nominations_import(data=small, actor=operator, campaign=demo).created == 10
    with django_assert_max_num_queries(20):
        result = imports.nominations_import(data=large, actor=operator, campaign=demo)
    assert result.created == 200
    assert snapshot() == (before[0] + 210, before[1] + 210)
    made = Nomination.objects.get(title=titles[42], campaign=demo)
    assert (made.state, made.county, made.created_by, made.brand_id) == (
        "draft",
        shangzhou,
        operator,
        titles[42].brand_id,
    )
    assert made.deeds == "<p>近三年无刑事案件，群众安全感满意度98%以上。</p>"
    event = made.events.get()
    assert (event.to_state, event.actor, event.reason) == ("draft", operator, "创建草稿")


def test_one_bad_row_in_200_imports_nothing(demo, shangzhou, operator):
    titles = titled_nominees(shangzhou, 200)
    data = batch_file(titles)
    workbook_rows = [[n, t.brand.name, t.nominee.name, t.year, "好"] for n, t in enumerate(titles, start=1)]
    workbook_rows[150][2] = "没有这个村"
    wb = Workbook()
    ws = wb.active
    ws.title = "推荐汇总表"
    for row in [["标题"], HEADERS, *workbook_rows]:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        imports.nominations_import(data=buffer.getvalue(), actor=operator, campaign=demo)
    assert caught.value.messages == [
        f"{SHEET}第153行C列：“没有这个村”没有已登记的“平安村（社区）”县级命名，请先登记（或导入）县级命名名单"
    ]
    assert snapshot() == before
    assert imports.nominations_import(data=data, actor=operator, campaign=demo).created == 200


def test_nominated_in_between_imports_nothing_and_names_the_row(demo, shangzhou, operator, monkeypatch):
    """Another operator nominates one of the file's nominees after the reader checked:
    the import writes nothing and names that row."""
    titles = titled_nominees(shangzhou, 5)
    real = imports.read_nomination_workbook

    def read_then_someone_nominates(*args, **kwargs):
        parsed = real(*args, **kwargs)
        title = titles[3]
        Nomination.objects.create(
            campaign=demo,
            brand_id=title.brand_id,
            nominee_id=title.nominee_id,
            title=title,
            county=shangzhou,
            state="submitted",
        )
        return parsed

    monkeypatch.setattr(imports, "read_nomination_workbook", read_then_someone_nominates)
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        imports.nominations_import(data=batch_file(titles), actor=operator, campaign=demo)
    assert caught.value.messages == [f"{SHEET}第6行C列：本年度已推荐过该对象（当前状态：已提交）"]
    assert snapshot() == (before[0] + 1, before[1])  # only the other operator's nomination


def test_conflict_at_insert_rolls_everything_back(demo, shangzhou, operator, monkeypatch):
    """A duplicate no check saw (here: the checks are blinded) is refused by the
    database's constraint: nothing of the file is written."""
    titles = titled_nominees(shangzhou, 5)
    real = imports.read_nomination_workbook

    def read_then_someone_nominates(*args, **kwargs):
        parsed = real(*args, **kwargs)
        title = titles[0]
        Nomination.objects.create(
            campaign=demo, brand_id=title.brand_id, nominee_id=title.nominee_id, title=title, county=shangzhou
        )
        return parsed

    monkeypatch.setattr(imports, "read_nomination_workbook", read_then_someone_nominates)
    monkeypatch.setattr(imports, "_taken", lambda *args: [])
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        imports.nominations_import(data=batch_file(titles), actor=operator, campaign=demo)
    assert caught.value.messages == ["工作表“推荐汇总表”：与其他记录冲突（可能刚被他人修改），请刷新后重试"]
    assert snapshot() == (before[0] + 1, before[1])
