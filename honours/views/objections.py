"""The public objection form (异议) of a notice page, at the page's `objection/` route.

Open to anyone, without an account, while the notice is open (DOMAIN.md §4: "the public
may file an objection online with a real name and contact"); guarded by a captcha and a
rate limit per address (settings.OBJECTION_RATE), answered with HTTP 429 when it is hit.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django_ratelimit.decorators import ratelimit

from honours import selectors, services
from honours.forms import ObjectionForm

TEMPLATE = "honours/objection_form.html"
FILED_SESSION_KEY = "honours.objection_filed"
CAPTCHA_REFRESH = "captcha_refresh"  # the "换一张" button: a new captcha, nothing filed
KEPT_ON_REFRESH = ("name", "contact", "entry", "reasons")


def client_ip(request) -> str | None:
    """The sender's address, as the rate limit sees it (RATELIMIT_IP_META_KEY behind a proxy)."""
    meta_key = getattr(settings, "RATELIMIT_IP_META_KEY", None) or "REMOTE_ADDR"
    try:
        return str(ipaddress.ip_address(request.META.get(meta_key, "").strip()))
    except ValueError:
        return None


def _is_captcha_refresh(request) -> bool:
    return request.method == "POST" and CAPTCHA_REFRESH in request.POST


def objection_rate(group, request) -> str | None:
    """Every submission counts; asking for a new captcha image does not (it files nothing)."""
    return None if _is_captcha_refresh(request) else settings.OBJECTION_RATE


def _objection_url(request, notice) -> str:
    return notice.get_url(request) + notice.reverse_subpage("objection")


def _render(request, notice, detail: dict, *, status: int = 200, **context) -> HttpResponse:
    context = {"page": notice, "self": notice, **detail, **context}
    return TemplateResponse(request, TEMPLATE, context, status=status)


@ratelimit(key="ip", rate=objection_rate, method="POST", block=False)
def objection_create(request, *, notice) -> HttpResponse:
    today = timezone.localdate()
    detail = selectors.notice_detail(notice=notice, today=today)
    if request.limited:
        return _render(request, notice, detail, status=429, limited=True)
    if not detail["is_open"]:
        # The page closes itself: no form before or after the period, and nothing is filed.
        return _render(request, notice, detail, status=403 if request.method == "POST" else 200)

    groups = detail["groups"]
    if request.method == "POST" and not _is_captcha_refresh(request):
        form = ObjectionForm(request.POST, request.FILES, notice=notice, groups=groups)
        if form.is_valid():
            data = form.cleaned_data
            try:
                objection = services.objection_file(
                    entry=data["entry"],
                    name=data["name"],
                    contact=data["contact"],
                    reasons=data["reasons"],
                    attachment=data["attachment"],
                    ip_address=client_ip(request),
                    today=today,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.session[FILED_SESSION_KEY] = {
                    "notice": notice.pk,
                    "entry": objection.entry.name,
                    "submitted_at": date_format(timezone.localtime(objection.submitted_at), "Y年n月j日 H:i"),
                }
                return HttpResponseRedirect(_objection_url(request, notice))
    elif request.method == "POST":
        initial = {name: request.POST.get(name, "") for name in KEPT_ON_REFRESH}
        form = ObjectionForm(notice=notice, groups=groups, initial=initial)
    else:
        filed = request.session.pop(FILED_SESSION_KEY, None)
        if filed and filed.get("notice") == notice.pk:
            return _render(request, notice, detail, filed=filed)
        form = ObjectionForm(notice=notice, groups=groups, initial={"entry": request.GET.get("entry")})
    return _render(request, notice, detail, form=form, captcha_refresh=CAPTCHA_REFRESH)
