"""Notice entries (公示对象), objections and honours (荣誉榜) of the scale set, in bulk, as
`honours.services.notice_create` / `objection_settle` / `commendation_confer` would leave
them: entries in the notice's order, public fields only, numbered certificates per city
and year, the bigram `search_text`, and the honours added to the search index in bulk."""

from __future__ import annotations

import datetime
import random

from wagtail.search.backends import get_search_backend

from campaigns.enums import BrandKind
from honours.enums import Finding
from honours.models import Honour, NoticeEntry, Objection
from honours.search import index_text
from portal.scale import bulk
from portal.scale.names import Names
from portal.scale.pages import commended_on, notice_starts_on
from portal.scale.registry import City

INDEX_BATCH = 1000
REVOKED_SHARE = 0.005
UPHELD = "经县综治办和市综治办联合核实，反映情况属实，不予命名。"
DISMISSED = "经核实，所反映问题已于当年妥善处理，创建措施落实，群众满意度高，异议不成立。"
OBJECTION = "据我了解，{}今年发生过治安案件，群众反映较多，请组织核实。"
REVOKE = "该单位次年发生较大安全生产责任事故，依照规定撤销命名。"


def _order_key(nomination):
    honour = (
        (0, nomination.brand.sort_order, nomination.brand.pk)
        if nomination.brand_id
        else (1, nomination.sector.sort_order, nomination.sector.pk)
    )
    unit = nomination.county or nomination.department
    return (*honour, unit.sort_order, nomination.nominee.name, nomination.pk)


def _public(row, nomination) -> None:
    """Listing.copy_from without its queries: the related objects are already at hand."""
    nominee = nomination.nominee
    row.brand, row.sector = nomination.brand, nomination.sector
    row.county, row.department = nomination.county, nomination.department
    row.kind = nominee.kind
    row.name = nominee.name
    individual = nominee.kind == BrandKind.INDIVIDUAL
    row.gender = nominee.gender if individual else ""
    row.workplace = nominee.workplace if individual else ""


class December:
    def __init__(self, rng: random.Random, names: Names):
        self.rng = rng
        self.names = names
        self.entries = 0
        self.objections = 0
        self.honours: list[Honour] = []

    def build(self, city: City, year: int, listed: list) -> None:
        notice = city.notices[year]
        outcome = {n.pk: o for n, o in listed}
        ordered = sorted((n for n, _ in listed), key=_order_key)
        entries = []
        for i, nomination in enumerate(ordered):
            entry = NoticeEntry(notice=notice, nomination=nomination, sort_order=i)
            _public(entry, nomination)
            entries.append(entry)
        bulk.create(NoticeEntry, entries)
        self.entries += len(entries)
        self.objections += self._objections(city, year, entries, outcome)
        decision = city.commendations.get(year)
        if decision is None:
            return
        honours = []
        for sequence, entry in enumerate(e for e in entries if outcome[e.nomination.pk] == "commended"):
            number = f"{decision.certificate_prefix}〔{year}〕{sequence + 1:04d}号"
            honour = Honour(
                commendation=decision,
                nomination=entry.nomination,
                city=city.city,
                year=year,
                number=number,
                conferred_on=decision.issued_on,
                sort_order=sequence,
            )
            _public(honour, entry.nomination)
            honour.search_text = index_text(
                honour.name, honour.workplace, honour.unit_label, honour.honour_label, number
            )
            if self.rng.random() < REVOKED_SHARE:
                honour.revoked_on = datetime.date(year + 1, self.rng.randint(3, 10), self.rng.randint(1, 28))
                honour.revoke_reason = REVOKE
                honour.revoked_by = city.office_user
            honours.append(honour)
        bulk.create(Honour, honours)
        self.honours += honours

    def _objections(self, city: City, year: int, entries, outcome) -> int:
        """Every upheld objection behind a rejection on the notice; one dismissed a year."""
        starts_on = notice_starts_on(year)
        rows = []
        dismissed = False
        for entry in entries:
            upheld = outcome[entry.nomination.pk] == "rejected_objection"
            if not upheld and (dismissed or outcome[entry.nomination.pk] != "commended"):
                continue
            dismissed = dismissed or not upheld
            rows.append(
                Objection(
                    notice=entry.notice,
                    entry=entry,
                    name=self.names.person(),
                    contact=self.names.mobile(),
                    reasons=OBJECTION.format(entry.name),
                    submitted_at=bulk.at(starts_on + datetime.timedelta(days=2), self.rng.randrange(480)),
                    finding=Finding.UPHELD if upheld else Finding.DISMISSED,
                    finding_reason=UPHELD if upheld else DISMISSED,
                    settled_by=city.office_user,
                    settled_at=bulk.at(min(starts_on + datetime.timedelta(days=8), commended_on(year))),
                )
            )
        bulk.create(Objection, rows)
        return len(rows)

    def index(self) -> int:
        """Add every honour to the search backend in batches (what `update_index` does)."""
        backend = get_search_backend()
        for start in range(0, len(self.honours), INDEX_BATCH):
            backend.add_bulk(Honour, self.honours[start : start + INDEX_BATCH])
        return len(self.honours)
