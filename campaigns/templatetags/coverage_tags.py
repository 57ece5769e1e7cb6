"""One coverage or compliance figure (campaigns.coverage.Ratio), written in Python: the
campaign page shows 34 of them, the office's screens a few hundred, and an include per
figure (with its bar) cost the campaign page some 3 ms of template rendering.

The markup: the percentage (or why there is none), whether it meets the target, and an
inline SVG bar with the target marked. No inline CSS (the site's Content-Security-Policy
forbids it): sizes are SVG attributes, colours come from coverage.css by state."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from campaigns.coverage import Ratio

register = template.Library()

FLAGS = {True: "达标", False: "未达目标"}


@register.simple_tag
def coverage_figure(ratio: Ratio) -> SafeString:
    state = ratio.state
    flag = FLAGS.get(ratio.meets)
    return format_html(
        '<span class="coverage-figure coverage-figure--{}">'
        '<span class="coverage-figure__value">{}</span>{}{}</span>',
        state,
        ratio.label,
        format_html('<span class="coverage-figure__flag">{}</span>', flag) if flag else "",
        coverage_bar(ratio),
    )


def coverage_bar(ratio: Ratio) -> SafeString:
    """The bar, or nothing when the ratio has no figure. Every value is a number or a state
    name computed here, never user text."""
    if ratio.percent is None:
        return mark_safe("")
    return format_html(
        '<svg class="coverage-bar coverage-bar--{}" viewBox="0 0 100 10" preserveAspectRatio="none" '
        'width="120" height="10" aria-hidden="true" focusable="false">'
        '<rect class="coverage-bar__track" x="0" y="0" width="100" height="10"/>'
        '<rect class="coverage-bar__value" x="0" y="0" width="{}" height="10"/>'
        '<line class="coverage-bar__target" x1="{}" x2="{}" y1="0" y2="10" '
        'vector-effect="non-scaling-stroke"/>'
        "</svg>",
        ratio.state,
        ratio.bar,
        ratio.target_mark,
        ratio.target_mark,
    )
