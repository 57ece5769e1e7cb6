"""Nominations of every campaign, in bulk, each with the events of the path it took through
`nominations.workflow.MOVES` (who, when, why), its eligibility record and, when it was
visited, its on-site verification.

The rules of `nomination_transition` hold for the rows written: every nominee holds the
title of the honour from its own unit, no nominee twice for one honour in one campaign,
and each unit's quota covers every nomination that ever took a place in it (so no
county went over its quota at any moment of the year).
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from campaigns.models import CountyQuota, SectorQuota
from nominations.enums import State
from nominations.models import LocalTitle, Nomination, NominationEvent, Nominee, Verification
from portal.scale import bulk
from portal.scale.nominees import Nominees, make_title, title_named_on
from portal.scale.pages import commended_on, notice_starts_on
from portal.scale.registry import City

D, S, RET, W = State.DRAFT, State.SUBMITTED, State.RETURNED, State.WITHDRAWN
A, V, SL, R, C = State.ACCEPTED, State.VERIFIED, State.SHORTLISTED, State.REJECTED, State.COMMENDED

# Outcome → the states a nomination went through (after its draft).
PATHS = {
    "draft": [],
    "submitted": [S],
    "returned": [S, RET],
    "withdrawn_draft": [W],
    "withdrawn": [S, W],
    "accepted": [S, A],
    "verified": [S, A, V],
    "rejected_visit": [S, A, R],
    "rejected_verified": [S, A, V, R],
    "shortlisted": [S, A, V, SL],
    "rejected_objection": [S, A, V, SL, R],
    "commended": [S, A, V, SL, C],
}
PAST_MIX = {"rejected_visit": 10, "rejected_verified": 6, "rejected_objection": 3, "withdrawn": 8,
            "withdrawn_draft": 6, "returned": 12, "draft": 12}  # fmt: skip
CURRENT_MIX = {"draft": 22, "submitted": 25, "returned": 6, "withdrawn": 3, "withdrawn_draft": 3,
               "accepted": 18, "verified": 10, "rejected_visit": 5, "rejected_verified": 3}  # fmt: skip
BRAND_WEIGHTS = {"town": 2, "village": 16, "unit": 14, "estate": 10, "street": 1, "family": 20,
                 "gridworker": 18, "volunteer": 18}  # fmt: skip
SECTOR_SHARE = 0.04
RESUBMITTED = 0.1  # share of those accepted that had been returned once and corrected first
RETURN_REASONS = [
    "事迹材料过于简略，请补充具体做法和成效数据后重新提交。",
    "县级命名文件未上传，请补充命名文件扫描件。",
    "推荐表单位意见栏未盖章，请补充后重新提交。",
]
WITHDRAW_REASONS = ["经县综治办研究，调整本年度推荐对象。", "推荐对象本年度发生治安案件，主动撤回。"]
FINDINGS_PASS = "实地查看{}创建台账和现场，群众知晓率高，创建措施落实。"
FINDINGS_FAIL = "现场核查发现{}创建台账为临时补记，年内发生一起较大治安案件，不符合命名条件。"
DEEDS = [
    "扎实开展平安创建，全年未发生重大刑事案件和群体性事件，群众安全感满意度明显提升。",
    "建立矛盾纠纷排查化解机制，做到小事不出村、大事不出镇，群众安全感满意度达98%以上。",
    "常态化开展治安巡逻和入户走访，积极参与“万名红袖章”行动，协助破获案件多起。",
    "落实网格化服务管理，及时上报化解各类风险隐患，群众对平安建设知晓率、参与率明显提高。",
]


@dataclass
class Built:
    """What the nominations step leaves for the honours step and the report."""

    nominations: int = 0
    events: int = 0
    nominees: int = 0
    titles: int = 0
    verifications: int = 0
    states: Counter = field(default_factory=Counter)
    listed: dict = field(default_factory=dict)  # (city slug, year) → [(nomination, outcome)]


class Campaigns:
    def __init__(self, rng: random.Random, nominees: Nominees):
        self.rng = rng
        self.nominees = nominees
        self.built = Built()

    # --- sizes ---------------------------------------------------------------------

    def slots(self, city: City, year: int, total: int) -> list[tuple]:
        """(unit, honour) per nomination of one campaign: counties by weight, brands by
        weight within what each county can put up, a few for the lead departments."""
        rng = self.rng
        sector_total = round(total * SECTOR_SHARE)
        county_shares = bulk.split(total - sector_total, {k.pk: rng.uniform(0.6, 1.4) for k in city.counties})
        brands = [b for b in city.brands if b.slug in BRAND_WEIGHTS]
        slots = []
        for county in city.counties:
            left, weights, shares = county_shares[county.pk], dict(BRAND_WEIGHTS), {}
            for brand in brands:  # place-bound brands first, at most what the county has
                cap = self.nominees.capacity(city, county, brand)
                if cap is not None:
                    whole = sum(weights.values())
                    shares[brand.slug] = min(cap, round(left * weights.pop(brand.slug) / whole))
            left -= sum(shares.values())
            shares.update(bulk.split(left, weights))
            slots += [(county, b) for b in brands for _ in range(shares[b.slug])]
        sector_shares = bulk.split(sector_total, {s.pk: 1 for s in city.sectors})
        slots += [(city.leads[s.pk], s) for s in city.sectors for _ in range(sector_shares[s.pk])]
        return slots

    def outcomes(self, n: int, *, current: bool, honours: int, shortlisted: int) -> list[str]:
        if current:
            counts = bulk.split(n - shortlisted, CURRENT_MIX, minimum=1)
            counts["shortlisted"] = shortlisted
        else:
            counts = bulk.split(n - honours, PAST_MIX, minimum=1)
            counts["commended"] = honours
        return [o for o, k in counts.items() for _ in range(k)]

    # --- one campaign ------------------------------------------------------------------

    def build(self, city: City, year: int, *, total: int, honours: int, shortlisted: int, current: bool):
        rng = self.rng
        campaign = city.campaigns[year]
        slots = self.slots(city, year, total)
        outcomes = self.outcomes(len(slots), current=current, honours=honours, shortlisted=shortlisted)
        rng.shuffle(outcomes)
        by_honour: dict[tuple, list] = {}
        for (unit, honour), outcome in zip(slots, outcomes, strict=True):
            by_honour.setdefault((unit, honour), []).append(outcome)

        fresh: list[Nominee] = []
        rows = []  # (unit, honour, nominee, outcome)
        for (unit, honour), group in by_honour.items():
            for nominee, outcome in zip(
                self.nominees.pick(city, unit, honour, len(group), fresh=fresh), group, strict=True
            ):
                rows.append((unit, honour, nominee, outcome))
        named = bulk.at(title_named_on(year))
        for nominee in fresh:
            nominee.created_at = named
            nominee.created_by = city.users[(nominee.county or nominee.department).slug]
        bulk.create(Nominee, fresh)
        titles = [
            make_title(city, nominee, honour, year, unit=unit, actor=city.users[unit.slug])
            for unit, honour, nominee, _ in rows
        ]
        bulk.create(LocalTitle, titles)

        quotas = self.quotas(city, campaign, rows)
        used: Counter = Counter()
        nominations, paths = [], []
        for (unit, honour, nominee, outcome), title in zip(rows, titles, strict=True):
            path = self.path(year, outcome)
            key = (unit.pk, honour.pk, type(honour).__name__)
            if any(s == S for s, *_ in path):
                used[key] += 1
            nominations.append(
                self.nomination(city, campaign, unit, honour, nominee, title, path, quotas[key], used[key])
            )
            paths.append((path, outcome))
        bulk.create(Nomination, nominations)
        self.events(city, nominations, paths)
        listed = [(n, o) for n, (_, o) in zip(nominations, paths, strict=True) if SL in PATHS[o]]
        self.built.listed[(city.slug, year)] = listed
        b = self.built
        b.nominations += len(nominations)
        b.nominees += len(fresh)
        b.titles += len(titles)
        b.states.update(n.state for n in nominations)
        return nominations

    def quotas(self, city: City, campaign, rows) -> dict:
        """Each unit's quota per honour: room for every nomination it ever submitted (a
        returned or rejected one held its place while it was live), and a little more."""
        ever: Counter = Counter()
        units = {}
        for unit, honour, _, outcome in rows:
            key = (unit.pk, honour.pk, type(honour).__name__)
            units[key] = (unit, honour)
            ever[key] += S in PATHS[outcome]
        quotas = {k: ever[k] + max(1, ever[k] // 10) for k in units}
        county_rows = [
            CountyQuota(campaign=campaign, county=u, brand=h, quota=quotas[k])
            for k, (u, h) in units.items()
            if k[2] == "Brand"
        ]
        # 平安县（区）: one place per county in the allocation table, decided by evaluation.
        county_brand = next(b for b in city.brands if b.slug == "county")
        county_rows += [
            CountyQuota(campaign=campaign, county=k, brand=county_brand, quota=1) for k in city.counties
        ]
        bulk.create(CountyQuota, county_rows)
        sector_rows = [
            SectorQuota(campaign=campaign, sector=h, quota=quotas[k])
            for k, (_, h) in units.items()
            if k[2] == "Sector"
        ]
        bulk.create(SectorQuota, sector_rows)
        return quotas

    def path(self, year: int, outcome: str) -> list[tuple]:
        """[(state, when)] from the draft to where the nomination is now."""
        rng = self.rng
        nov, dec = datetime.date(year, 11, 1), datetime.date(year, 12, 1)

        def day(start: datetime.date, first: int, last: int) -> datetime.datetime:
            return bulk.at(start + datetime.timedelta(days=rng.randint(first, last)), rng.randrange(480))

        states = list(PATHS[outcome])
        if states[:2] == [S, A] and rng.random() < RESUBMITTED:
            states = [S, RET, *states]
        path = [(D, day(nov, 0, 14))]
        notice = notice_starts_on(year)
        for i, state in enumerate(states):
            previous = path[-1][0]
            if state == S:
                when = day(nov, 15, 24) if previous == D else day(nov, 27, 29)
            elif state == RET:
                when = day(nov, 25, 26) if i + 1 < len(states) else day(dec, 0, 3)
            elif state == W:
                when = day(nov, 15, 24) if previous == D else day(nov, 25, 29)
            elif state == A:
                when = day(dec, 0, 2)
            elif state == V or (state == R and previous == A):
                when = day(dec, 3, 5)
            elif state in (SL,) or (state == R and previous == V):
                when = bulk.at(notice - datetime.timedelta(days=1), rng.randrange(480))
            elif state == R:  # an objection upheld after the notice
                when = bulk.at(notice + datetime.timedelta(days=8), rng.randrange(480))
            else:  # commended
                when = bulk.at(commended_on(year), 60)
            path.append((state, max(when, path[-1][1] + datetime.timedelta(minutes=1))))
        return path

    def nomination(self, city, campaign, unit, honour, nominee, title, path, quota, used) -> Nomination:
        is_brand = type(honour).__name__ == "Brand"
        submitted = [when for state, when in path if state == S]
        checks = self.checks(campaign.year, title, path, quota, used)
        return Nomination(
            campaign=campaign,
            brand=honour if is_brand else None,
            sector=None if is_brand else honour,
            county=unit if is_brand else None,
            department=None if is_brand else unit,
            nominee=nominee,
            title=title,
            deeds=f"<p>{nominee.name}{self.rng.choice(DEEDS)}</p>",
            state=path[-1][0],
            eligibility=checks,
            submitted_at=submitted[-1] if submitted else None,
            created_at=path[0][1],
            updated_at=path[-1][1],
            created_by=city.users[unit.slug],
        )

    def checks(self, year: int, title, path, quota: int, used: int) -> list[dict]:
        """The eligibility record of the nomination's last checked move (as the service keeps it)."""
        states = [s for s, _ in path]
        if S not in states:
            return []
        level = "县级" if title.county_id else "领域"
        checks = [
            ("title", f"已获{level}命名", f"{title.year}年 {title.document_number}（{title.issuing_body}）")
        ]
        if not {A, V, SL, C} & set(states):
            checks += [
                ("quota", "名额尚有剩余", f"名额 {quota}，已用 {used - 1}，剩余 {quota - used + 1}"),
                ("phase", "推荐申报期内", f"截止日期：{year}-11-30"),
            ]
        checks += [
            ("duplicate", "本年度未重复推荐", "无重复"),
            ("standing", "单位评先资格", "未被取消评先资格"),
        ]
        return [{"code": c, "label": label, "ok": True, "detail": detail} for c, label, detail in checks]

    def events(self, city: City, nominations: list[Nomination], paths) -> None:
        rng = self.rng
        office = city.office_user
        events, visits = [], []
        for nomination, (path, _outcome) in zip(nominations, paths, strict=True):
            submitter = nomination.created_by
            name = nomination.nominee.name
            previous = None
            for state, when in path:
                actor, reason = office, ""
                if state == D:
                    actor, reason = submitter, "创建草稿"
                elif state == S:
                    actor = submitter
                elif state == W:
                    actor = submitter
                    reason = rng.choice(WITHDRAW_REASONS) if previous == S else ""
                elif state == RET:
                    reason = rng.choice(RETURN_REASONS)
                elif state == V or (state == R and previous == A):
                    passed = state == V
                    findings = (FINDINGS_PASS if passed else FINDINGS_FAIL).format(name)
                    reason = f"实地核查（{when:%Y-%m-%d}）：{findings}"
                    visits.append(
                        Verification(
                            nomination=nomination,
                            visited_on=when.date(),
                            findings=findings,
                            passed=passed,
                            recorded_by=office,
                            recorded_at=when,
                        )
                    )
                elif state == SL:
                    reason = "经实地核查和网络评选，确定为拟命名对象。"
                elif state == R and previous == V:
                    reason = "经网络评选和综合评定，未列入拟命名对象。"
                elif state == R:
                    reason = "公示异议成立：经县综治办和市综治办联合核实，反映情况属实，不予命名。"
                elif state == C:
                    decision = city.commendations[nomination.campaign.year]
                    document = f"《{decision.title}》（{decision.document_number}）"
                    reason = f"依据{decision.issuing_bodies}{document}命名表彰"
                events.append(
                    NominationEvent(
                        nomination=nomination,
                        from_state=previous or "",
                        to_state=state,
                        actor=actor,
                        at=when,
                        reason=reason,
                    )
                )
                previous = state
        bulk.create(NominationEvent, events)
        bulk.create(Verification, visits)
        through = Verification.inspectors.through
        bulk.create(through, [through(verification_id=v.pk, user_id=office.pk) for v in visits])
        self.built.events += len(events)
        self.built.verifications += len(visits)
