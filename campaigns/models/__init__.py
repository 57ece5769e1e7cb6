from .news import NewsIndexPage, NewsPage
from .pages import BrandPage, CampaignIndexPage, CampaignPage, Milestone, SectorPage
from .quotas import CountyQuota, SectorQuota
from .registry import Brand, Sector

__all__ = [
    "Brand",
    "BrandPage",
    "CampaignIndexPage",
    "CampaignPage",
    "CountyQuota",
    "Milestone",
    "NewsIndexPage",
    "NewsPage",
    "Sector",
    "SectorPage",
    "SectorQuota",
]
