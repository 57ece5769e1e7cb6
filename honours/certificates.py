"""The certificate (荣誉证书) of one honour: a landscape A4 PDF drawn with fpdf2.

The text is set in the TrueType CJK font `settings.CERTIFICATE_FONT` (AR PL UKai, a
楷体, from Debian's fonts-arphic-ukai: `make fonts`); fpdf2 embeds only the glyphs used,
so a certificate weighs a few kilobytes. It reads the honour's public snapshot only
(DOMAIN.md §4: never the nominee's ID number or phone).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from fpdf import FPDF
from fpdf.enums import Align, TextMode, XPos, YPos

from campaigns.excel.common import short_city_name
from honours.models import Honour

FONT = "certificate"
RED = (179, 19, 27)
GOLD = (200, 150, 30)
INK = (31, 35, 41)
GREY = (110, 118, 130)
PAPER = (255, 252, 243)

PAGE_W, PAGE_H = 297, 210  # mm, A4 landscape
BODY_LEFT, BODY_RIGHT = 48, 249
BODY_TOP, BODY_BOTTOM = 82, 152
BODY_SIZES = (24, 22, 20, 18, 16, 14, 12)  # pt: the first that fits
ISSUER_TOP = 148

_DIGITS = "〇一二三四五六七八九"


def chinese_date(day: datetime.date) -> str:
    """2018-12-28 → 二〇一八年十二月二十八日, as dates are written on certificates."""

    def number(n: int) -> str:
        tens, units = divmod(n, 10)
        if tens == 0:
            return _DIGITS[units]
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + ("" if units == 0 else _DIGITS[units])

    year = "".join(_DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{number(day.month)}月{number(day.day)}日"


def honour_title(honour: Honour) -> str:
    """The title conferred: the brand, or the sector's brand; a sector whose department has
    not yet named its brand (自定品牌) gets the sector's generic title."""
    if honour.brand_id:
        return honour.brand.name
    if honour.sector.brand_name:
        return honour.sector.brand_name
    return f"{honour.sector.name}领域平安创建先进单位"


@dataclass(frozen=True)
class CertificateText:
    addressee: str
    citation: str
    issuer: str
    date: str
    number: str
    title: str = "荣誉证书"
    closing: str = "特发此证。"


def certificate_text(honour: Honour) -> CertificateText:
    """The words of the certificate: `honour` with brand/sector, county/department,
    city and commendation loaded."""
    if honour.is_individual:
        addressee = f"{honour.name}同志" + (f"（{honour.workplace}）" if honour.workplace else "")
    else:
        addressee = f"{honour.name}（{honour.unit_label}）"
    city = short_city_name(honour.city.name)
    return CertificateText(
        addressee=f"{addressee}：",
        citation=f"被评为{honour.year}年度平安{city}“{honour_title(honour)}”。",
        issuer=honour.commendation.issuing_bodies,
        date=chinese_date(honour.conferred_on),
        number=honour.number,
    )


def font_path() -> Path:
    path = Path(settings.CERTIFICATE_FONT)
    if not path.is_file():
        raise ImproperlyConfigured(
            f"CERTIFICATE_FONT {path} does not exist: run `make fonts` (Debian package fonts-arphic-ukai)."
        )
    return path


def certificate_filename(honour: Honour) -> str:
    return f"荣誉证书-{honour.number}-{honour.name}.pdf".replace("/", "-").replace("\\", "-")


def certificate_pdf(honour: Honour) -> bytes:
    text = certificate_text(honour)
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    path = font_path()
    pdf.add_font(FONT, "", path, collection_font_number=0)
    pdf.set_lang("zh-CN")
    pdf.set_title(f"{text.title} {text.number}")
    pdf.set_author(text.issuer)
    pdf.set_subject(f"{honour.name} {honour_title(honour)}")
    pdf.set_creator(settings.WAGTAIL_SITE_NAME)
    pdf.set_producer(settings.WAGTAIL_SITE_NAME)
    pdf.set_creation_date(datetime.datetime.combine(honour.conferred_on, datetime.time(), datetime.UTC))
    pdf.add_page()
    _frame(pdf)

    # title, letter-spaced
    pdf.set_font(FONT, size=48)
    pdf.set_text_color(*RED)
    pdf.set_char_spacing(18)
    # the 楷体 has no bold face: stroke the outlines to thicken them
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.35)
    with pdf.local_context(text_mode=TextMode.FILL_STROKE):
        pdf.set_xy(0, 38)
        pdf.cell(PAGE_W, 22, text.title, align=Align.C)
    pdf.set_char_spacing(0)

    # body: addressee flush left, then the citation and closing indented by two characters;
    # a long name or workplace makes the type smaller rather than run into the signature
    paragraphs = (text.addressee, text.citation, text.closing)
    for size in BODY_SIZES:
        pdf.set_font(FONT, size=size)
        indent = pdf.get_string_width("　　")
        width = BODY_RIGHT - BODY_LEFT
        lines = [
            (first and bool(i), line)
            for i, paragraph in enumerate(paragraphs)
            for first, line in _first_marked(wrap(pdf, paragraph, width, first_indent=indent if i else 0))
        ]
        line_height = size * 0.62  # mm: 1.75 times the type size
        if BODY_TOP + len(lines) * line_height <= BODY_BOTTOM:
            break
    pdf.set_text_color(*INK)
    y = BODY_TOP
    for indented, line in lines:
        pdf.set_xy(BODY_LEFT + (indent if indented else 0), y)
        pdf.cell(width, line_height, line)
        y += line_height

    # issuer and date, centred on each other at the lower right
    pdf.set_font(FONT, size=20)
    issuer_w = max(pdf.get_string_width(text.issuer), pdf.get_string_width(text.date)) + 4
    issuer_x = max(BODY_LEFT, min(BODY_RIGHT - issuer_w, 236 - issuer_w / 2))
    pdf.set_xy(issuer_x, max(ISSUER_TOP, y + 4))
    pdf.cell(issuer_w, 11, text.issuer, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.cell(issuer_w, 11, text.date, align=Align.C)

    # the number, small, at the lower left inside the frame
    pdf.set_font(FONT, size=12)
    pdf.set_text_color(*GREY)
    pdf.set_xy(BODY_LEFT, 178)
    pdf.cell(120, 8, f"证书编号：{text.number}")
    try:
        return bytes(pdf.output())
    finally:
        # fontTools reads the font lazily and keeps the file open until closed.
        for font in pdf.fonts.values():
            ttfont = getattr(font, "ttfont", None)
            if ttfont is not None:
                ttfont.close()


# No line may start with closing punctuation nor end with opening punctuation (禁则),
# and a number or Latin word stays whole.
_NO_START = set("，。、；：？！”’）》〕」』…—·%")
_NO_END = set("“‘（《〔「『")


def _first_marked(lines: list[str]):
    return [(i == 0, line) for i, line in enumerate(lines)]


def _may_break(before: str, after: str) -> bool:
    latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
    return not (after in _NO_START or before in _NO_END or latin)


def wrap(pdf: FPDF, text: str, width: float, *, first_indent: float = 0) -> list[str]:
    """`text` broken into lines of at most `width` mm in the current font, between any two
    characters (Chinese has no spaces), keeping punctuation with its word."""
    lines: list[str] = []
    line = ""
    available = width - first_indent
    for char in text:
        if line and pdf.get_string_width(line + char) > available:
            kept, carry = line, ""
            while kept and not _may_break(kept[-1], (carry + char)[0]):
                kept, carry = kept[:-1], kept[-1] + carry
            if not kept:  # nowhere to break by the rules: break here anyway
                kept, carry = line, ""
            lines.append(kept)
            line = carry
            available = width
        line += char
    if line:
        lines.append(line)
    return lines


def _frame(pdf: FPDF) -> None:
    """Paper tone, a red border with a thin gold rule inside, and corner marks."""
    pdf.set_fill_color(*PAPER)
    pdf.rect(0, 0, PAGE_W, PAGE_H, style="F")
    pdf.set_draw_color(*RED)
    pdf.set_line_width(3)
    pdf.rect(10, 10, PAGE_W - 20, PAGE_H - 20)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.6)
    pdf.rect(15, 15, PAGE_W - 30, PAGE_H - 30)
    pdf.set_line_width(0.3)
    pdf.rect(17, 17, PAGE_W - 34, PAGE_H - 34)
    pdf.set_fill_color(*GOLD)
    size = 5
    for x, y in (
        (15, 15),
        (PAGE_W - 15 - size, 15),
        (15, PAGE_H - 15 - size),
        (PAGE_W - 15 - size, PAGE_H - 15 - size),
    ):
        pdf.rect(x, y, size, size, style="F")
