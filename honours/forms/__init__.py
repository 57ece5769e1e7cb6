from .office import CommendationCreateForm, HonourRevokeForm, NoticeCreateForm, ObjectionSettleForm
from .public import ObjectionForm
from .roll import HonourSearchForm

__all__ = [
    "CommendationCreateForm",
    "HonourRevokeForm",
    "HonourSearchForm",
    "NoticeCreateForm",
    "ObjectionForm",
    "ObjectionSettleForm",
]
