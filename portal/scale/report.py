"""What a build made: counts per model and per state, the time it took, and what the
bench needs to find its pages and accounts (also written to `var/scale.json`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db.models import Count, Q

from nominations.enums import State


@dataclass
class Report:
    seed: int
    factor: float
    built: bool = True  # False: the set was already there, nothing was written
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    states: dict[str, int] = field(default_factory=dict)
    steps: dict[str, float] = field(default_factory=dict)
    bench: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        head = "规模测试数据已生成" if self.built else "规模测试数据已存在，未作改动"
        lines = [f"{head}（seed={self.seed}，factor={self.factor}）"]
        width = max((len(k) for k in [*self.counts, *self.states]), default=10) + 2
        lines.append("-- 记录数 --")
        lines += [f"{name:<{width}}{n:>10,}" for name, n in self.counts.items()]
        lines.append("-- 推荐申报状态 --")
        labels = dict(State.choices)
        lines += [f"{state:<{width}}{n:>10,}  {labels.get(state, '')}" for state, n in self.states.items()]
        if self.steps:
            lines.append("-- 用时 --")
            lines += [f"{step:<{width}}{s:>9.1f}s" for step, s in self.steps.items()]
        lines.append(f"共用时 {self.seconds:.1f} 秒")
        for key, value in self.bench.items():
            lines.append(f"{key}: {value}")
        return lines

    def as_dict(self) -> dict:
        return asdict(self)

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def count(province) -> tuple[dict[str, int], dict[str, int]]:
    """Rows of the set of `province` per model, and nominations per state."""
    from django.contrib.auth.models import User

    from campaigns.models import CampaignPage, CountyQuota, SectorQuota
    from honours.models import CommendationPage, Honour, NoticeEntry, NoticePage, Objection
    from nominations.models import LocalTitle, Nomination, NominationEvent, Nominee, Verification
    from portal.models import Jurisdiction

    in_city = {"campaign__city__parent": province}
    nominations = Nomination.objects.filter(**in_city)
    notices = NoticePage.objects.filter(
        pk__in=NoticeEntry.objects.filter(nomination__campaign__city__parent=province).values("notice_id")
    )
    counts = {
        "cities": Jurisdiction.objects.filter(parent=province).count(),
        "counties": Jurisdiction.objects.filter(parent__parent=province).count(),
        "towns": Jurisdiction.objects.filter(parent__parent__parent=province).count(),
        "villages": Jurisdiction.objects.filter(parent__parent__parent__parent=province).count(),
        "accounts": User.objects.filter(groups__jurisdiction__parent__parent=province).count()
        + User.objects.filter(groups__department__city__parent=province).count(),
        "campaign pages": CampaignPage.objects.filter(city__parent=province).count(),
        "county quotas": CountyQuota.objects.filter(**in_city).count(),
        "sector quotas": SectorQuota.objects.filter(**in_city).count(),
        "nominees": Nominee.objects.filter(unit_q(province)).count(),
        "local titles": LocalTitle.objects.filter(unit_q(province)).count(),
        "nominations": nominations.count(),
        "nomination events": NominationEvent.objects.filter(
            nomination__campaign__city__parent=province
        ).count(),
        "verifications": Verification.objects.filter(nomination__campaign__city__parent=province).count(),
        "notice pages": notices.count(),
        "notice entries": NoticeEntry.objects.filter(nomination__campaign__city__parent=province).count(),
        "objections": Objection.objects.filter(entry__nomination__campaign__city__parent=province).count(),
        "commendation pages": CommendationPage.objects.filter(notice__in=notices).count(),
        "honours": Honour.objects.filter(city__parent=province).count(),
    }
    states = {
        r["state"]: r["n"] for r in nominations.values("state").annotate(n=Count("id")).order_by("state")
    }
    return counts, {s: states.get(s, 0) for s in State.values}


def unit_q(province) -> Q:
    """Records owned by a county or a department of the province's cities."""
    return Q(county__parent__parent=province) | Q(department__city__parent=province)


def places_q(province) -> Q:
    return (
        Q(pk=province.pk)
        | Q(parent=province)
        | Q(parent__parent=province)
        | Q(parent__parent__parent=province)
        | Q(parent__parent__parent__parent=province)
    )


def digest(province) -> str:
    """A hash of the set's key columns, in a stable order (no ids, no clock times): two
    builds with the same seed and factor give the same digest."""
    from honours.models import Honour, NoticeEntry
    from nominations.models import LocalTitle, Nomination, Nominee
    from portal.models import Jurisdiction

    h = hashlib.sha256()
    jurisdiction = ("level", "name", "slug", "category", "parent__name")
    nominee = ("county__name", "department__name", "kind", "name", "gender", "id_number", "mobile", "address")
    tables = [
        (Jurisdiction.objects.filter(places_q(province)), jurisdiction),
        (
            Nominee.objects.filter(unit_q(province)),
            (*nominee, "workplace"),
        ),
        (
            LocalTitle.objects.filter(unit_q(province)),
            ("county__name", "department__name", "year", "brand__slug", "sector__slug", "nominee__name",
             "nominee__address", "nominee__id_number", "document_number"),
        ),
        (
            Nomination.objects.filter(campaign__city__parent=province),
            ("campaign__slug", "county__name", "department__name", "brand__slug", "sector__slug",
             "nominee__name", "nominee__address", "nominee__id_number", "state", "submitted_at",
             "updated_at"),
        ),
        (
            NoticeEntry.objects.filter(nomination__campaign__city__parent=province),
            ("notice__url_path", "sort_order", "name"),
        ),
        (Honour.objects.filter(city__parent=province), ("number", "name", "search_text", "revoked_on")),
    ]  # fmt: skip
    for queryset, columns in tables:
        rows = queryset.order_by(*columns).values_list(*columns)
        for row in rows.iterator(chunk_size=5000):
            h.update(repr(row).encode())
    return h.hexdigest()
