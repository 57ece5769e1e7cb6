from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from campaigns import selectors as campaign_selectors
from portal import rules


@login_required
def workbench(request):
    """The front-office workbench (工作台) of a county or department."""
    if rules.is_city_office(request.user):
        return redirect("wagtailadmin_home")
    actor = rules.actor_for(request.user)
    if actor.unit is None:
        return TemplateResponse(request, "portal/workbench_no_unit.html", status=403)
    campaign = campaign_selectors.campaign_current()
    context = {"actor": actor, "campaign": campaign}
    if campaign is not None:
        context.update(campaign_selectors.unit_dashboard(campaign=campaign, actor=actor))
    return TemplateResponse(request, "portal/workbench.html", context)
