from .census import SectorCensus, UnitCensus
from .deadlines import Extension
from .news import NewsIndexPage, NewsPage
from .pages import BrandPage, CampaignIndexPage, CampaignPage, Milestone, SectorPage
from .quotas import CountyQuota, SectorQuota
from .registry import Brand, Sector, SectorCooperation

__all__ = [
    "Brand",
    "BrandPage",
    "CampaignIndexPage",
    "CampaignPage",
    "CountyQuota",
    "Extension",
    "Milestone",
    "NewsIndexPage",
    "NewsPage",
    "Sector",
    "SectorCensus",
    "SectorCooperation",
    "SectorPage",
    "SectorQuota",
    "UnitCensus",
]
