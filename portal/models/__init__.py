from .org import Department, Jurisdiction
from .pages import HomePage, PortalPage, StandardPage
from .site_settings import SiteSettings
from .units import UnitOwned

__all__ = [
    "Department",
    "HomePage",
    "Jurisdiction",
    "PortalPage",
    "SiteSettings",
    "StandardPage",
    "UnitOwned",
]
