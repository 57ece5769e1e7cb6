"""Checks for the files operators upload with nominations: photos and documents.

`validate_image` and `validate_document` are Django validators (pass them in a form
field's `validators`) and can be called directly; they raise `ValidationError` with a
message in Chinese, and return what they found (the image format, the document
type). Both judge the file by its content, never by its name or the browser's
content type; documents must also carry the extension that matches their content.

The limits are settings read at each call, so tests can override them:
UPLOAD_IMAGE_MAX_BYTES (10 MB), UPLOAD_IMAGE_MAX_PIXELS (40 megapixels) and
UPLOAD_DOCUMENT_MAX_BYTES (20 MB). `upload_limits_text()` says them to users.

Files may be Django `UploadedFile`s or any seekable binary file object; only what
is needed is read (a few header bytes, a zip's directory and its
`[Content_Types].xml`, an OLE2 file's directory), and the file is left at position 0.
"""

from __future__ import annotations

import os
import struct
import warnings
import zipfile
import zlib
from typing import IO

from defusedxml import ElementTree as SafeElementTree
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image

from portal.xlsx import format_size

DEFAULT_IMAGE_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_IMAGE_MAX_PIXELS = 40_000_000
DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

# Pillow format → what users call it. Cameras that store a second picture (MPO) are
# JPEGs to everyone else; Pillow's JPEG opener returns them as "MPO".
IMAGE_FORMATS = {"JPEG": "JPG", "MPO": "JPG", "PNG": "PNG", "WEBP": "WebP"}
_PILLOW_OPENERS = ("JPEG", "PNG", "WEBP")  # Pillow tries no other parser

IMAGE_UNREADABLE = "无法识别的图片文件，请上传JPG、PNG或WebP格式。"
HEIC_HINT = "（苹果手机的HEIC格式照片请先转换为JPG）"
FILE_EMPTY = "文件是空的。"
DOCUMENT_UNKNOWN = (
    "无法识别的附件类型，仅接受PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）、"
    "PowerPoint（.pptx）文件以及JPG/PNG扫描件。"
)
DOCUMENT_ENCRYPTED = "文件已设置密码，无法检查其内容，请取消密码保护后再上传。"
DOCUMENT_MACROS = "不接受含宏的Office文件（.docm/.xlsm/.pptm），请另存为.docx、.xlsx或.pptx后再上传。"
DOCUMENT_DAMAGED = "无法读取该文件，文件可能已损坏。"

# Document type → (how users call it, the extensions it may carry).
DOCUMENT_TYPES = {
    "pdf": ("PDF文件", (".pdf",)),
    "docx": ("Word文档", (".docx",)),
    "xlsx": ("Excel工作簿", (".xlsx",)),
    "pptx": ("PowerPoint演示文稿", (".pptx",)),
    "doc": ("Word 97-2003文档", (".doc",)),
    "xls": ("Excel 97-2003工作簿", (".xls",)),
    "jpeg": ("JPG图片", (".jpg", ".jpeg")),
    "png": ("PNG图片", (".png",)),
}

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis")

# OOXML: the content type of each accepted package's main part, as declared in
# [Content_Types].xml (the part itself must also be in the zip).
OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
CONTENT_TYPES_PART = "[Content_Types].xml"
CONTENT_TYPES_MAX_BYTES = 1024 * 1024

# OLE2 (compound file) special sector numbers and limits.
_MAXREGSECT = 0xFFFFFFFA
_ENDOFCHAIN = 0xFFFFFFFE
_NOSTREAM = 0xFFFFFFFF
_MAX_DIRECTORY_SECTORS = 1024


class _Unreadable(Exception):
    """A file whose structure could not be followed (internal)."""


def image_max_bytes() -> int:
    return getattr(settings, "UPLOAD_IMAGE_MAX_BYTES", DEFAULT_IMAGE_MAX_BYTES)


def image_max_pixels() -> int:
    return getattr(settings, "UPLOAD_IMAGE_MAX_PIXELS", DEFAULT_IMAGE_MAX_PIXELS)


def document_max_bytes() -> int:
    return getattr(settings, "UPLOAD_DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES)


def format_pixels(pixels: int) -> str:
    """40_000_000 → "4000万", 2_500_000 → "250万", 640 → "640"."""
    if pixels >= 10_000:
        return f"{pixels / 10_000:.1f}".removesuffix(".0") + "万"
    return str(pixels)


def upload_limits_text() -> str:
    """The limits, in one line for users (under an upload field)."""
    return (
        f"照片：JPG/PNG/WebP，每张不超过{format_size(image_max_bytes())}；"
        f"附件：PDF、Word、Excel、PowerPoint或JPG/PNG扫描件，每个不超过{format_size(document_max_bytes())}"
    )


# --- images -------------------------------------------------------------------------


def validate_image(file: IO[bytes]) -> str:
    """Refuse anything but a readable JPG, PNG or WebP within the byte and pixel limits.

    Returns the format ("JPEG", "PNG" or "WEBP"). The file's name is not looked at:
    a JPEG called .png is a fine photo.
    """
    max_bytes = image_max_bytes()
    try:
        size = _size(file)
        if size == 0:
            raise ValidationError(FILE_EMPTY, code="empty")
        if size > max_bytes:
            raise ValidationError(
                "图片不能超过%(max)s（此文件为%(size)s）。",
                code="image_too_large",
                params={"max": format_size(max_bytes), "size": format_size(size)},
            )
        unreadable = IMAGE_UNREADABLE + (HEIC_HINT if _is_heif(file) else "")
        return _check_image(file, max_pixels=image_max_pixels(), unreadable=unreadable)
    finally:
        file.seek(0)


def _check_image(file: IO[bytes], *, max_pixels: int, unreadable: str) -> str:
    """Open, verify and reopen with Pillow; return the format (MPO counted as JPEG).

    Pillow's own decompression-bomb check (Image.MAX_IMAGE_PIXELS, process-wide and
    also used by Wagtail) is left as it is; its warning is made an error here, so an
    image over it is refused even where warnings are only logged, and our lower limit
    is applied to the size the header declares, before any pixel is decoded.
    """
    too_many = ValidationError(
        "图片尺寸过大（最多%(max)s像素）。",
        code="image_too_many_pixels",
        params={"max": format_pixels(max_pixels)},
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file, formats=_PILLOW_OPENERS) as image:
                if image.width * image.height > max_pixels:
                    raise too_many
                image.verify()
            file.seek(0)  # an image cannot be used after verify(): reopen it
            with Image.open(file, formats=_PILLOW_OPENERS) as image:
                image_format = image.format
                width, height = image.size
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many from exc
    except Exception as exc:  # Pillow raises many kinds for broken files; none may become a 500
        raise ValidationError(unreadable, code="image_unreadable") from exc
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(unreadable, code="image_unreadable")
    if width * height > max_pixels:
        raise too_many
    return "JPEG" if image_format == "MPO" else image_format


def _is_heif(file: IO[bytes]) -> bool:
    file.seek(0)
    head = file.read(12)
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


# --- documents ----------------------------------------------------------------------


def validate_document(file: IO[bytes]) -> str:
    """Refuse anything but PDF, DOCX, XLSX, PPTX, DOC, XLS, JPG or PNG, judged by content.

    The extension of the file's name must be one of those of the detected type (a
    .pdf that is really a zip is refused). JPG/PNG scans are also checked as images
    (readable, within UPLOAD_IMAGE_MAX_PIXELS). Returns the type: one of the keys of
    DOCUMENT_TYPES.
    """
    max_bytes = document_max_bytes()
    try:
        size = _size(file)
        if size == 0:
            raise ValidationError(FILE_EMPTY, code="empty")
        if size > max_bytes:
            raise ValidationError(
                "附件不能超过%(max)s（此文件为%(size)s）。",
                code="document_too_large",
                params={"max": format_size(max_bytes), "size": format_size(size)},
            )
        kind = _detect_document(file, size)
        label, extensions = DOCUMENT_TYPES[kind]
        extension = os.path.splitext(os.path.basename(getattr(file, "name", None) or ""))[1].lower()
        if extension not in extensions:
            raise ValidationError(
                "文件扩展名“%(extension)s”与文件内容不符：内容是%(label)s（%(expected)s）。请确认文件后重新上传。",
                code="document_extension_mismatch",
                params={"extension": extension or "（无）", "label": label, "expected": "/".join(extensions)},
            )
        if kind in ("jpeg", "png"):
            _check_image(file, max_pixels=image_max_pixels(), unreadable=DOCUMENT_DAMAGED)
        return kind
    finally:
        file.seek(0)


def _detect_document(file: IO[bytes], size: int) -> str:
    file.seek(0)
    head = file.read(8)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(JPEG_MAGIC):
        return "jpeg"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(ZIP_MAGIC):
        return _ooxml_type(file)
    if head == OLE2_MAGIC:
        return _ole2_type(file, size)
    raise ValidationError(DOCUMENT_UNKNOWN, code="document_unknown")


def _ooxml_type(file: IO[bytes]) -> str:
    """docx/xlsx/pptx from [Content_Types].xml and the presence of the main part.

    Only the zip directory and [Content_Types].xml (at most 1 MB) are read, so a zip
    bomb inflates nothing; defusedxml refuses entity declarations.
    """
    unknown = ValidationError(DOCUMENT_UNKNOWN, code="document_unknown")
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = {info.filename.casefold(): info for info in archive.infolist()}
            info = members.get(CONTENT_TYPES_PART.casefold())
            if info is None:
                raise unknown
            if info.flag_bits & 0x1:
                raise ValidationError(DOCUMENT_ENCRYPTED, code="document_encrypted")
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                raise unknown
            with archive.open(info) as stream:
                content_types = stream.read(CONTENT_TYPES_MAX_BYTES + 1)
    except ValidationError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
        ValueError,
    ) as exc:
        raise unknown from exc
    if len(content_types) > CONTENT_TYPES_MAX_BYTES:
        raise unknown
    try:
        root = SafeElementTree.fromstring(content_types)
    except Exception as exc:  # ParseError, defusedxml's refusals
        raise unknown from exc
    macros = False
    for element in root.iter():
        if not element.tag.endswith("Override"):
            continue
        content_type = element.get("ContentType", "").strip()
        part = element.get("PartName", "").strip().lstrip("/").casefold()
        kind = OOXML_MAIN_TYPES.get(content_type)
        if kind and part in members:
            return kind
        macros = macros or "macroenabled" in content_type.casefold()
    if macros:
        raise ValidationError(DOCUMENT_MACROS, code="document_macros")
    raise unknown


def _ole2_type(file: IO[bytes], size: int) -> str:
    """doc or xls, from the names of the streams at the root of an OLE2 compound file.

    OLE2 also holds PowerPoint 97-2003, Outlook messages, MSI installers and
    password-protected docx/xlsx; only Word ("WordDocument") and Excel ("Workbook",
    or "Book" before Excel 97) pass.
    """
    try:
        names = {name.casefold() for name in _ole2_root_names(file, size)}
    except (_Unreadable, struct.error, OSError, ValueError) as exc:
        raise ValidationError(DOCUMENT_DAMAGED, code="document_damaged") from exc
    if "encryptedpackage" in names:
        raise ValidationError(DOCUMENT_ENCRYPTED, code="document_encrypted")
    if "worddocument" in names:
        return "doc"
    if "workbook" in names or "book" in names:
        return "xls"
    raise ValidationError(DOCUMENT_UNKNOWN, code="document_unknown")


def _ole2_root_names(file: IO[bytes], size: int) -> set[str]:
    """The names of the storages and streams directly under an OLE2 file's root.

    Follows [MS-CFB]: the header, the DIFAT (for the FAT's sectors), the FAT entries
    of the directory's chain, then the red-black tree of the root's children. Every
    loop is bounded by the file's size.
    """
    header = _read_at(file, 0, 512)
    major, shift = struct.unpack_from("<H", header, 26)[0], struct.unpack_from("<H", header, 30)[0]
    if (major, shift) not in ((3, 9), (4, 12)):
        raise _Unreadable("unknown compound file version")
    sector_size = 1 << shift
    per_sector = sector_size // 4
    most = size // sector_size + 1  # no chain is longer than the file has sectors
    num_fat, first_directory = struct.unpack_from("<II", header, 44)
    first_difat, num_difat = struct.unpack_from("<II", header, 68)
    if num_fat > most or num_difat > most:
        raise _Unreadable("sector counts beyond the file's size")

    fat_sectors = list(struct.unpack_from("<109I", header, 76))
    sector, followed = first_difat, 0
    while sector <= _MAXREGSECT and followed < num_difat:
        values = struct.unpack(f"<{per_sector}I", _read_sector(file, sector, sector_size))
        fat_sectors.extend(values[:-1])
        sector, followed = values[-1], followed + 1
    fat_sectors = fat_sectors[:num_fat]

    def next_sector(sector: int) -> int:
        index, slot = divmod(sector, per_sector)
        if index >= len(fat_sectors) or fat_sectors[index] > _MAXREGSECT:
            raise _Unreadable("sector outside the FAT")
        offset = (fat_sectors[index] + 1) * sector_size + slot * 4
        return struct.unpack("<I", _read_at(file, offset, 4))[0]

    entries: list[bytes] = []
    sector, seen = first_directory, set()
    while sector != _ENDOFCHAIN:
        if sector > _MAXREGSECT or sector in seen or len(seen) >= min(most, _MAX_DIRECTORY_SECTORS):
            raise _Unreadable("broken directory chain")
        seen.add(sector)
        data = _read_sector(file, sector, sector_size)
        entries.extend(data[offset : offset + 128] for offset in range(0, sector_size, 128))
        sector = next_sector(sector)
    if not entries or entries[0][66] != 5:  # object type 5: the root storage
        raise _Unreadable("no root entry")

    names: set[str] = set()
    stack, visited = [struct.unpack_from("<I", entries[0], 76)[0]], set()
    while stack:
        entry_id = stack.pop()
        if entry_id == _NOSTREAM:
            continue
        if entry_id >= len(entries) or entry_id in visited:
            raise _Unreadable("broken directory tree")
        visited.add(entry_id)
        entry = entries[entry_id]
        name_length, object_type = struct.unpack_from("<HB", entry, 64)
        if object_type not in (1, 2) or not 2 <= name_length <= 64 or name_length % 2:
            raise _Unreadable("bad directory entry")
        names.add(entry[: name_length - 2].decode("utf-16-le", errors="replace"))
        stack.extend(struct.unpack_from("<II", entry, 68))  # left and right siblings
    return names


def _read_sector(file: IO[bytes], sector: int, sector_size: int) -> bytes:
    if sector > _MAXREGSECT:
        raise _Unreadable("not a sector number")
    return _read_at(file, (sector + 1) * sector_size, sector_size)


def _read_at(file: IO[bytes], offset: int, length: int) -> bytes:
    file.seek(offset)
    data = file.read(length)
    if len(data) != length:
        raise _Unreadable("file ends early")
    return data


# --- helpers ------------------------------------------------------------------------


def _size(file: IO[bytes]) -> int:
    """The bytes actually in the file, measured by seeking to its end (not a declared size)."""
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size
