"""The online objection form of a notice: who may object to what, with which proof, how
often; the captcha is the real one (its answer read from CaptchaStore)."""

import io
import re

import pytest
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from campaigns.enums import BrandKind
from honours.forms.public import normalise_contact, normalise_name
from honours.models import NoticeEntry, NoticePage, Objection
from nominations.enums import State
from nominations.models import Nomination
from portal import uploads

REASONS = "该村2018年发生过一起故意伤害案件，群众反映较多，请组织核实。"


@pytest.fixture(autouse=True)
def _clear_cache():
    """The rate limit counts in the cache: every test starts from nothing."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor():
    """A client that checks CSRF tokens as a visitor's requests are checked."""
    return Client(enforce_csrf_checks=True)


def _url(notice) -> str:
    return notice.url + notice.reverse_subpage("objection")


def _hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def _form_tokens(client, notice, ip: str = "203.0.113.7") -> dict:
    """GET the form; return its CSRF token and the captcha's key with the right answer."""
    response = client.get(_url(notice), REMOTE_ADDR=ip)
    assert response.status_code == 200
    html = response.content.decode()
    key = _hidden(html, "captcha_0")
    return {
        "csrfmiddlewaretoken": _hidden(html, "csrfmiddlewaretoken"),
        "captcha_0": key,
        "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
    }


def _submit(client, notice, ip: str = "203.0.113.7", **fields):
    entry = fields.pop("entry", None) or notice.entries.order_by("sort_order").first()
    data = {
        **_form_tokens(client, notice, ip),
        "name": "王小明",
        "contact": "139 1234 5678",
        "entry": entry.pk,
        "reasons": REASONS,
        **fields,
    }
    return client.post(_url(notice), data, REMOTE_ADDR=ip)


def _png(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _pdf(name: str = "proof.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")


# --- filing --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_objection_is_filed_with_who_what_and_the_address(visitor, notice):
    entry = notice.entries.get(kind=BrandKind.INDIVIDUAL)
    response = _submit(visitor, notice, entry=entry, name=" 王小明 ", ip="198.51.100.23")
    assert response.status_code == 302
    assert response["Location"] == _url(notice)

    objection = Objection.objects.get(notice=notice)
    assert objection.entry == entry
    assert objection.name == "王小明"
    assert objection.contact == "13912345678"
    assert objection.reasons == REASONS
    assert objection.ip_address == "198.51.100.23"
    assert not objection.attachment
    assert objection.finding == "pending"

    thanks = visitor.get(response["Location"]).content.decode()
    assert "异议已提交" in thanks
    assert f"对“{entry.name}”提出的异议已收到" in thanks
    assert "市综治办" in thanks
    assert "<form" not in thanks
    # The thanks are said once; the page then offers the form again.
    assert 'name="captcha_0"' in visitor.get(_url(notice)).content.decode()


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused(visitor, notice):
    data = _form_tokens(visitor, notice)
    data.pop("csrfmiddlewaretoken")
    data.update(name="王小明", contact="13912345678", entry=notice.entries.first().pk, reasons=REASONS)
    assert visitor.post(_url(notice), data).status_code == 403
    assert not Objection.objects.exists()


@pytest.mark.django_db
def test_a_document_or_a_photo_may_be_attached(visitor, notice, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    assert _submit(visitor, notice, attachment=_pdf()).status_code == 302
    visitor.get(_url(notice))  # the thanks
    assert _submit(visitor, notice, attachment=_png("现场照片.jpg")).status_code == 302  # a PNG called .jpg
    first, second = Objection.objects.filter(notice=notice).order_by("id")
    assert first.attachment_name == "proof.pdf"
    with first.attachment.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")
    assert second.attachment_name == "现场照片.jpg"


@pytest.mark.django_db
def test_a_bad_attachment_is_refused_in_chinese(visitor, notice):
    fake = SimpleUploadedFile("proof.pdf", b"MZ\x90\x00 not a document at all", "application/pdf")
    response = _submit(visitor, notice, attachment=fake)
    assert response.status_code == 200
    assert uploads.DOCUMENT_UNKNOWN in response.content.decode()
    assert not Objection.objects.exists()


@pytest.mark.django_db
def test_a_heic_photo_gets_the_hint_to_convert_it(visitor, notice):
    heic = SimpleUploadedFile("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64, "image/heic")
    html = _submit(visitor, notice, attachment=heic).content.decode()
    assert "HEIC格式照片请先转换为JPG" in html
    assert not Objection.objects.exists()


@pytest.mark.django_db
def test_a_wrong_captcha_is_refused_and_the_form_kept(visitor, notice):
    response = _submit(visitor, notice, captcha_1="zzzz")
    assert response.status_code == 200
    html = response.content.decode()
    assert "验证码不正确" in html
    assert REASONS in html  # what was typed is kept
    assert not Objection.objects.exists()


@pytest.mark.django_db
def test_a_captcha_answers_once(visitor, notice):
    data = {
        **_form_tokens(visitor, notice),
        "name": "王小明",
        "contact": "13912345678",
        "entry": notice.entries.first().pk,
        "reasons": REASONS,
    }
    assert visitor.post(_url(notice), data).status_code == 302
    assert "验证码不正确" in visitor.post(_url(notice), data).content.decode()
    assert Objection.objects.count() == 1


@pytest.mark.django_db
def test_an_entry_of_another_notice_is_refused(visitor, notice, demo):
    other = NoticePage(title="另一公示", slug="another-notice", starts_on=notice.starts_on, live=False)
    demo.add_child(instance=other)
    nomination = Nomination.objects.exclude(notice_entries__isnull=False).select_related("nominee").first()
    foreign = NoticeEntry(notice=other, nomination=nomination)
    foreign.copy_from(nomination)
    foreign.save()

    response = _submit(visitor, notice, entry=foreign)
    assert response.status_code == 200
    assert "所选对象不在本次公示名单中" in response.content.decode()
    assert not Objection.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "必需字段"),
        ("name", "12345", "真实姓名"),
        ("contact", "12345", "带区号的固定电话"),
        ("reasons", "有问题", "至少10个字"),
    ],
)
def test_what_the_sender_types_is_checked(visitor, notice, field, value, message):
    response = _submit(visitor, notice, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Objection.objects.exists()


@pytest.mark.django_db
def test_an_objection_to_a_rejected_nomination_is_still_an_entry_of_the_notice(visitor, notice):
    """The select lists the notice as published; the office decides what an objection means."""
    entry = notice.entries.first()
    Nomination.objects.filter(pk=entry.nomination_id).update(state=State.REJECTED)
    assert _submit(visitor, notice, entry=entry).status_code == 302


# --- the form ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_select_lists_this_notices_entries_by_brand_and_preselects_one(client, notice):
    entries = list(notice.entries.select_related("brand", "sector", "county", "department"))
    chosen = entries[2]
    html = client.get(_url(notice), {"entry": chosen.pk}).content.decode()
    for entry in entries:
        assert f'<optgroup label="{entry.honour_label}">' in html
        assert f"{entry.name} · {entry.unit_label}</option>" in html
    assert re.search(rf'<option value="{chosen.pk}" selected>', html)
    assert html.count("<option") == len(entries) + 1  # and the empty choice


@pytest.mark.django_db
def test_the_captcha_is_an_image_with_chinese_text(client, notice):
    html = client.get(_url(notice)).content.decode()
    key = _hidden(html, "captcha_0")
    assert 'alt="验证码图片"' in html
    assert 'alt="captcha"' not in html
    src = re.search(r'<img class="captcha__image" src="([^"]+)"', html).group(1)
    assert key in src
    image = client.get(src)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"


@pytest.mark.django_db
def test_a_new_captcha_keeps_what_was_typed_and_files_nothing(visitor, notice):
    tokens = _form_tokens(visitor, notice)
    entry = notice.entries.order_by("sort_order").last()
    response = visitor.post(
        _url(notice),
        {
            **tokens,
            "captcha_1": "",
            "captcha_refresh": "1",
            "name": "王小明",
            "entry": entry.pk,
            "reasons": REASONS,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert _hidden(html, "captcha_0") != tokens["captcha_0"]
    assert 'value="王小明"' in html
    assert REASONS in html
    assert re.search(rf'<option value="{entry.pk}" selected>', html)
    assert "验证码不正确" not in html and "必填" not in html
    assert not Objection.objects.exists()


# --- the rate limit -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sixth_post_within_the_hour_gets_429(visitor, notice, settings):
    assert settings.OBJECTION_RATE == "5/h"
    for _ in range(5):
        assert _submit(visitor, notice, ip="192.0.2.10", captcha_1="zzzz").status_code == 200
    response = _submit(visitor, notice, ip="192.0.2.10")
    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁" in html
    assert "<form" not in html
    assert not Objection.objects.exists()
    # Another address is not held up.
    assert _submit(visitor, notice, ip="192.0.2.11").status_code == 302


@pytest.mark.django_db
def test_asking_for_a_new_captcha_does_not_count(visitor, notice):
    for _ in range(8):
        tokens = _form_tokens(visitor, notice)
        response = visitor.post(_url(notice), {**tokens, "captcha_refresh": "1"}, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
    assert _submit(visitor, notice).status_code == 302


@pytest.mark.django_db
def test_reading_the_form_does_not_count(client, notice):
    for _ in range(8):
        assert client.get(_url(notice), REMOTE_ADDR="203.0.113.7").status_code == 200
    assert _submit(Client(), notice).status_code == 302


# --- contacts and names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13912345678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("+86 139-1234-5678", "13912345678"),
        ("１３９１２３４５６７８", "13912345678"),
        ("0914-2313456", "0914-2313456"),
        ("0914 2313456", "0914-2313456"),
        ("09142313456", "0914-2313456"),
        ("（0914）2313456", "0914-2313456"),
        ("0914－2313456转801", "0914-2313456-801"),
        ("010-62345678", "010-62345678"),
        ("wang@example.cn", "wang@example.cn"),
    ],
)
def test_contacts_people_type_are_accepted(typed, stored):
    assert normalise_contact(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "2313456",
        "1391234567",
        "23912345678",
        "0914-123",
        "wang@",
        "wang@example",
        "电话13912345678",
    ],
)
def test_what_is_not_a_contact_is_refused(typed):
    with pytest.raises(ValidationError):
        normalise_contact(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("王小明", "王小明"),
        (" 欧阳 明 ", "欧阳明"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("Li Ming", "Li Ming"),
    ],
)
def test_real_names_are_accepted(typed, stored):
    assert normalise_name(typed) == stored


@pytest.mark.parametrize("typed", ["王", "王2", "匿名!", "13912345678", "·"])
def test_what_is_not_a_name_is_refused(typed):
    with pytest.raises(ValidationError):
        normalise_name(typed)
