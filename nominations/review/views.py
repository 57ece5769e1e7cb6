"""The city office's review (推荐评审) in the Wagtail admin: a board of the current
campaign's nominations (filter, page, bulk accept/return) and a review page per
nomination with the office's moves.

Thin views: every move goes through `nominations.services` (one nomination:
`nomination_transition`; several: `nominations_bulk_move`). Only the city office
(`portal.rules.is_city_office`) may use them; anyone else with admin access gets 403
(Wagtail itself sends users without admin access to the login page first).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin import messages

from campaigns.selectors import campaign_current_for
from nominations import rules, selectors, services
from nominations.enums import State
from nominations.models import Nomination, NominationFile
from nominations.review import export_views
from nominations.review.filters import ReviewFilter
from nominations.workflow import By
from portal import rules as portal_rules
from portal import uploads
from portal.admin_views import office_only as admin_office_only

app_name = "nominations_review"

PER_PAGE = 50


office_only = admin_office_only(portal_rules.is_city_office, what="推荐评审")


def _nominations(user):
    """Every nomination of the office's own city (a superuser's: every city's)."""
    nominations = Nomination.objects.select_related(
        "nominee", "nominee__place", "brand", "sector", "county", "department", "campaign", "title"
    )
    department = portal_rules.actor_for(user).department
    if department is not None and not user.is_superuser:
        nominations = nominations.filter(campaign__city_id=department.city_id)
    return nominations


class BulkMoveForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "形式审查通过"), ("return", "退回修改")])
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="退回理由")
    nominations = forms.ModelMultipleChoiceField(queryset=Nomination.objects.none())

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = queryset

    def clean(self):
        data = super().clean()
        if data.get("action") == "return" and not data.get("reason", "").strip():
            self.add_error("reason", "批量退回须填写退回理由。")
        return data


class MoveForm(forms.Form):
    action = forms.CharField()
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="理由")


def _form_errors(form: forms.Form) -> list[str]:
    if "nominations" in form.errors:
        return ["请至少选择一项推荐。"]
    return [e for errors in form.errors.values() for e in errors]


def _report_bulk(request, action: str, results) -> None:
    label = dict(BulkMoveForm.base_fields["action"].choices)[action]
    done = sum(1 for _, error in results if error is None)
    failed = [(n, error) for n, error in results if error is not None]
    if done:
        messages.success(request, f"{label}：成功办理{done}件。")
    if failed:
        messages.error(request, f"{label}：{len(failed)}件未能办理。")
        for nomination, error in failed:
            messages.error(request, f"{nomination.nominee}（{nomination.honour}）：{error}")


# The rows show the nominee's name, the honour, the unit, the state and the date: read only
# those. The nominee is joined; the brand, sector, county and department (a city has a few
# dozen) are fetched by id beside the page: joining them too made PostgreSQL plan a
# seven-table join for every page, 11 ms of planning for 1 ms of work.
BOARD_LOOKUPS = ("brand", "sector", "county", "department")
BOARD_FIELDS = ("state", "submitted_at", "campaign_id", "nominee", "nominee__name", *BOARD_LOOKUPS)


def _board_rows(nominations):
    return (
        nominations.select_related(None)
        .select_related("nominee")
        .prefetch_related(
            *(
                Prefetch(name, queryset=Nomination._meta.get_field(name).related_model.objects.only("name"))
                for name in BOARD_LOOKUPS
            )
        )
        .only(*BOARD_FIELDS)
    )


@require_http_methods(["GET", "POST"])
@office_only
def board(request):
    campaign = campaign_current_for(request.user)
    if campaign is None:
        nominations = Nomination.objects.none()
        city = None
    else:
        nominations = _nominations(request.user).filter(campaign=campaign).order_by("-submitted_at", "-id")
        city = campaign.city
    if request.method == "POST":
        form = BulkMoveForm(request.POST, queryset=nominations)
        if form.is_valid():
            results = services.nominations_bulk_move(
                nominations=form.cleaned_data["nominations"],
                action=form.cleaned_data["action"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            _report_bulk(request, form.cleaned_data["action"], results)
        else:
            for error in _form_errors(form):
                messages.error(request, error)
        return redirect(request.get_full_path())
    filterset = ReviewFilter(request.GET or None, _board_rows(nominations), city=city)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "nominations/review/board.html",
        {
            "campaign": campaign,
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "bulk_form": BulkMoveForm(queryset=nominations),
        },
    )


def _inspector_label(user) -> str:
    return f"{user.get_full_name() or user.username}（{user.username}）"


# Verification passes or fails through its own form (a record of who went, when, what they
# found), never through a bare button.
THROUGH_VERIFICATION = {"verify"}


def _office_moves(user, nomination: Nomination):
    return [
        m
        for m in rules.moves_for(user, nomination)
        if m.by == By.OFFICE and m.action not in THROUGH_VERIFICATION
    ]


class VerificationForm(forms.Form):
    visited_on = forms.DateField(label="核查日期", widget=forms.DateInput(attrs={"type": "date"}))
    inspectors = forms.ModelMultipleChoiceField(
        label="核查人员",
        queryset=User.objects.filter(is_active=True, groups__isnull=False).distinct().order_by("username"),
        help_text="按住Ctrl可多选；不得核查本县（区）的推荐对象。",
    )
    findings = forms.CharField(label="核查情况", widget=forms.Textarea(attrs={"rows": 4}))
    passed = forms.TypedChoiceField(
        label="核查结论", choices=[("1", "通过"), ("0", "不通过")], coerce=lambda v: v == "1"
    )
    photos = forms.FileField(label="核查照片", required=False, widget=forms.ClearableFileInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username}（{u.username}）"
        )

    def clean_photos(self):
        photo = self.cleaned_data.get("photos")
        if photo:
            uploads.validate_image(photo)
        return [photo] if photo else []


def _review_page(
    request,
    nomination: Nomination,
    *,
    move_form: MoveForm | None = None,
    verification_form: VerificationForm | None = None,
) -> TemplateResponse:
    files = list(nomination.files.all())
    live = rules.eligibility(nomination, stage="review")
    return TemplateResponse(
        request,
        "nominations/review/detail.html",
        {
            "nomination": nomination,
            "nominee": nomination.nominee,
            "snapshot": [rules.Check(**c) for c in nomination.eligibility],
            "live": live,
            "live_ok": all(c.ok for c in live),
            "timeline": selectors.nomination_timeline(nomination=nomination),
            "moves": _office_moves(request.user, nomination),
            "photos": [f for f in files if f.kind == NominationFile.Kind.PHOTO],
            "documents": [f for f in files if f.kind == NominationFile.Kind.DOCUMENT],
            "move_form": move_form or MoveForm(),
            "verification_form": verification_form or VerificationForm(),
            "can_verify": nomination.state == State.ACCEPTED,
            "verifications": list(nomination.verifications.prefetch_related("inspectors")),
        },
    )


@require_GET
@office_only
def detail(request, pk: int):
    return _review_page(request, get_object_or_404(_nominations(request.user), pk=pk))


@require_http_methods(["POST"])
@office_only
def move(request, pk: int):
    """One of the office's moves through `nomination_transition`, then back to the review
    page with a message."""
    nomination = get_object_or_404(_nominations(request.user), pk=pk)
    form = MoveForm(request.POST)
    form.is_valid()
    action = form.cleaned_data.get("action", "")
    if action in THROUGH_VERIFICATION:
        messages.error(request, "实地核查通过须填写实地核查记录。")
        return redirect(reverse("nominations_review:detail", args=[nomination.pk]))
    try:
        services.nomination_transition(
            nomination=nomination,
            action=action,
            actor=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
    except services.NotEligible as exc:
        messages.error(request, "不符合资格条件，未能办理：")
        for check in exc.checks:
            if not check.ok:
                messages.error(request, f"{check.label}：{check.detail}")
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "无权执行此操作。")
    else:
        messages.success(request, f"{nomination}：已办理，当前状态为“{nomination.get_state_display()}”。")
    return redirect(reverse("nominations_review:detail", args=[nomination.pk]))


@require_http_methods(["POST"])
@office_only
def verify(request, pk: int):
    """Record an on-site verification; the service moves the nomination (verified or rejected)."""
    nomination = get_object_or_404(_nominations(request.user), pk=pk)
    form = VerificationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.verification_record(nomination=nomination, actor=request.user, **form.cleaned_data)
        except services.NotEligible as exc:
            for check in exc.checks:
                if not check.ok:
                    messages.error(request, f"{check.label}：{check.detail}")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已记录对“{nomination.nominee}”的实地核查。")
            return redirect(reverse("nominations_review:detail", args=[nomination.pk]))
    if form.errors:
        messages.error(request, "实地核查未能记录，请检查表单。")
    return _review_page(request, nomination, verification_form=form)


urlpatterns = [
    path("", board, name="board"),
    path("exports/", export_views.export_create, name="export_create"),
    path("exports/<int:pk>/", export_views.export_detail, name="export_detail"),
    path("exports/<int:pk>/file/", export_views.export_file, name="export_file"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/move/", move, name="move"),
    path("<int:pk>/verify/", verify, name="verify"),
]
