"""The workbench views named in `nominations.urls`, split by subject:
`records` (nominees, titles, demo sites) and `nominations` (推荐申报)."""

from .nominations import (
    nomination_create,
    nomination_detail,
    nomination_edit,
    nomination_file,
    nomination_history,
    nomination_list,
    nomination_move,
)
from .records import (
    demo_site_create,
    demo_site_list,
    nominee_create,
    nominee_detail,
    nominee_edit,
    nominee_list,
    title_create,
    title_list,
)

__all__ = [
    "demo_site_create",
    "demo_site_list",
    "nomination_create",
    "nomination_detail",
    "nomination_edit",
    "nomination_file",
    "nomination_history",
    "nomination_list",
    "nomination_move",
    "nominee_create",
    "nominee_detail",
    "nominee_edit",
    "nominee_list",
    "title_create",
    "title_list",
]
