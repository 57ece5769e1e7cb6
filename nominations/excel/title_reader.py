"""Reading the county (or sector) naming list back: every row checked, every problem named."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q

from campaigns.enums import BrandKind, DecidedBy
from campaigns.models import Brand, Sector
from nominations.models import LocalTitle, Nominee
from portal.models import Department, Jurisdiction
from portal.validators import id_number_gender, normalise_id_number, validate_id_number, validate_mobile
from portal.xlsx import SheetCell, cell_at

from .common import (
    Issues,
    WorkbookError,
    WorkbookIssue,
    cell_text,
    check_length,
    find_columns,
    honour_keys,
    honour_label,
    is_empty,
    is_example,
    normalise,
    open_sheet,
    parse_date,
    parse_year,
    report_formulas,
    shown,
    today,
    unit_city,
)
from .titles import (
    _PLACE_SEPARATORS,
    COLUMNS,
    COUNTY_SHEET,
    DEPARTMENT_SHEET,
    GENDER_LABELS,
    KIND_LABELS,
    LIMITS,
    honours_for,
    sheet_name,
)

# --- reading it back -----------------------------------------------------------------


@dataclass
class TitleRow:
    """One valid row: the nominee (existing, or the fields of a new one) and the title."""

    row: int
    honour: Brand | Sector
    kind: str
    name: str
    year: int
    document_number: str
    issuing_body: str
    named_on: datetime.date
    place: Jurisdiction | None = None
    address: str = ""
    gender: str = ""
    role: str = ""
    workplace: str = ""
    mobile: str = ""
    id_number: str = ""
    nominee: Nominee | None = None  # an existing nominee of the unit, reused
    identity: tuple = ()  # rows with the same identity are the same (new) nominee

    def new_nominee(self) -> Nominee:
        # A village or town named for itself is of its place's category (村, 社区, 镇, 街道办).
        names_its_place = self.place is not None and normalise(self.place.name) == normalise(self.name)
        return Nominee(
            kind=self.kind,
            name=self.name,
            collective_type=self.place.category
            if names_its_place and self.kind == BrandKind.COLLECTIVE
            else "",
            place=self.place,
            address=self.address,
            gender=self.gender,
            role=self.role,
            workplace=self.workplace,
            mobile=self.mobile,
            id_number=self.id_number,
        )

    def title(self, nominee: Nominee) -> LocalTitle:
        return LocalTitle(
            nominee=nominee,
            brand=self.honour if isinstance(self.honour, Brand) else None,
            sector=self.honour if isinstance(self.honour, Sector) else None,
            year=self.year,
            document_number=self.document_number,
            issuing_body=self.issuing_body,
            named_on=self.named_on,
        )


@dataclass
class ParsedTitles:
    sheet: str
    rows: list[TitleRow] = field(default_factory=list)


class _Places:
    """The places under a county (towns, villages) or a city (counties too), found by
    any tail of their path: “东关社区”, “城关街道东关社区”, “商州区城关街道东关社区”."""

    def __init__(self, root: Jurisdiction):
        self.root = root
        nodes = list(
            Jurisdiction.objects.filter(
                Q(parent=root) | Q(parent__parent=root) | Q(parent__parent__parent=root)
            ).values_list("pk", "name", "parent_id")
        )
        by_pk = {pk: (name, parent) for pk, name, parent in nodes}
        self.keys: dict[str, set[int]] = {}
        for pk in by_pk:
            chain: list[str] = []
            current = pk
            while current in by_pk:
                name, parent = by_pk[current]
                chain.insert(0, name)
                current = parent
            for start in range(len(chain)):
                key = self._key("".join(chain[start:]))
                self.keys.setdefault(key, set()).add(pk)
        self.objects = {j.pk: j for j in Jurisdiction.objects.filter(pk__in=by_pk)} if nodes else {}

    @staticmethod
    def _key(text: str) -> str:
        return normalise(text).translate(_PLACE_SEPARATORS)

    def find(self, text: str) -> tuple[Jurisdiction | None, str | None]:
        key = self._key(text)
        root = self._key(self.root.name)
        if key.startswith(root) and len(key) > len(root):
            key = key[len(root) :]
        found = self.keys.get(key, set())
        if len(found) == 1:
            return self.objects[next(iter(found))], None
        if len(found) > 1:
            return None, (f"所在镇村“{text}”有重名，请写明所在的镇（办），如“镇（办）名+村（社区）名”")
        return None, f"所在镇村“{text}”不是{self.root.name}的镇（办）或村（社区）"


def read_title_workbook(data: bytes, *, unit: Jurisdiction | Department) -> ParsedTitles:
    """Parse and check the naming list of `unit`. Raises WorkbookError listing every
    problem (sheet, row, column); returns the rows only when there is none."""
    sheet, rows = open_sheet(data, names=(sheet_name(unit), COUNTY_SHEET, DEPARTMENT_SHEET))
    errors: list[WorkbookIssue] = []
    issues = Issues(sheet, errors)
    parsed = ParsedTitles(sheet=sheet)
    report_formulas(rows, issues)
    found = find_columns(rows, COLUMNS, issues)
    if found is None or any(c.key not in found[1] for c in COLUMNS):
        raise WorkbookError(errors)
    header_row, columns = found
    _Reader(unit=unit, issues=issues, parsed=parsed).read(rows, header_row=header_row, columns=columns)
    if not errors and not parsed.rows:
        issues.add("没有可导入的数据行（第4行示例不导入）")
    if errors:
        raise WorkbookError(errors)
    return parsed


class _Reader:
    def __init__(self, *, unit, issues: Issues, parsed: ParsedTitles):
        self.unit = unit
        self.issues = issues
        self.parsed = parsed
        self.is_department = isinstance(unit, Department)
        self.honours: dict[str, Brand | Sector] = {}
        for honour in honours_for(unit):
            for key in honour_keys(honour):
                self.honours.setdefault(key, honour)
        self.evaluated = (
            {}
            if self.is_department
            else {
                normalise(b.name): b
                for b in Brand.objects.filter(city=unit_city(unit), decided_by=DecidedBy.EVALUATION)
            }
        )
        self.places = _Places(unit_city(unit) if self.is_department else unit)
        self.latest_year = today().year

    # -- one cell at a time

    def _text(self, cells, key: str) -> str:
        text = cell_text(cells[key])
        if key in LIMITS:
            label, limit = LIMITS[key]
            check_length(text, limit=limit, label=label, cell=cells[key], issues=self.issues)
        return text

    def _require(self, cells, key: str, value, what: str) -> bool:
        if value in ("", None) and not cells[key].is_formula:
            self.issues.add(f"缺少{what}", cell=cells[key])
            return False
        return True

    def _honour(self, cell: SheetCell):
        text = cell_text(cell)
        if not text:
            if not cell.is_formula:
                self.issues.add("缺少命名品牌（或领域）", cell=cell)
            return None
        honour = self.honours.get(normalise(text))
        if honour is not None:
            return honour
        if normalise(text) in self.evaluated:
            self.issues.add(f"“{text}”由市级考评认定，不由县（区）命名推荐，不在此登记", cell=cell)
            return None
        known = "、".join(dict.fromkeys(honour_label(h) for h in self.honours.values()))
        if self.is_department:
            hint = f"本部门可登记的领域：{known}" if known else "本部门不是重点领域的主责部门，没有领域命名"
        else:
            hint = f"可登记的品牌：{known}"
        self.issues.add(f"未知的命名品牌（或领域）“{text}”（{hint}）", cell=cell)
        return None

    def _kind(self, cell: SheetCell, honour) -> str | None:
        """The kind typed, or the brand's own when left blank. With an unknown brand
        (already reported) a typed kind is still read, to check the cells it needs."""
        text = cell_text(cell)
        expected = honour.kind if isinstance(honour, Brand) else None
        if not text:
            if expected:
                return expected
            if honour is not None and not cell.is_formula:
                self.issues.add("缺少对象类型（集体、家庭或个人）", cell=cell)
            return None
        kind = KIND_LABELS.get(normalise(text))
        if kind is None:
            self.issues.add(f"对象类型“{text}”应为集体、家庭或个人", cell=cell)
            return None
        if expected and kind != expected:
            self.issues.add(
                f"对象类型“{text}”与品牌“{honour.name}”不符（该品牌命名的是{BrandKind(expected).label}）",
                cell=cell,
            )
            return None
        return kind

    def _id_number(self, cell: SheetCell) -> str | None:
        if isinstance(cell.value, float) and not cell.is_blank:
            self.issues.add("身份证号码被存成了数字，末几位已丢失；请将该列设为文本格式后重新填写", cell=cell)
            return None
        number = normalise_id_number(cell_text(cell))
        try:
            validate_id_number(number)
        except ValidationError as exc:
            self.issues.add(exc.messages[0].rstrip("。"), cell=cell)
            return None
        return number

    def _mobile(self, cell: SheetCell) -> str | None:
        text = normalise(cell_text(cell))
        try:
            validate_mobile(text)
        except ValidationError as exc:
            self.issues.add(f"{exc.messages[0].rstrip('。')}（“{shown(cell.value)}”）", cell=cell)
            return None
        return text

    # -- the whole sheet

    def read(self, rows, *, header_row: int, columns: dict[str, int]) -> None:
        candidates: list[tuple[TitleRow, dict[str, SheetCell]]] = []
        for row_number in range(header_row + 1, len(rows) + 1):
            cells = {key: cell_at(rows, row_number, column) for key, column in columns.items()}
            if is_empty(cells) or is_example(cells):
                continue
            before = len(self.issues.into)
            row = self._row(row_number, cells)
            if row is not None and len(self.issues.into) == before:
                candidates.append((row, cells))
            # A row's problems in the order of its columns (A, B, …, Z, AA).
            self.issues.into[before:] = sorted(
                self.issues.into[before:], key=lambda i: (len(i.column or ""), i.column or "")
            )
        self._match(candidates)

    def _row(self, row_number: int, cells: dict[str, SheetCell]) -> TitleRow | None:
        honour = self._honour(cells["honour"])
        kind = self._kind(cells["kind"], honour)
        name = self._text(cells, "name")
        self._require(cells, "name", name, "名称或姓名")
        individual = kind == BrandKind.INDIVIDUAL

        place = None
        place_text = cell_text(cells["place"])
        if place_text:
            place, problem = self.places.find(place_text)
            if problem:
                self.issues.add(problem, cell=cells["place"])
        elif kind in (BrandKind.COLLECTIVE, BrandKind.FAMILY) and not self.is_department:
            self._require(cells, "place", "", "所在镇村（集体、家庭须填写）")

        gender_text = cell_text(cells["gender"])
        id_text = cell_text(cells["id_number"])
        gender = ""
        id_number = ""
        if kind is not None and not individual:
            for key, text, label in (("gender", gender_text, "性别"), ("id_number", id_text, "身份证号码")):
                if text:
                    self.issues.add(f"{label}只适用于个人，{BrandKind(kind).label}不填写", cell=cells[key])
        if individual:
            if self._require(cells, "id_number", id_text, "身份证号码（个人必填）"):
                id_number = self._id_number(cells["id_number"]) or ""
            if gender_text:
                gender = GENDER_LABELS.get(normalise(gender_text), "")
                if not gender:
                    self.issues.add(f"性别“{gender_text}”应为男或女", cell=cells["gender"])
                elif id_number and id_number_gender(id_number) != gender:
                    self.issues.add(f"性别“{gender_text}”与身份证号码不符", cell=cells["gender"])
            elif id_number:
                gender = id_number_gender(id_number)
        role = self._text(cells, "role")
        if individual:
            self._require(cells, "role", role, "身份（个人必填，如网格员、平安志愿者）")
        workplace = self._text(cells, "workplace")
        address = self._text(cells, "address")

        mobile = ""
        if cell_text(cells["mobile"]):
            mobile = self._mobile(cells["mobile"]) or ""
        elif individual:
            self._require(cells, "mobile", "", "手机号码（个人必填）")

        year, problem = parse_year(cells["year"], latest=self.latest_year)
        if problem:
            self.issues.add(problem, cell=cells["year"])
        elif year is None:
            self._require(cells, "year", None, "命名年度")
        document_number = self._text(cells, "document_number")
        self._require(cells, "document_number", document_number, "文号")
        issuing_body = self._text(cells, "issuing_body")
        self._require(cells, "issuing_body", issuing_body, "命名单位")
        named_on, problem = parse_date(cells["named_on"])
        if problem:
            self.issues.add(problem, cell=cells["named_on"])
        elif named_on is None:
            self._require(cells, "named_on", None, "命名日期")
        elif named_on > today():
            self.issues.add(f"命名日期“{named_on:%Y-%m-%d}”晚于今天", cell=cells["named_on"])
        elif year is not None and named_on.year not in (year, year + 1):
            self.issues.add(
                f"命名日期“{named_on:%Y-%m-%d}”与命名年度“{year}”不符（应在{year}年或次年）",
                cell=cells["named_on"],
            )

        if honour is None or kind is None or year is None or named_on is None:
            return None
        return TitleRow(
            row=row_number,
            honour=honour,
            kind=kind,
            name=name,
            year=year,
            document_number=document_number,
            issuing_body=issuing_body,
            named_on=named_on,
            place=place,
            address=address,
            gender=gender,
            role=role,
            workplace=workplace,
            mobile=mobile,
            id_number=id_number,
        )

    def _match(self, candidates: list[tuple[TitleRow, dict[str, SheetCell]]]) -> None:
        """Existing nominees (an individual by ID number, a collective or family by
        kind + name + place within the unit), duplicates inside the file, titles
        already recorded. Runs a fixed number of queries."""
        unit_q = Q(department=self.unit) if self.is_department else Q(county=self.unit)
        ids = {r.id_number for r, _ in candidates if r.id_number}
        by_id = {n.id_number: n for n in Nominee.objects.filter(id_number__in=ids)} if ids else {}
        groups: dict[tuple, Nominee] = {}
        if any(not r.id_number for r, _ in candidates):
            for nominee in Nominee.objects.filter(
                unit_q, kind__in=[BrandKind.COLLECTIVE, BrandKind.FAMILY]
            ).order_by("pk"):
                groups.setdefault((nominee.kind, normalise(nominee.name), nominee.place_id), nominee)

        for row, cells in candidates:
            if row.id_number:
                row.identity = ("id", row.id_number)
                nominee = by_id.get(row.id_number)
                if nominee is not None and not _same_unit(nominee, self.unit):
                    self.issues.add(
                        "该身份证号码已由其他单位登记为推荐对象，不能重复登记（如属调动，请联系市综治办）",
                        cell=cells["id_number"],
                    )
                    continue
                if nominee is not None and normalise(nominee.name) != normalise(row.name):
                    self.issues.add(
                        f"该身份证号码已登记为“{nominee.name}”，与本行姓名“{row.name}”不符",
                        cell=cells["id_number"],
                    )
                    continue
            else:
                row.identity = ("name", row.kind, normalise(row.name), row.place.pk if row.place else None)
                nominee = groups.get(row.identity[1:])
            row.nominee = nominee

        existing = set()
        reused = {r.nominee.pk for r, _ in candidates if r.nominee is not None}
        if reused:
            existing = set(
                LocalTitle.objects.filter(nominee_id__in=reused).values_list(
                    "nominee_id", "brand_id", "sector_id", "year"
                )
            )
        seen: dict[tuple, int] = {}
        names_by_id: dict[str, tuple[str, int]] = {}
        for row, cells in candidates:
            if not row.identity:
                continue  # refused above
            if row.id_number:
                first = names_by_id.setdefault(row.id_number, (row.name, row.row))
                if normalise(first[0]) != normalise(row.name):
                    self.issues.add(
                        f"身份证号码与第{first[1]}行相同，但姓名不同（“{first[0]}”/“{row.name}”）",
                        cell=cells["id_number"],
                    )
                    continue
            brand_id = row.honour.pk if isinstance(row.honour, Brand) else None
            sector_id = row.honour.pk if isinstance(row.honour, Sector) else None
            key = (row.identity, brand_id, sector_id, row.year)
            if key in seen:
                self.issues.add(
                    f"与第{seen[key]}行重复（同一对象、同一{'领域' if sector_id else '品牌'}、同一年度）",
                    cell=cells["name"],
                )
                continue
            seen[key] = row.row
            if row.nominee is not None and (row.nominee.pk, brand_id, sector_id, row.year) in existing:
                self.issues.add(
                    f"“{row.name}”{row.year}年度“{honour_label(row.honour)}”的命名已登记过，不能重复登记",
                    cell=cells["name"],
                )
                continue
            self.parsed.rows.append(row)


def _same_unit(record, unit) -> bool:
    if isinstance(unit, Department):
        return record.department_id == unit.pk
    return record.county_id == unit.pk
