"""After the build: the model's rules, checked over every row of the scale set in SQL
(and in Python where a validator is Python), so a bulk path that slipped shows at once."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q

from campaigns.models import CountyQuota, SectorQuota
from nominations.models import Nomination, Nominee
from nominations.models.nominations import QUOTA_STATES
from nominations.tallies import title_tallies_mismatched
from portal.validators import id_number_gender, validate_id_number, validate_mobile


def problems(province) -> list[str]:
    """What breaks a rule in the scale set of `province`; empty when all is well."""
    found = []
    nominations = Nomination.objects.filter(campaign__city__parent=province)
    mismatched = nominations.filter(
        ~Q(title__nominee_id=F("nominee_id"))
        | Q(brand__isnull=False) & (~Q(title__brand_id=F("brand_id")) | ~Q(title__county_id=F("county_id")))
        | Q(sector__isnull=False)
        & (~Q(title__sector_id=F("sector_id")) | ~Q(title__department_id=F("department_id")))
    ).count()
    if mismatched:
        found.append(f"{mismatched} nominations without the nominee's title of their honour")

    tallies = title_tallies_mismatched()
    if tallies:
        found.append(f"{len(tallies)} title tallies differ from their titles, e.g. {tallies[0]}")

    used = nominations.filter(state__in=QUOTA_STATES)
    county_used = {
        (r["campaign_id"], r["county_id"], r["brand_id"]): r["n"]
        for r in used.filter(brand__isnull=False)
        .values("campaign_id", "county_id", "brand_id")
        .annotate(n=Count("id"))
    }
    quotas = {
        (q.campaign_id, q.county_id, q.brand_id): q.quota
        for q in CountyQuota.objects.filter(campaign__city__parent=province)
    }
    over = [k for k, n in county_used.items() if n > quotas.get(k, 0)]
    sector_used = {
        (r["campaign_id"], r["sector_id"]): r["n"]
        for r in used.filter(sector__isnull=False).values("campaign_id", "sector_id").annotate(n=Count("id"))
    }
    sector_quotas = {
        (q.campaign_id, q.sector_id): q.quota
        for q in SectorQuota.objects.filter(campaign__city__parent=province)
    }
    over += [k for k, n in sector_used.items() if n > sector_quotas.get(k, 0)]
    if over:
        found.append(f"{len(over)} quotas exceeded, e.g. {over[0]}")

    people = Nominee.objects.filter(
        Q(county__parent__parent=province) | Q(department__city__parent=province)
    ).exclude(id_number="")
    bad = 0
    for id_number, gender, mobile in people.values_list("id_number", "gender", "mobile").iterator(
        chunk_size=5000
    ):
        try:
            validate_id_number(id_number)
            validate_mobile(mobile)
        except ValidationError:
            bad += 1
            continue
        bad += id_number_gender(id_number) != gender
    if bad:
        found.append(f"{bad} nominees with an invalid ID number, mobile or gender")
    return found
