from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from campaigns import rules as campaign_rules
from campaigns import selectors as campaign_selectors
from campaigns.enums import DecidedBy, Role
from filings import selectors as filing_selectors
from nominations import selectors as nomination_selectors
from nominations.enums import State
from portal import rules


@login_required
def workbench(request):
    """The front-office workbench (工作台) of a county or department: its quotas in use,
    what is due, its nominations by state."""
    if rules.is_city_office(request.user):
        return redirect("wagtailadmin_home")
    actor = rules.actor_for(request.user)
    if actor.unit is None:
        return TemplateResponse(request, "portal/workbench_no_unit.html", status=403)
    campaign = campaign_selectors.campaign_current_for(request.user)
    # Counties and lead departments name and nominate; other departments only file plans.
    nominates = campaign_rules.role_of(actor.unit) in (Role.COUNTY, Role.LEAD_DEPARTMENT)
    context = {"actor": actor, "campaign": campaign, "nominates": nominates}
    if campaign is not None:
        context["schedule"] = campaign_selectors.unit_schedule(campaign=campaign, unit=actor.unit)
        context["reminders"] = filing_selectors.unit_reminders(campaign=campaign, unit=actor.unit)
        if nominates:
            unit_counts = nomination_selectors.unit_nomination_counts(campaign=campaign, unit=actor.unit)
            counts = unit_counts.by_state()
            uses = nomination_selectors.quota_use(campaign=campaign, unit=actor.unit, counts=unit_counts)
            context.update(
                # 平安县（区） is decided by evaluation: its column is no nomination quota.
                quota_uses=[u for u in uses if getattr(u.honour, "decided_by", None) != DecidedBy.EVALUATION],
                state_counts=[(value, label, counts.get(value, 0)) for value, label in State.choices],
                nomination_total=sum(counts.values()),
                nomination_phase=campaign_rules.phase_status(
                    campaign=campaign, unit=actor.unit, key="nomination"
                ),
                office_updates=nomination_selectors.office_updates(campaign=campaign, unit=actor.unit),
            )
    return TemplateResponse(request, "portal/workbench.html", context)
