from campaigns.models import CountyQuota, SectorQuota


def quota_snapshot(campaign) -> tuple[list, list]:
    return (
        sorted(CountyQuota.objects.filter(campaign=campaign).values_list("county_id", "brand_id", "quota")),
        sorted(SectorQuota.objects.filter(campaign=campaign).values_list("sector_id", "quota")),
    )
