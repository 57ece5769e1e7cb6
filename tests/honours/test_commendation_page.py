"""The commendation decision page (表彰决定): document facts, the lists per brand (the
candidates in preview), certificate links, and the commended list as xlsx."""

import datetime
import io
import re

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils.html import strip_tags
from openpyxl import load_workbook

from honours import excel, services
from honours.views.public import commendation_xlsx

pytestmark = pytest.mark.django_db

DOCUMENT_NUMBER = "商发〔2018〕1号"


@pytest.fixture
def draft(ended_notice, office):
    return services.commendation_create(
        notice=ended_notice,
        actor=office,
        document_number=DOCUMENT_NUMBER,
        issued_on=datetime.date(2018, 12, 28),
        issuing_bodies="中共商洛市委、商洛市人民政府",
    )


@pytest.fixture
def decision(draft, office):
    return services.commendation_publish(page=draft, actor=office)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", strip_tags(html))


def _honours(decision):
    return list(
        decision.honours.select_related("brand", "sector", "county", "department").order_by("sort_order")
    )


def _workbook_rows(content: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(content), read_only=True).active
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def test_the_page_shows_the_decision_and_its_lists_per_brand(client, decision):
    response = client.get(decision.url)
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert DOCUMENT_NUMBER in text
    assert "中共商洛市委、商洛市人民政府" in text
    assert "2018年12月28日" in text
    assert "涌现出一批先进集体和先进个人" in text  # the body
    honours = _honours(decision)
    groups = response.context["groups"]
    assert [label for label, _ in groups] == list(dict.fromkeys(h.honour_label for h in honours))
    assert sum(len(rows) for _, rows in groups) == len(honours) == 4
    headings = re.findall(r'<h3 class="honour-group__title"[^>]*>(.*?)<span', html)
    assert headings == [label for label, _ in groups]
    for honour in honours:
        assert honour.name in text and honour.number in text
        assert reverse("honours:certificate", args=[honour.pk]) in html
    person = next(h for h in honours if h.is_individual)
    nominee = person.nomination.nominee
    assert f"{person.get_gender_display()} · {person.workplace}" in text
    assert nominee.id_number not in html and nominee.mobile not in html
    assert decision.reverse_subpage("list_xlsx") in html


def test_the_preview_lists_the_candidates_before_publication(draft):
    response = draft.make_preview_request()
    if hasattr(response, "render"):
        response.render()
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "预览：本决定尚未发布" in text
    assert "拟命名名单" in text
    for entry in draft.notice.entries.all():
        assert entry.name in text
    assert "/honours/certificates/" not in response.content.decode()
    assert "下载命名名单" not in text


def test_the_page_marks_a_revoked_honour(client, decision, office):
    honour = _honours(decision)[0]
    services.honour_revoke(
        honour=honour,
        reason="发生较大安全生产责任事故。",
        revoked_on=datetime.date(2019, 6, 18),
        actor=office,
    )
    response = client.get(decision.url)
    assert "已撤销（2019年6月18日）：发生较大安全生产责任事故。" in _text(response.content.decode())
    assert reverse("honours:certificate", args=[honour.pk]) not in response.content.decode()


def test_the_commended_list_as_xlsx(rf, decision, office):
    honours = _honours(decision)
    revoked, formula = honours[0], honours[1]
    formula.name = '=HYPERLINK("http://example.com","点击")'
    formula.save()
    services.honour_revoke(
        honour=revoked, reason="撤销理由。", revoked_on=datetime.date(2019, 6, 18), actor=office
    )

    response = commendation_xlsx(rf.get("/"), page=decision)
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    rows = _workbook_rows(response.content)
    assert DOCUMENT_NUMBER in rows[0][0]
    assert rows[1] == ("序号", "荣誉称号", "名称或姓名", "性别", "工作单位", "推荐单位", "证书编号", "状态")
    body = rows[2:]
    assert [r[0] for r in body] == [1, 2, 3, 4]
    assert [r[6] for r in body] == [h.number for h in honours]
    assert [r[1] for r in body] == [h.honour_label for h in honours]
    assert [r[5] for r in body] == [h.unit_label for h in honours]
    assert body[0][7] == "已撤销（2019-06-18）：撤销理由。"
    assert body[2][7] == "有效"
    assert body[1][2] == "'" + formula.name  # stays text, never a formula
    person_row = next(r for r, h in zip(body, honours, strict=True) if h.is_individual)
    person = next(h for h in honours if h.is_individual)
    assert person_row[2:5] == (person.name, person.get_gender_display(), person.workplace)
    collective_row = next(r for r, h in zip(body, honours, strict=True) if not h.is_individual)
    assert collective_row[3] is None and collective_row[4] is None
    nominee = person.nomination.nominee
    cells = {str(value) for row in rows for value in row if value is not None}
    assert not any(nominee.id_number in c or nominee.mobile in c for c in cells)


def test_no_xlsx_before_publication_or_after_unpublishing(rf, draft, office):
    with pytest.raises(Http404):
        commendation_xlsx(rf.get("/"), page=draft)
    decision = services.commendation_publish(page=draft, actor=office)
    assert commendation_xlsx(rf.get("/"), page=decision).status_code == 200
    decision.unpublish(user=office)
    decision.refresh_from_db()
    with pytest.raises(Http404):
        commendation_xlsx(rf.get("/"), page=decision)
    with pytest.raises(Http404):
        commendation_xlsx(rf.post("/"), page=draft)


def test_the_xlsx_is_served_at_the_pages_route(client, decision):
    response = client.get(decision.url + decision.reverse_subpage("list_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
