"""Read-only helpers for the public templates: site navigation and phase-calendar views."""

from __future__ import annotations

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.models import Page, Site

from campaigns.models import CampaignIndexPage, NewsIndexPage
from portal.dates import day_label

register = template.Library()


@register.simple_tag(takes_context=True)
def site_nav(context) -> list[dict]:
    """The header's links: home, the campaign index, the news index, the honour roll (if published).

    Each item: title, url, active. The workbench / login link is added by the template,
    which knows whether the user is logged in.
    """
    request = context.get("request")
    if request is None:
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    items = [{"title": "首页", "url": root.get_url(request), "exact": True}]
    from honours.models import HonourRollPage

    sections = {CampaignIndexPage: "创建活动", NewsIndexPage: "新闻动态", HonourRollPage: "荣誉榜"}
    types = ContentType.objects.get_for_models(*sections)
    # One query for the three section pages (the first live one of each type, in tree order):
    # children of the home page, the only parent their `parent_page_types` allow.
    found: dict[int, Page] = {}
    for page in (
        Page.objects.live()
        .child_of(root)
        .filter(content_type__in=types.values())
        .order_by("path")
        .only("id", "path", "depth", "url_path", "content_type_id")
    ):
        found.setdefault(page.content_type_id, page)
    for model, title in sections.items():
        index = found.get(types[model].pk)
        if index is not None:
            items.append({"title": title, "url": index.get_url(request), "exact": False})
    path = request.path
    for item in items:
        url = item["url"] or ""
        item["active"] = path == url if item.pop("exact") else bool(url) and path.startswith(url)
    return items


@register.filter
def ancestors(page) -> list[Page]:
    """The page's ancestors below the tree's root, home first: as the home page's route
    found them (`HomePage.route`: no query), or from the tree (a preview, a page reached
    another way)."""
    routed = getattr(page, "routed_ancestors", None)
    if routed is not None:
        return routed
    return [a for a in page.get_ancestors() if not a.is_root()]


@register.filter
def next_due(schedule) -> list:
    """The scheduled milestones marked next (all those sharing the earliest open date)."""
    return [s for s in schedule or [] if s.is_next]


@register.filter
def final_due(schedule, count: int = 3) -> list:
    """The milestones of the last `count` due dates: the closing steps of a campaign."""
    schedule = list(schedule or [])
    dates = sorted({s.milestone.due_on for s in schedule})[-int(count) :]
    return [s for s in schedule if s.milestone.due_on in dates]


@register.filter
def outside_allocation_table(brands) -> list:
    """Brands with a quota column that the plan's own allocation table does not have."""
    return [b for b in brands or [] if not b.in_allocation_table]


@register.filter
def quota_sum(rows) -> int:
    """The sum of `.quota` over quota rows (CountyQuota or SectorQuota)."""
    return sum(r.quota for r in rows or [])


@register.filter
def choice_values(choices) -> list:
    """The values of a choices list [(value, label), ...]."""
    return [value for value, _ in choices or []]


def _time(day, label: str) -> SafeString:
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), label)


@register.simple_tag
def milestone_when(milestone) -> SafeString:
    """When a milestone is due, as the phase calendar writes it: "2018年3月20日前", or a
    period "2018年4月1日—10月31日" (the year repeated only when it changes). Written in
    Python: four date filters a milestone cost the campaign page about 1 ms."""
    due, start = milestone.due_on, milestone.starts_on
    if start is None:
        return format_html("{}前", _time(due, day_label(due)))
    end = f"{due.month}月{due.day}日" if start.year == due.year else day_label(due)
    return format_html("{}—{}", _time(start, day_label(start)), _time(due, end))
