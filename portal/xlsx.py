"""Safe handling of the spreadsheets offices upload and download (FACTS.md, Excel).

Every importer opens an uploaded workbook through `open_workbook`, which refuses
what openpyxl should never see: something that is not an xlsx, a file over the
upload limit, a zip bomb, an XML document declaring a DOCTYPE or entities. The
zip directory is checked before openpyxl touches the file, because openpyxl
does nothing against a zip bomb (a 1 MB file inflating to 1 GiB took 2.1 GB of
memory); defusedxml (installed) makes openpyxl refuse entity declarations, and
we scan for them first so the message can say so.

Sheets are then read with `read_sheet`, which turns parse failures (read-only
workbooks parse each sheet lazily) into the same `XlsxRefused`.

For export, `neutralise` keeps user text from becoming a formula, and
`style_table` gives a table the office's look (thin borders, centred, bold headers).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A member bigger than this must not inflate more than MAX_RATIO times its
# compressed size. Spreadsheet XML compresses 10–30×; deflate tops out near
# 1000× on runs of one byte, which is what bombs are made of.
RATIO_CHECK_FROM_BYTES = 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2000
SCAN_CHUNK = 64 * 1024
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ENTITIES_REFUSED = "工作簿的XML含有实体或文档类型声明（DOCTYPE/ENTITY），出于安全原因拒绝读取。"
DAMAGED = "无法读取该工作簿，文件可能已损坏。请用Excel或WPS重新保存为.xlsx后再上传。"

# `<!DOCTYPE` / `<!ENTITY` in UTF-8 and in both UTF-16 byte orders, upper-cased.
_DECLARATIONS = [
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
]
_OVERLAP = max(len(m) for m in _DECLARATIONS)


class XlsxRefused(Exception):
    """An uploaded file that is not read; `message` is for the user, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def format_size(num_bytes: int) -> str:
    """5242880 → "5 MB" (for messages and the upload form)."""
    if num_bytes >= 1024 * 1024:
        return f"{num_bytes / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    if num_bytes >= 1024:
        return f"{num_bytes / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{num_bytes} 字节"


def open_workbook(
    data: bytes, *, max_bytes: int | None = None, max_uncompressed: int | None = None
) -> Workbook:
    """Open an uploaded xlsx read-only (formulas kept as formulas), or raise `XlsxRefused`.

    The limits default to settings.XLSX_MAX_UPLOAD_BYTES and
    settings.XLSX_MAX_UNCOMPRESSED_BYTES, read at call time.
    """
    if max_bytes is None:
        max_bytes = settings.XLSX_MAX_UPLOAD_BYTES
    if max_uncompressed is None:
        max_uncompressed = settings.XLSX_MAX_UNCOMPRESSED_BYTES
    if not data:
        raise XlsxRefused("文件是空的。")
    if len(data) > max_bytes:
        raise XlsxRefused(f"文件大小为{format_size(len(data))}，超过上限{format_size(max_bytes)}。")
    if data.startswith(OLE2_SIGNATURE):
        raise XlsxRefused(
            "这是旧版Excel（.xls）文件或加密的工作簿，无法读取。"
            "请用Excel或WPS另存为未加密的“Excel工作簿（.xlsx）”后再上传。"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise XlsxRefused(
            "文件不是Excel工作簿（.xlsx）。请上传用Excel或WPS保存的.xlsx文件（不接受.xls、.csv等格式）。"
        ) from exc
    with archive:
        _check_archive(archive, max_uncompressed=max_uncompressed)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds; none may escape as a 500
        if _is_defused(exc):
            raise XlsxRefused(ENTITIES_REFUSED) from exc
        raise XlsxRefused(DAMAGED) from exc


def _check_archive(archive: zipfile.ZipFile, *, max_uncompressed: int) -> None:
    members = archive.infolist()
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise XlsxRefused(
            "文件不是Excel工作簿（.xlsx）。请上传用Excel或WPS保存的.xlsx文件（不接受.docx、.ods等格式）。"
        )
    if len(members) > MAX_MEMBERS:
        raise XlsxRefused("工作簿内部文件过多，疑似恶意构造，拒绝读取。")
    declared = sum(m.file_size for m in members)
    if declared > max_uncompressed:
        raise XlsxRefused(
            f"工作簿解压后为{format_size(declared)}，超过上限{format_size(max_uncompressed)}，"
            "疑似压缩炸弹，拒绝读取。"
        )
    for member in members:
        if member.flag_bits & 0x1:
            raise XlsxRefused("工作簿已加密，无法读取。请取消密码后另存为.xlsx再上传。")
        if member.file_size > RATIO_CHECK_FROM_BYTES and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise XlsxRefused(
                f"工作簿中的“{member.filename}”压缩比异常（{format_size(member.compress_size)}"
                f"解压为{format_size(member.file_size)}），疑似压缩炸弹，拒绝读取。"
            )
    for member in members:
        if _declares_entities(archive, member, max_uncompressed=max_uncompressed):
            raise XlsxRefused(
                f"工作簿中的“{member.filename}”含有实体或文档类型声明（DOCTYPE/ENTITY），"
                "出于安全原因拒绝读取。"
            )


def _declares_entities(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, max_uncompressed: int) -> bool:
    """Stream one member looking for a DOCTYPE/ENTITY declaration.

    zipfile stops at the size the directory declares and checks the CRC, so a
    member that lies about its size fails here (BadZipFile) instead of inflating.
    """
    tail = b""
    read = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(SCAN_CHUNK):
                read += len(chunk)
                if read > max_uncompressed:
                    raise XlsxRefused("工作簿解压后超过上限，疑似压缩炸弹，拒绝读取。")
                window = (tail + chunk).upper()
                if any(marker in window for marker in _DECLARATIONS):
                    return True
                tail = window[-_OVERLAP:]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise XlsxRefused(DAMAGED) from exc
    return False


def _is_defused(exc: BaseException) -> bool:
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - defusedxml is a requirement
        return False
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, DefusedXmlException):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


@dataclass(frozen=True)
class SheetCell:
    """One cell as an importer needs it: where, what, and whether it is a formula."""

    row: int
    column: int
    value: object
    is_formula: bool = False

    @property
    def column_letter(self) -> str:
        return get_column_letter(self.column)

    @property
    def is_blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


def cell_at(rows: list[list[SheetCell]], row: int, column: int) -> SheetCell:
    """The cell at (row, column) of `read_sheet`'s rows, 1-based; a blank one where the
    sheet has none."""
    if 1 <= row <= len(rows) and 1 <= column <= len(rows[row - 1]):
        return rows[row - 1][column - 1]
    return SheetCell(row=row, column=column, value=None)


def read_sheet(ws: Worksheet, *, max_rows: int = 2000, max_columns: int = 200) -> list[list[SheetCell]]:
    """All rows of a read-only sheet from A1, each a list of cells from column A.

    The sheet's declared dimensions are ignored (they may be wrong or missing):
    rows are read as stored. Raises `XlsxRefused` on a sheet that cannot be
    parsed or is larger than the limits.
    """
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    rows: list[list[SheetCell]] = []
    try:
        for row_number, cells in enumerate(ws.iter_rows(min_row=1, min_col=1), start=1):
            if row_number > max_rows:
                raise XlsxRefused(f"工作表“{ws.title}”超过{max_rows}行，不是要导入的表格。")
            row: list[SheetCell] = []
            for column, cell in enumerate(cells, start=1):
                value = cell.value
                if column > max_columns:
                    if value is not None:
                        raise XlsxRefused(f"工作表“{ws.title}”超过{max_columns}列，不是要导入的表格。")
                    continue
                formula = getattr(cell, "data_type", None) == "f" or (
                    isinstance(value, str) and value.startswith("=")
                )
                row.append(SheetCell(row=row_number, column=column, value=value, is_formula=formula))
            rows.append(row)
    except XlsxRefused:
        raise
    except Exception as exc:
        if _is_defused(exc):
            raise XlsxRefused(
                f"工作表“{ws.title}”的XML含有实体或文档类型声明（DOCTYPE/ENTITY），出于安全原因拒绝读取。"
            ) from exc
        raise XlsxRefused(f"无法读取工作表“{ws.title}”，文件可能已损坏。") from exc
    return rows


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe.

    openpyxl stores a string starting with "=" as a formula (FACTS.md), and
    Excel/WPS treat + - @ the same way when a cell is edited; the apostrophe is
    the usual CSV/formula-injection guard. Anything else is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def style_table(
    ws: Worksheet,
    *,
    first_row: int,
    last_row: int,
    last_column: int,
    header_rows: Iterable[int] = (),
    bold_rows: Iterable[int] = (),
) -> None:
    """Thin borders and centred text over A{first_row}:{last_column}{last_row}; the
    header and total rows bold. Borders go on every cell, merged ones included,
    so merged headers keep their frame."""
    bold = set(header_rows) | set(bold_rows)
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, min_col=1, max_col=last_column):
        for cell in row:
            cell.border = BORDER
            cell.alignment = CENTRED
            if cell.row in bold:
                cell.font = Font(bold=True)


def style_title(ws: Worksheet, *, row: int, last_column: int, text: str, height: float = 36) -> None:
    """A title merged across the table, bold and larger, like the office's files."""
    ws.cell(row=row, column=1, value=neutralise(text))
    if last_column > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    ws.cell(row=row, column=1).font = Font(bold=True, size=16)
    ws.cell(row=row, column=1).alignment = CENTRED
    ws.row_dimensions[row].height = height


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


_BOLD = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=16)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


def titled_sheet(wb: Workbook, *, name: str, title: str, headers: list[str], widths: list[int]):
    """A write-only sheet in the offices' usual layout: a merged title row, a bold header
    row (repeated on every printed page), column widths, panes frozen below the header.
    Append the data rows to the returned sheet."""
    ws = wb.create_sheet(name)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.merged_cells.add(f"A1:{get_column_letter(len(headers))}1")
    cell = WriteOnlyCell(ws, value=neutralise(title))
    cell.font = _TITLE_FONT
    cell.alignment = CENTRED
    ws.append([cell])
    header = []
    for label in headers:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = _BOLD
        cell.border = BORDER
        cell.alignment = CENTRED
        cell.fill = _HEADER_FILL
        header.append(cell)
    ws.append(header)
    return ws
