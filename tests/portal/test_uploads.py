import contextlib
import io
import random
import struct
import warnings
import zipfile
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from openpyxl import Workbook
from PIL import Image

from portal.uploads import upload_limits_text, validate_document, validate_image

MB = 1024 * 1024


# --- builders -----------------------------------------------------------------------


def image_bytes(fmt: str, size=(16, 12), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def noisy_png(size=(64, 64)) -> bytes:
    """A PNG that does not compress well (so it has some size)."""
    image = Image.frombytes("RGB", size, random.Random(1).randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """Signature, IHDR and IEND: a tiny file declaring any dimensions."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{content_type}"/>'
    "</Types>"
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def package(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(*, content_type=DOCX_MAIN, with_main_part=True) -> bytes:
    members = {
        "[Content_Types].xml": CONTENT_TYPES.format(part="word/document.xml", content_type=content_type),
        "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
    }
    if with_main_part:
        members["word/document.xml"] = '<?xml version="1.0"?><w:document/>'
    return package(members)


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "商州区"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def compound_file(tree: dict, *, reverse_directory=False) -> bytes:
    """A minimal OLE2 compound file (version 3, 512-byte sectors) with empty streams.

    `tree` maps names to None (a stream) or to a dict (a storage and its children).
    Sector 0 holds the FAT, the directory follows; with `reverse_directory` its
    sectors are chained last to first, so only a reader that follows the FAT reads
    them in the right order.
    """
    nostream, endofchain, fatsect, freesect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    entries = [{"name": "Root Entry", "type": 5, "left": nostream, "right": nostream, "child": nostream}]

    def add(children: dict) -> int:
        ids = []
        for name, sub in children.items():
            entry = {"name": name, "type": 2 if sub is None else 1, "left": nostream, "right": nostream}
            entry["child"] = nostream
            entries.append(entry)
            ids.append(len(entries) - 1)
            if sub:
                entry["child"] = add(sub)
        for this, following in zip(ids, ids[1:], strict=False):
            entries[this]["right"] = following
        return ids[0] if ids else nostream

    entries[0]["child"] = add(tree)

    def pack(entry) -> bytes:
        name = entry["name"].encode("utf-16-le")
        return (
            name.ljust(64, b"\0")
            + struct.pack("<HBB", len(name) + 2, entry["type"], 1)
            + struct.pack("<III", entry["left"], entry["right"], entry["child"])
            + bytes(16 + 4 + 8 + 8)
            + struct.pack("<IQ", endofchain, 0)
        )

    while len(entries) % 4:
        entries.append(None)
    blank = bytes(64) + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", nostream, nostream, nostream)
    blank += bytes(128 - len(blank))
    packed = [pack(e) if e else blank for e in entries]
    directory = [b"".join(packed[i : i + 4]) for i in range(0, len(packed), 4)]
    sectors_of = list(range(1, len(directory) + 1))
    if reverse_directory:
        sectors_of.reverse()
    fat = [freesect] * 128
    fat[0] = fatsect
    for position, sector in enumerate(sectors_of):
        fat[sector] = sectors_of[position + 1] if position + 1 < len(sectors_of) else endofchain
    body = [b""] * (len(directory) + 1)
    body[0] = struct.pack("<128I", *fat)
    for data, sector in zip(directory, sectors_of, strict=True):
        body[sector] = data
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, sectors_of[0], 0, 4096, endofchain, 0, endofchain, 0)
        + struct.pack("<109I", 0, *([freesect] * 108))
    )
    assert len(header) == 512
    return header + b"".join(body)


WORD_97 = {"WordDocument": None, "1Table": None, "\x05SummaryInformation": None, "CompObj": None}
EXCEL_97 = {"Workbook": None, "\x05SummaryInformation": None}


def refusal(validator, file) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validator(file)
    return info.value


# --- images -------------------------------------------------------------------------


def test_a_small_png_passes():
    assert validate_image(upload("photo.png", image_bytes("PNG"))) == "PNG"


@pytest.mark.parametrize(("fmt", "expected"), [("JPEG", "JPEG"), ("WEBP", "WEBP")])
def test_jpeg_and_webp_pass(fmt, expected):
    assert validate_image(upload("photo", image_bytes(fmt))) == expected


def test_a_jpeg_named_png_is_fine_because_content_counts():
    assert validate_image(upload("photo.png", image_bytes("JPEG"))) == "JPEG"


def test_a_camera_mpo_counts_as_jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, "MPO", save_all=True, append_images=[Image.new("RGB", (16, 16))])
    assert validate_image(upload("IMG_0001.JPG", buffer.getvalue())) == "JPEG"


def test_a_text_file_named_jpg_is_refused():
    error = refusal(validate_image, upload("photo.jpg", "这不是图片".encode()))
    assert error.code == "image_unreadable"
    assert error.messages == ["无法识别的图片文件，请上传JPG、PNG或WebP格式。"]


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_images_in_other_formats_are_refused(fmt):
    error = refusal(validate_image, upload(f"photo.{fmt.lower()}", image_bytes(fmt)))
    assert error.code == "image_unreadable"


def test_heic_gets_a_hint():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
    error = refusal(validate_image, upload("IMG_0001.HEIC", heic))
    assert "HEIC" in error.messages[0]
    assert "HEIC" not in refusal(validate_image, upload("a.jpg", bytes(64))).messages[0]


def test_a_truncated_png_is_refused():
    data = noisy_png()
    assert refusal(validate_image, upload("photo.png", data[: len(data) // 2])).code == "image_unreadable"


def test_a_png_with_a_corrupted_chunk_is_refused_by_verify():
    data = bytearray(noisy_png())
    idat = data.index(b"IDAT")
    data[idat + 20] ^= 0xFF  # the chunk's CRC no longer matches
    Image.open(io.BytesIO(bytes(data)))  # the header alone still reads
    assert refusal(validate_image, upload("photo.png", bytes(data))).code == "image_unreadable"


def test_empty_image_is_refused():
    assert refusal(validate_image, upload("photo.png", b"")).messages == ["文件是空的。"]


def test_image_over_the_byte_limit_is_refused(settings):
    data = noisy_png()
    settings.UPLOAD_IMAGE_MAX_BYTES = len(data)
    validate_image(upload("photo.png", data))
    settings.UPLOAD_IMAGE_MAX_BYTES = len(data) - 1
    error = refusal(validate_image, upload("photo.png", data))
    assert error.code == "image_too_large"


def test_the_default_byte_limit_is_10_mb(settings):
    del settings.UPLOAD_IMAGE_MAX_BYTES
    png = image_bytes("PNG")  # Pillow ignores what follows the image's end
    error = refusal(validate_image, upload("photo.png", png + bytes(10 * MB + 1 - len(png))))
    assert error.messages[0].startswith("图片不能超过10 MB")
    assert validate_image(upload("photo.png", png + bytes(10 * MB - len(png)))) == "PNG"


def test_the_declared_size_is_not_trusted(settings):
    settings.UPLOAD_IMAGE_MAX_BYTES = 10_000
    data = noisy_png()
    assert len(data) > 10_000
    file = upload("photo.png", data)
    file.size = 10
    assert refusal(validate_image, file).code == "image_too_large"


def test_image_over_the_pixel_limit_is_refused(settings):
    settings.UPLOAD_IMAGE_MAX_PIXELS = 16 * 12
    validate_image(upload("photo.png", image_bytes("PNG", (16, 12))))
    error = refusal(validate_image, upload("photo.png", image_bytes("PNG", (17, 12))))
    assert error.code == "image_too_many_pixels"
    assert error.messages == ["图片尺寸过大（最多192像素）。"]


def test_the_default_pixel_limit_is_40_megapixels(settings):
    del settings.UPLOAD_IMAGE_MAX_PIXELS
    error = refusal(validate_image, upload("photo.png", png_header_only(8000, 5001)))
    assert error.messages == ["图片尺寸过大（最多4000万像素）。"]


@pytest.mark.parametrize("side", [10_000, 20_000])  # Pillow's warning (>89 MP), its error (>179 MP)
def test_decompression_bombs_are_refused_even_where_warnings_are_ignored(settings, side):
    settings.UPLOAD_IMAGE_MAX_PIXELS = 10**9  # only Pillow's own limit applies
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        error = refusal(validate_image, upload("bomb.png", png_header_only(side, side)))
    assert error.code == "image_too_many_pixels"


def test_image_validator_rewinds_the_file():
    file = upload("photo.png", image_bytes("PNG"))
    file.read(5)
    validate_image(file)
    assert file.tell() == 0
    bad = upload("photo.jpg", b"not an image")
    refusal(validate_image, bad)
    assert bad.tell() == 0


def test_image_validator_in_a_form():
    class Form(forms.Form):
        photo = forms.FileField(validators=[validate_image])

    assert Form({}, {"photo": upload("a.png", image_bytes("PNG"))}).is_valid()
    form = Form({}, {"photo": upload("a.jpg", b"GIF89a not really")})
    assert not form.is_valid()
    assert form.errors["photo"] == ["无法识别的图片文件，请上传JPG、PNG或WebP格式。"]


# --- documents: accepted ------------------------------------------------------------


def test_a_minimal_pdf_passes():
    assert validate_document(upload("申报材料.pdf", MINIMAL_PDF)) == "pdf"


def test_the_extension_is_case_insensitive():
    assert validate_document(upload("SCAN.PDF", MINIMAL_PDF)) == "pdf"


def test_a_docx_built_with_zipfile_passes():
    assert validate_document(upload("事迹材料.docx", docx_bytes())) == "docx"


def test_an_xlsx_from_openpyxl_passes():
    assert validate_document(upload("名单.xlsx", xlsx_bytes())) == "xlsx"


def test_a_pptx_passes():
    data = package(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(part="ppt/presentation.xml", content_type=PPTX_MAIN),
            "ppt/presentation.xml": "<p:presentation/>",
        }
    )
    assert validate_document(upload("汇报.pptx", data)) == "pptx"


def test_a_legacy_doc_passes():
    assert validate_document(upload("材料.doc", compound_file(WORD_97))) == "doc"


def test_a_legacy_xls_passes():
    assert validate_document(upload("名单.xls", compound_file(EXCEL_97))) == "xls"
    assert validate_document(upload("名单95.xls", compound_file({"Book": None}))) == "xls"


def test_a_doc_whose_directory_spans_sectors_out_of_order_passes():
    streams = {f"Stream{i}": None for i in range(9)} | {"WordDocument": None}
    assert validate_document(upload("材料.doc", compound_file(streams, reverse_directory=True))) == "doc"


@pytest.mark.parametrize(
    ("name", "fmt", "expected"), [("扫描件.jpg", "JPEG", "jpeg"), ("扫描件.png", "PNG", "png")]
)
def test_scans_pass_as_documents(name, fmt, expected):
    assert validate_document(upload(name, image_bytes(fmt))) == expected


def test_a_document_on_disk_passes():
    file = TemporaryUploadedFile("材料.docx", "application/octet-stream", 0, None)
    file.write(docx_bytes())
    file.seek(0)
    with file:
        assert validate_document(file) == "docx"


# --- documents: refused -------------------------------------------------------------


def test_a_zip_renamed_docx_without_the_main_part_is_refused():
    error = refusal(validate_document, upload("材料.docx", docx_bytes(with_main_part=False)))
    assert error.code == "document_unknown"
    assert "PDF" in error.messages[0] and "Word" in error.messages[0]


def test_a_plain_zip_renamed_docx_is_refused():
    data = package({"word/document.xml": "<w:document/>", "readme.txt": "hello"})
    assert refusal(validate_document, upload("材料.docx", data)).code == "document_unknown"


def test_a_macro_enabled_document_renamed_docx_is_refused():
    error = refusal(validate_document, upload("材料.docx", docx_bytes(content_type=DOCM_MAIN)))
    assert error.code == "document_macros"


def test_content_types_declaring_entities_are_refused():
    evil = '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY e "x">]><Types>&e;</Types>'
    data = package({"[Content_Types].xml": evil, "word/document.xml": "<w:document/>"})
    assert refusal(validate_document, upload("材料.docx", data)).code == "document_unknown"


def test_a_pdf_that_is_really_a_zip_is_refused():
    error = refusal(validate_document, upload("材料.pdf", docx_bytes()))
    assert error.code == "document_extension_mismatch"
    assert "“.pdf”" in error.messages[0] and "Word文档" in error.messages[0]


def test_a_pdf_whose_content_is_a_png_is_refused():
    error = refusal(validate_document, upload("材料.pdf", image_bytes("PNG")))
    assert error.code == "document_extension_mismatch"
    assert "PNG图片" in error.messages[0]


def test_an_xlsx_named_docx_is_refused():
    assert refusal(validate_document, upload("材料.docx", xlsx_bytes())).code == "document_extension_mismatch"


def test_a_pdf_named_docx_is_refused():
    assert refusal(validate_document, upload("材料.docx", MINIMAL_PDF)).code == "document_extension_mismatch"


def test_a_file_without_extension_is_refused():
    error = refusal(validate_document, upload("材料", MINIMAL_PDF))
    assert error.code == "document_extension_mismatch"
    assert "（无）" in error.messages[0]


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200),  # a Windows executable
        bytes((i * 37 + 11) % 256 for i in range(4096)),  # random bytes
        "申报材料正文".encode(),  # plain text
        b"{\\rtf1\\ansi hello}",  # RTF, often named .doc
    ],
)
def test_unknown_content_is_refused_whatever_the_name(data):
    for name in ("材料.pdf", "材料.doc", "材料.exe"):
        error = refusal(validate_document, upload(name, data))
        assert error.code == "document_unknown"
        assert "PDF" in error.messages[0] and "Excel" in error.messages[0]


def test_an_excel_file_named_doc_is_refused():
    error = refusal(validate_document, upload("材料.doc", compound_file(EXCEL_97)))
    assert error.code == "document_extension_mismatch"


def test_only_streams_at_the_root_decide_the_type():
    # An Excel workbook with an embedded Word document is still an Excel workbook.
    tree = EXCEL_97 | {"ObjectPool": {"_1234": {"WordDocument": None}}}
    assert validate_document(upload("名单.xls", compound_file(tree))) == "xls"
    assert (
        refusal(validate_document, upload("名单.doc", compound_file(tree))).code
        == "document_extension_mismatch"
    )


def test_other_ole2_files_are_refused():
    # PowerPoint 97-2003, and an MSI installer's kind of streams
    for tree in ({"PowerPoint Document": None, "Current User": None}, {"\u4840\u3f3f": None}):
        error = refusal(validate_document, upload("材料.doc", compound_file(tree)))
        assert error.code == "document_unknown"


def test_password_protected_office_files_are_refused():
    tree = {"EncryptedPackage": None, "EncryptionInfo": None}
    error = refusal(validate_document, upload("材料.docx", compound_file(tree)))
    assert error.code == "document_encrypted"


@pytest.mark.parametrize("cut", [8, 300, 512, 700])
def test_a_truncated_ole2_file_is_refused(cut):
    data = compound_file(WORD_97)[:cut]
    assert refusal(validate_document, upload("材料.doc", data)).code == "document_damaged"


def test_an_ole2_directory_chain_that_loops_is_refused():
    data = bytearray(compound_file(WORD_97))
    struct.pack_into("<I", data, 512 + 4, 1)  # FAT: directory sector 1 is followed by itself
    assert refusal(validate_document, upload("材料.doc", bytes(data))).code == "document_damaged"


def test_a_corrupt_scan_is_refused():
    data = image_bytes("PNG")
    assert refusal(validate_document, upload("扫描件.png", data[:40])).code == "image_unreadable"


def test_a_scan_over_the_pixel_limit_is_refused(settings):
    settings.UPLOAD_IMAGE_MAX_PIXELS = 100
    error = refusal(validate_document, upload("扫描件.png", image_bytes("PNG", (11, 10))))
    assert error.code == "image_too_many_pixels"


def test_empty_document_is_refused():
    assert refusal(validate_document, upload("材料.pdf", b"")).code == "empty"


def test_document_over_the_byte_limit_is_refused(settings):
    settings.UPLOAD_DOCUMENT_MAX_BYTES = len(MINIMAL_PDF)
    validate_document(upload("材料.pdf", MINIMAL_PDF))
    settings.UPLOAD_DOCUMENT_MAX_BYTES = 100
    error = refusal(validate_document, upload("材料.pdf", MINIMAL_PDF))
    assert error.code == "document_too_large"
    assert error.messages[0].startswith("附件不能超过100 字节")


def test_the_default_document_limit_is_20_mb(settings):
    del settings.UPLOAD_DOCUMENT_MAX_BYTES
    too_big = upload("材料.pdf", MINIMAL_PDF + bytes(20 * MB + 1 - len(MINIMAL_PDF)))
    assert refusal(validate_document, too_big).messages[0].startswith("附件不能超过20 MB")
    assert validate_document(upload("材料.pdf", MINIMAL_PDF + bytes(20 * MB - len(MINIMAL_PDF)))) == "pdf"


def test_document_validator_rewinds_the_file():
    for data in (MINIMAL_PDF, docx_bytes(), compound_file(WORD_97), b"junk"):
        file = upload("材料.docx", data)
        file.read(3)
        with contextlib.suppress(ValidationError):
            validate_document(file)
        assert file.tell() == 0


def test_document_validator_in_a_form():
    class Form(forms.Form):
        attachment = forms.FileField(validators=[validate_document])

    assert Form({}, {"attachment": upload("a.pdf", MINIMAL_PDF)}).is_valid()
    form = Form({}, {"attachment": upload("a.pdf", docx_bytes())})
    assert not form.is_valid()
    assert "与文件内容不符" in form.errors["attachment"][0]


# --- limits text --------------------------------------------------------------------


def test_upload_limits_text_defaults(settings):
    del settings.UPLOAD_IMAGE_MAX_BYTES
    del settings.UPLOAD_DOCUMENT_MAX_BYTES
    assert upload_limits_text() == (
        "照片：JPG/PNG/WebP，每张不超过10 MB；"
        "附件：PDF、Word、Excel、PowerPoint或JPG/PNG扫描件，每个不超过20 MB"
    )


def test_upload_limits_text_follows_the_settings(settings):
    settings.UPLOAD_IMAGE_MAX_BYTES = 5 * MB
    settings.UPLOAD_DOCUMENT_MAX_BYTES = 512 * 1024
    text = upload_limits_text()
    assert "每张不超过5 MB" in text and "每个不超过512 KB" in text
