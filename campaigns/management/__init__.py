"""Management commands of the campaigns app, and what they share."""

from django.core.management.base import CommandError


def campaign_from_option(value: str):
    """The campaign page named on the command line: its slug (shangluo-2018) or its id."""
    from campaigns.models import CampaignPage

    matches = list(CampaignPage.objects.filter(slug=value).select_related("city")[:2])
    if not matches and value.isdigit():
        matches = list(CampaignPage.objects.filter(pk=int(value)).select_related("city"))
    if not matches:
        raise CommandError(f"找不到创建活动“{value}”（请填写创建活动页面的slug，如 shangluo-2018）。")
    if len(matches) > 1:
        raise CommandError(f"有多个创建活动的slug为“{value}”，请改用页面ID。")
    return matches[0]
