"""Certificates (荣誉证书): a PDF per honour with the right Chinese text and nothing private;
only for a published decision (404), gone once revoked (410)."""

import datetime
import io
import re
from urllib.parse import quote

import pypdf
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.html import strip_tags
from fpdf import FPDF

from honours import certificates, services
from honours.certificates import _NO_END, _NO_START, chinese_date, wrap

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    return "".join(reader.pages[0].extract_text().split())  # lines joined: a title may wrap


def _url(honour) -> str:
    return reverse("honours:certificate", args=[honour.pk])


def test_an_individuals_certificate_has_name_title_number_and_nothing_private(client, decision):
    honour = decision.honours.select_related("brand").get(kind="individual")
    nominee = honour.nomination.nominee
    assert nominee.id_number and nominee.mobile
    response = client.get(_url(honour))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'inline; filename="certificate-{honour.pk}.pdf"; ')
    assert f"filename*=UTF-8''{quote(f'荣誉证书-{honour.number}-{honour.name}.pdf')}" in disposition
    text = _pdf_text(response.content)
    assert "荣誉证书" in text
    assert f"{honour.name}同志（{honour.workplace}）：" in text
    assert f"被评为2018年度平安商洛“{honour.brand.name}”。特发此证。" in text
    assert "中共商洛市委、商洛市人民政府" in text
    assert "二〇一八年十二月二十八日" in text
    assert f"证书编号：{honour.number}" in text
    assert honour.number.startswith("平安创建〔2018〕")
    assert nominee.id_number not in text and nominee.mobile not in text
    assert (
        nominee.id_number.encode() not in response.content and nominee.mobile.encode() not in response.content
    )


def test_a_collectives_certificate_names_its_unit(client, decision):
    honour = (
        decision.honours.select_related("brand", "county")
        .filter(kind="collective", brand__isnull=False)
        .first()
    )
    text = _pdf_text(client.get(_url(honour)).content)
    assert f"{honour.name}（{honour.county.name}）：" in text
    assert f"“{honour.brand.name}”" in text


def test_a_sectors_certificate_uses_the_sectors_brand(decision):
    honour = decision.honours.select_related("sector", "department", "city", "commendation").get(
        sector__isnull=False
    )
    text = certificates.certificate_text(honour)
    expected = honour.sector.brand_name or f"{honour.sector.name}领域平安创建先进单位"
    assert text.citation == f"被评为2018年度平安商洛“{expected}”。"
    assert text.addressee == f"{honour.name}（{honour.department.name}）："


def test_no_certificate_for_an_unpublished_decision_or_an_unknown_honour(client, decision, office):
    honour = decision.honours.first()
    assert client.get(_url(honour)).status_code == 200
    decision.unpublish(user=office)
    assert client.get(_url(honour)).status_code == 404
    assert client.get(reverse("honours:certificate", args=[999999])).status_code == 404


def test_a_revoked_certificate_is_gone_with_date_and_reason(client, decision, office):
    honour = decision.honours.first()
    services.honour_revoke(
        honour=honour,
        reason="发生较大安全生产责任事故。",
        revoked_on=datetime.date(2019, 6, 18),
        actor=office,
    )
    response = client.get(_url(honour))
    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    text = re.sub(r"\s+", "", strip_tags(response.content.decode()))
    assert "已于2019年6月18日撤销" in text
    assert "撤销理由：发生较大安全生产责任事故。" in text


def test_only_get_and_head(client, decision):
    honour = decision.honours.first()
    assert client.head(_url(honour)).status_code == 200
    assert client.post(_url(honour)).status_code == 405


def test_a_missing_font_is_a_clear_configuration_error(decision, settings):
    honour = decision.honours.select_related(
        "brand", "sector", "county", "department", "city", "commendation"
    ).first()
    settings.CERTIFICATE_FONT = "/nonexistent/ukai.ttc"
    with pytest.raises(ImproperlyConfigured, match="make fonts"):
        certificates.certificate_pdf(honour)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2018, 12, 28), "二〇一八年十二月二十八日"),
        (datetime.date(2019, 6, 10), "二〇一九年六月十日"),
        (datetime.date(2020, 1, 1), "二〇二〇年一月一日"),
        (datetime.date(2021, 11, 30), "二〇二一年十一月三十日"),
    ],
)
def test_dates_are_written_in_chinese_numerals(day, expected):
    assert chinese_date(day) == expected


def test_lines_break_between_characters_but_keep_punctuation_and_numbers(settings):
    pdf = FPDF(orientation="L", format="A4")
    pdf.add_font("kai", "", settings.CERTIFICATE_FONT, collection_font_number=0)
    pdf.set_font("kai", size=24)
    text = "被评为2018年度平安商洛“优秀治安中心户长（网格员）”。特发此证。"
    broke = False
    for width in range(60, 240, 2):  # 7 characters a line and more
        lines = wrap(pdf, text, width, first_indent=17)
        assert "".join(lines) == text
        broke = broke or len(lines) > 1
        for before, after in zip(lines, lines[1:], strict=False):
            assert after[0] not in _NO_START, (width, lines)
            assert before[-1] not in _NO_END, (width, lines)
            assert not (before[-1].isdigit() and after[0].isdigit()), (width, lines)
        assert all(pdf.get_string_width(line) <= width + 0.01 for line in lines[1:] if len(line) > 2)
    assert broke
    for font in pdf.fonts.values():
        font.ttfont.close()  # fontTools keeps the font file open until closed
