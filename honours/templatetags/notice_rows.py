"""The rows of a notice's table, written in Python: a notice lists a thousand entries, and
Django's template engine spends some 40 ms on that many rows (resolving, escaping and
localising each cell); this writes the same markup in a few. `includes/notice_group.html`
holds the table around them."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _text(value) -> str:
    return escape(str(value), quote=True) if value not in (None, "") else "—"


@register.simple_tag
def notice_rows(entries, *, individual: bool, is_open: bool, objection_url: str = "") -> SafeString:
    """`<tr>` rows of `honours.selectors.notice_rows` entries (public fields only)."""
    url = escape(objection_url, quote=True)
    genders: dict[str, str] = {}  # the few distinct genders and units, each escaped once
    units: dict[str, str] = {}
    rows = []
    for number, entry in enumerate(entries, start=1):
        name = escape(entry.name, quote=True)
        cells = [
            f'<td class="notice-table__num">{number}</td>'
            f'<th scope="row" class="notice-table__name">{name}</th>'
        ]
        if individual:
            gender = genders.get(entry.gender_label)
            if gender is None:
                gender = genders[entry.gender_label] = _text(entry.gender_label)
            cells.append(
                f'<td class="notice-table__gender" data-label="性别">{gender}</td>'
                f'<td class="notice-table__workplace" data-label="工作单位">{_text(entry.workplace)}</td>'
            )
        unit = units.get(entry.unit_label)
        if unit is None:
            unit = units[entry.unit_label] = escape(entry.unit_label, quote=True)
        cells.append(f'<td class="notice-table__unit" data-label="县（区）/部门">{unit}</td>')
        if is_open:
            cells.append(
                f'<td class="notice-table__action"><a href="{url}?entry={entry.pk}" '
                f'aria-label="对{name}提出异议">提出异议</a></td>'
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe("\n".join(rows))  # every value above is escaped
