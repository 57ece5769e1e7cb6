"""Reading the 示范点分配表 workbook (seed 004 attachment; DOMAIN.md §3, Quotas).

Sheet 1 (counties × brands) and sheet 2 (lead departments) are found by
position; every problem in either is collected, then raised together as one
`WorkbookError`. Nothing is written here: `campaigns.services.quotas_import`
applies the result, all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from campaigns.models import Brand, CampaignPage, Sector
from campaigns.selectors import brands_of, counties_of
from portal.xlsx import SheetCell, XlsxRefused, cell_at, open_workbook, read_sheet

from .common import (
    COUNTY_HEADER,
    COUNTY_SHEET,
    CUSTOM_BRAND,
    SECTOR_HEADER,
    SECTOR_SHEET,
    Issues,
    WorkbookError,
    WorkbookIssue,
    is_total_label,
    normalise,
    parse_quota,
    title_years,
)

MAX_ROWS = 2000
MAX_COLUMNS = 200


@dataclass
class ParsedQuotas:
    """Keys as `campaigns.services.quotas_apply` takes them. Only brands with a
    column in the file appear in `county_quotas`; a blank cell is 0."""

    county_quotas: dict[tuple[int, int], int] = field(default_factory=dict)
    sector_quotas: dict[int, int] = field(default_factory=dict)


def read_quota_workbook(data: bytes, *, campaign: CampaignPage) -> ParsedQuotas:
    """Parse the workbook against `campaign.city`'s counties, brands and sectors.

    Raises WorkbookError listing every problem (sheet, row, column, message);
    returns the quotas only when there is none.
    """
    try:
        workbook = open_workbook(data)
    except XlsxRefused as exc:
        raise WorkbookError([WorkbookIssue(message=exc.message)]) from exc
    errors: list[WorkbookIssue] = []
    parsed = ParsedQuotas()
    try:
        sheets = workbook.worksheets
        readers = [(COUNTY_SHEET, _read_county_sheet), (SECTOR_SHEET, _read_sector_sheet)]
        for position, (expected, read) in enumerate(readers):
            if len(sheets) <= position:
                errors.append(WorkbookIssue(message=f"缺少第{position + 1}个工作表（{expected}）"))
                continue
            sheet = sheets[position]
            try:
                rows = read_sheet(sheet, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
            except XlsxRefused as exc:  # its message names the sheet
                errors.append(WorkbookIssue(message=exc.message))
                continue
            read(rows, campaign=campaign, issues=Issues(sheet.title, errors), parsed=parsed)
    finally:
        workbook.close()
    if errors:
        raise WorkbookError(errors)
    return parsed


def _find_header(rows: list[list[SheetCell]], label: str) -> SheetCell | None:
    wanted = normalise(label)
    for row in rows:
        for cell in row:
            if not cell.is_formula and normalise(cell.value) == wanted:
                return cell
    return None


def _check_common(rows, *, campaign: CampaignPage, issues: Issues, header_label: str) -> SheetCell | None:
    """Formulas anywhere, a title naming another year, the header cell. Returns the header."""
    for row in rows:
        for cell in row:
            if cell.is_formula:
                issues.add(f"单元格含有公式“{cell.value}”，请将公式转为数值后再导入", cell=cell)
    header = _find_header(rows, header_label)
    if header is None:
        issues.add(f"找不到表头“{header_label}”")
        return None
    # The title is matched loosely: any text, but not another year's table.
    for row in rows[: header.row - 1]:
        for cell in row:
            for year in title_years(cell.value):
                if year != campaign.year:
                    issues.add(f"标题中的年度“{year}”与创建活动的年度“{campaign.year}”不符", cell=cell)
    return header


def _first_data_row(rows, header: SheetCell) -> int:
    """A two-row header (the seed's: 县（区） merged over rows 2–3, brands in row 3)
    leaves the label column blank in its second row."""
    return header.row + 2 if cell_at(rows, header.row + 1, header.column).is_blank else header.row + 1


def _stray_cells(row: list[SheetCell], *, known_columns: set[int], from_column: int) -> list[SheetCell]:
    return [c for c in row if c.column >= from_column and c.column not in known_columns and not c.is_blank]


def _read_county_sheet(rows, *, campaign: CampaignPage, issues: Issues, parsed: ParsedQuotas) -> None:
    header = _check_common(rows, campaign=campaign, issues=issues, header_label=COUNTY_HEADER)
    if header is None:
        return
    label_column = header.column
    data_from = _first_data_row(rows, header)
    brand_row = data_from - 1

    brands = {normalise(b.name): b for b in brands_of(city=campaign.city)}
    columns: dict[int, Brand] = {}
    brand_cells: dict[int, SheetCell] = {}
    rejected: set[int] = set()
    for cell in rows[brand_row - 1] if brand_row <= len(rows) else []:
        if cell.column <= label_column or cell.is_blank or cell.is_formula:
            continue
        brand = brands.get(normalise(cell.value))
        if brand is None:
            issues.add(f"未知的创建品牌“{str(cell.value).strip()}”", cell=cell)
            rejected.add(cell.column)
        elif brand.pk in brand_cells:
            issues.add(
                f"创建品牌“{brand.name}”重复（已在{brand_cells[brand.pk].column_letter}列）", cell=cell
            )
            rejected.add(cell.column)
        else:
            columns[cell.column] = brand
            brand_cells[brand.pk] = cell
    if not columns and not rejected:
        issues.add("找不到品牌列（表头下一行应为各品牌名称）", row=brand_row)

    counties = {normalise(c.name): c for c in counties_of(city=campaign.city)}
    seen: dict[int, int] = {}
    sums = dict.fromkeys(columns, 0)
    unreliable: set[int] = set()
    total_row: int | None = None
    named_columns = {c.column for c in brand_cells.values()} | rejected | {label_column}
    for row in rows[data_from - 1 :]:
        if not row:
            continue
        label = cell_at(rows, row[0].row, label_column)
        strays = _stray_cells(row, known_columns=named_columns, from_column=label_column)
        if total_row is not None:
            # Notes below the table (注：…, 制表人) are fine; a county is not.
            misplaced = counties.get(normalise(label.value))
            if misplaced is not None:
                issues.add(f"县（区）“{misplaced.name}”位于“共计”行之后", cell=label)
                seen.setdefault(misplaced.pk, label.row)  # reported here, not again as missing
            continue
        if label.is_blank or label.is_formula:
            if not label.is_formula and any(not c.is_blank for c in row if c.column > label_column):
                issues.add("缺少县（区）名称", cell=label)
            continue
        for stray in strays:
            issues.add(f"“{str(stray.value).strip()}”所在列没有品牌名称", cell=stray)
            unreliable.add(stray.column)
        if is_total_label(label.value):
            total_row = label.row
            continue
        county = counties.get(normalise(label.value))
        if county is None:
            issues.add(f"未知的县（区）“{str(label.value).strip()}”，不属于{campaign.city.name}", cell=label)
            unreliable.update(columns)  # its figures are in the 共计 but not in our sums
            continue
        if county.pk in seen:
            issues.add(f"县（区）“{county.name}”重复出现（已在第{seen[county.pk]}行）", cell=label)
            unreliable.update(columns)
            continue
        seen[county.pk] = label.row
        for column, brand in columns.items():
            cell = cell_at(rows, label.row, column)
            value, problem = parse_quota(cell)
            if value is None:
                unreliable.add(column)
                if problem:
                    issues.add(problem, cell=cell)
                continue
            parsed.county_quotas[(county.pk, brand.pk)] = value
            sums[column] += value

    missing = [c.name for c in counties.values() if c.pk not in seen]
    if missing:
        issues.add(f"缺少县（区）：{'、'.join(missing)}")
    if total_row is None:
        issues.add("缺少“共计”行（应在各县（区）之后，各列为本列之和）")
        return
    for column, brand in columns.items():
        cell = cell_at(rows, total_row, column)
        value, problem = parse_quota(cell, what="共计")
        if problem:
            issues.add(problem, cell=cell)
        elif value is not None and column not in unreliable and value != sums[column]:
            issues.add(f"“{brand.name}”共计“{value}”与本列各县（区）之和“{sums[column]}”不符", cell=cell)


def _read_sector_sheet(rows, *, campaign: CampaignPage, issues: Issues, parsed: ParsedQuotas) -> None:
    header = _check_common(rows, campaign=campaign, issues=issues, header_label=SECTOR_HEADER)
    if header is None:
        return
    label_column = header.column
    brand_column, quota_column = label_column + 1, label_column + 2
    data_from = _first_data_row(rows, header)

    sectors = list(Sector.objects.filter(city=campaign.city).select_related("lead_department"))
    by_lead: dict[str, list[Sector]] = {}
    for sector in sectors:
        by_lead.setdefault(normalise(sector.lead_department.name), []).append(sector)
    custom = normalise(CUSTOM_BRAND)
    seen: dict[int, int] = {}
    mentioned: set[int] = set()  # named in the file, even on a row refused for another reason
    listed = 0
    quota_sum = 0
    sum_reliable = True
    total_row: int | None = None
    for row in rows[data_from - 1 :]:
        if not row:
            continue
        label = cell_at(rows, row[0].row, label_column)
        beyond = [c for c in row if c.column > label_column and not c.is_blank]
        if total_row is not None:
            misplaced = by_lead.get(normalise(label.value), [])
            if misplaced:
                issues.add(f"主责部门“{misplaced[0].lead_department.name}”位于“共计”行之后", cell=label)
                mentioned.update(s.pk for s in misplaced)
            continue
        if label.is_blank or label.is_formula:
            if not label.is_formula and beyond:
                issues.add("缺少主责部门名称", cell=label)
            continue
        for stray in _stray_cells(
            row, known_columns={label_column, brand_column, quota_column}, from_column=label_column
        ):
            issues.add(
                f"多余的内容“{str(stray.value).strip()}”（本表只有主责部门、品牌、名额三列）", cell=stray
            )
        if is_total_label(label.value):
            total_row = label.row
            continue
        listed += 1
        candidates = by_lead.get(normalise(label.value))
        if not candidates:
            issues.add(
                f"未知的主责部门“{str(label.value).strip()}”，不是{campaign.city.name}重点领域的主责部门",
                cell=label,
            )
            sum_reliable = False
            continue
        brand_cell = cell_at(rows, label.row, brand_column)
        brand = "" if brand_cell.is_blank or brand_cell.is_formula else normalise(brand_cell.value)
        fitting = [
            s
            for s in candidates
            if brand in ("", custom) or (s.brand_name and brand == normalise(s.brand_name))
        ]
        if not fitting:
            mentioned.update(s.pk for s in candidates)
            names = "、".join(s.brand_label for s in candidates)
            issues.add(
                f"品牌“{str(brand_cell.value).strip()}”与{candidates[0].lead_department.name}"
                f"主责领域的品牌“{names}”不符",
                cell=brand_cell,
            )
            sum_reliable = False
            continue
        free = [s for s in fitting if s.pk not in seen]
        if not free:
            issues.add(
                f"主责部门“{candidates[0].lead_department.name}”重复出现（已在第{seen[fitting[0].pk]}行）",
                cell=label,
            )
            sum_reliable = False
            continue
        sector = free[0]
        seen[sector.pk] = label.row
        value, problem = parse_quota(cell_at(rows, label.row, quota_column))
        if value is None:
            sum_reliable = False
            if problem:
                issues.add(problem, cell=cell_at(rows, label.row, quota_column))
            continue
        parsed.sector_quotas[sector.pk] = value
        quota_sum += value

    missing = [
        f"{s.lead_department.name}（{s.name}）" for s in sectors if s.pk not in seen and s.pk not in mentioned
    ]
    if missing:
        issues.add(f"缺少主责部门：{'、'.join(missing)}")
    if total_row is None:
        issues.add("缺少“共计”行（应在各主责部门之后：部门数、名额之和）")
        return
    count_cell = cell_at(rows, total_row, brand_column)
    count, problem = parse_quota(count_cell, what="部门数")
    if problem:
        issues.add(problem, cell=count_cell)
    elif count is not None and count != listed:
        issues.add(f"共计的部门数“{count}”与所列主责部门数“{listed}”不符", cell=count_cell)
    sum_cell = cell_at(rows, total_row, quota_column)
    total, problem = parse_quota(sum_cell, what="共计")
    if problem:
        issues.add(problem, cell=sum_cell)
    elif total is not None and sum_reliable and total != quota_sum:
        issues.add(f"共计“{total}”与各主责部门名额之和“{quota_sum}”不符", cell=sum_cell)
