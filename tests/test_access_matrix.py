"""The access matrix: every URL of the portal's own apps, as every demo role.

Routes are discovered from the URL resolver, so a new view or admin screen that is
not listed in EXPECTED fails `test_every_own_route_is_in_the_matrix` until someone
decides who may open it. Object URLs are filled with a real row's primary key.
"""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.urls import URLResolver, get_resolver

OWN_APPS = ("portal", "campaigns", "nominations", "honours", "filings")
# shangzhou owns the records the object URLs point at; luonan is another county.
ROLES = ["anonymous", "office", "shangzhou", "luonan", "jiaoyu", "sifa"]

# What a response amounts to.
OK = "200"
LOGIN = "to login"
REFUSED = "403/404"
ADMIN_HOME = "to admin home"  # Wagtail's answer to a logged-in user lacking a permission
# Expectations are sets of acceptable verdicts.
DENIED = frozenset({LOGIN, REFUSED, ADMIN_HOME})
TO_ADMIN = frozenset({ADMIN_HOME})
ALLOWED = frozenset({OK})


def _office_only():
    return {
        "anonymous": DENIED,
        "office": ALLOWED,
        "shangzhou": DENIED,
        "luonan": DENIED,
        "jiaoyu": DENIED,
        "sifa": DENIED,
    }


def _office(code):
    return {**_office_only(), "office": code}


SNIPPET_MODELS = [
    "portal/jurisdiction",
    "portal/department",
    "campaigns/brand",
    "campaigns/sector",
    "campaigns/countyquota",
    "campaigns/sectorquota",
    "campaigns/extension",
    "campaigns/unitcensus",
    "campaigns/sectorcensus",
    "nominations/sanction",
    "filings/filingkind",
]

EXPECTED: dict[str, dict[str, object]] = {
    "workbench/": {
        "anonymous": DENIED,
        "office": TO_ADMIN,
        "shangzhou": ALLOWED,
        "luonan": ALLOWED,
        "jiaoyu": ALLOWED,
        "sifa": ALLOWED,
    },
}
for model in SNIPPET_MODELS:
    base = f"admin/snippets/{model}/"
    choose = f"admin/snippets/choose/{model}/"
    EXPECTED.update(
        {
            base: _office_only(),
            f"{base}results/": _office_only(),
            f"{base}add/": _office_only(),
            f"{base}edit/<int:pk>/": _office_only(),
            # Nothing is deleted: the office has no delete permission on registry or quotas.
            f"{base}delete/<int:pk>/": _office(DENIED),
            f"{base}usage/<int:pk>/": _office_only(),
            f"{base}history/<int:pk>/": _office_only(),
            f"{base}history-results/<int:pk>/": _office_only(),
            f"{base}copy/<int:pk>/": _office_only(),
            choose: _office_only(),
            f"{choose}results/": _office_only(),
            f"{choose}chosen/<str:pk>/": _office_only(),
            f"{choose}chosen-multiple/": _office_only(),
            f"{choose}create/": _office_only(),
        }
    )


# The city office's 示范点分配表 import/export screens.
EXPECTED.update(
    {
        route: _office_only()
        for route in (
            "admin/quotas/",
            "admin/quotas/<int:campaign_id>/import/",
            "admin/quotas/<int:campaign_id>/export/",
        )
    }
)


# The city office's review of nominations (推荐评审, nominations/review/views.py); the move
# URL is POST-only (a GET is 405).
EXPECTED.update(
    {
        "admin/review/": _office_only(),
        "admin/review/<int:pk>/": _office_only(),
        "admin/review/<int:pk>/move/": _office(frozenset({"405 "})),
        "admin/review/<int:pk>/verify/": _office(frozenset({"405 "})),
        # The office's background export of every nomination (nominations/exports.py).
        "admin/review/exports/": _office(frozenset({"405 "})),
        "admin/review/exports/<int:pk>/": _office_only(),
        "admin/review/exports/<int:pk>/file/": _office_only(),
    }
)


# The workbench (nominations.urls): counties and lead departments on their own unit's
# records; the city office reads every unit's (it works in the admin: 403 on changes); a
# department that leads no sector (sifa) names and nominates nothing (403). Object URLs
# are filled with a shangzhou draft, so another unit (jiaoyu) gets 404.
NOT_ALLOWED = frozenset({"405 "})  # a GET on a POST-only URL
WORKBENCH_READ = {**_office_only(), "shangzhou": ALLOWED, "luonan": ALLOWED, "jiaoyu": ALLOWED}
WORKBENCH_WRITE = {**WORKBENCH_READ, "office": DENIED}
OWN_RECORD = {**WORKBENCH_READ, "luonan": DENIED, "jiaoyu": DENIED}
OWN_RECORD_WRITE = {**OWN_RECORD, "office": DENIED}
EXPECTED.update(
    {
        "workbench/nominees/": WORKBENCH_READ,
        "workbench/nominees/new/": WORKBENCH_WRITE,
        "workbench/nominees/<int:pk>/": OWN_RECORD,
        "workbench/nominees/<int:pk>/edit/": OWN_RECORD_WRITE,
        "workbench/titles/": WORKBENCH_READ,
        "workbench/titles/new/": WORKBENCH_WRITE,
        "workbench/demo-sites/": WORKBENCH_READ,
        "workbench/demo-sites/new/": WORKBENCH_WRITE,
        "workbench/nominations/": WORKBENCH_READ,
        "workbench/nominations/new/": WORKBENCH_WRITE,
        "workbench/nominations/<int:pk>/": OWN_RECORD,
        "workbench/nominations/<int:pk>/edit/": OWN_RECORD_WRITE,
        "workbench/nominations/<int:pk>/history/": OWN_RECORD,
        "workbench/nominations/<int:pk>/move/<slug:action>/": {
            **OWN_RECORD,
            "office": NOT_ALLOWED,
            "shangzhou": NOT_ALLOWED,
        },
        "workbench/nominations/<int:pk>/files/<int:file_id>/": OWN_RECORD,
        # spreadsheets: templates and imports are per unit; the office may export
        "workbench/titles/template.xlsx": WORKBENCH_WRITE,
        "workbench/titles/import/": WORKBENCH_WRITE,
        "workbench/nominations/export.xlsx": WORKBENCH_READ,
        "workbench/nominations/template.xlsx": WORKBENCH_WRITE,
        "workbench/nominations/import/": WORKBENCH_WRITE,
    }
)


# The office's 公示与表彰 (honours/office/): office only; settling an objection is POST-only.
# Certificates are public (the honour roll links them).
EXPECTED.update(
    {
        route: _office_only()
        for route in (
            "admin/honours/",
            "admin/honours/notices/new/",
            "admin/honours/notices/<int:pk>/objections/",
            "admin/honours/objections/<int:pk>/attachment/",
            "admin/honours/commendations/new/",
            "admin/honours/honours/",
            "admin/honours/honours/results/",
            "admin/honours/honours/<int:pk>/revoke/",
        )
    }
)
EXPECTED["admin/honours/objections/<int:pk>/settle/"] = _office(NOT_ALLOWED)
EXPECTED["honours/certificates/<int:pk>.pdf"] = dict.fromkeys(ROLES, ALLOWED)


# Filings (filings/): every county and department files its own (sifa too); the office
# reads them in the workbench and works in the admin. Object URLs: a shangzhou filing.
EVERY_UNIT = {**WORKBENCH_READ, "sifa": ALLOWED, "office": ALLOWED}
EXPECTED.update(
    {
        "workbench/filings/": EVERY_UNIT,
        "workbench/filings/new/<int:kind_id>/": {
            **EVERY_UNIT,
            "office": DENIED,
            "jiaoyu": DENIED,
            "sifa": DENIED,
        },
        "workbench/filings/<int:pk>/": OWN_RECORD,
        "workbench/filings/<int:pk>/edit/": OWN_RECORD_WRITE,
        "workbench/filings/<int:pk>/submit/": {**OWN_RECORD, "office": NOT_ALLOWED, "shangzhou": NOT_ALLOWED},
        "workbench/filings/<int:pk>/files/<int:file_id>/": OWN_RECORD,
        "admin/filings/": _office_only(),
        # Coverage and compliance (campaigns/coverage.py) and the county census in xlsx.
        "admin/coverage/": _office_only(),
        "admin/coverage/census/import/": _office_only(),
        "admin/coverage/census.xlsx": _office_only(),
        "admin/filings/<int:pk>/": _office_only(),
        "admin/filings/<int:pk>/transition/": _office(NOT_ALLOWED),
        "admin/filings/files/<int:pk>/": _office_only(),
    }
)


def own_routes(patterns=None, prefix=""):
    """(route, pattern) for every URL served by the portal's own code or admin screens."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from own_routes(p.url_patterns, prefix + str(p.pattern))
            continue
        route = prefix + str(p.pattern)
        module = getattr(p.callback, "__module__", "")
        own_code = module.split(".")[0] in OWN_APPS
        own_snippet = re.match(r"admin/snippets/(choose/)?(portal|campaigns|nominations|filings)/", route)
        if own_code or own_snippet:
            yield route, p


def test_every_own_route_is_in_the_matrix():
    missing = sorted(route for route, _ in own_routes() if route not in EXPECTED)
    assert missing == []


def _fill(route: str, workbench: dict[str, int] | None = None) -> str:
    if "<" not in route:
        return "/" + route
    if route.startswith(("workbench/filings/", "admin/filings/")):
        route = route.replace("<int:kind_id>", str(workbench["filing_kind"]))
        route = route.replace("<int:file_id>", str(workbench["filing_file"]))
        if route.startswith("admin/filings/files/"):
            return "/" + route.replace("<int:pk>", str(workbench["filing_file"]))
        return "/" + route.replace("<int:pk>", str(workbench["filing"]))
    if route.startswith("workbench/"):
        record = workbench["nominee"] if route.startswith("workbench/nominees/") else workbench["nomination"]
        route = route.replace("<slug:action>", "submit").replace("<int:file_id>", str(workbench["file"]))
        return "/" + route.replace("<int:pk>", str(record))
    if route.startswith("admin/review/exports/"):
        return "/" + route.replace("<int:pk>", str(workbench["export"]))
    if route.startswith("admin/review/"):
        return "/" + route.replace("<int:pk>", str(workbench["nomination"]))
    if route.startswith(("admin/honours/", "honours/")):
        # the first record named in the route: notices/<pk>/…, objections/<pk>/…, honours/<pk>/…
        key = (
            "honour"
            if route.startswith("honours/")
            else next(k for k in ("notice", "objection", "honour") if k in route)
        )
        return "/" + route.replace("<int:pk>", str(workbench[key]))
    if "<int:campaign_id>" in route:
        from campaigns.models import CampaignPage

        campaign_id = CampaignPage.objects.values_list("pk", flat=True).first()
        return "/" + route.replace("<int:campaign_id>", str(campaign_id))
    match = re.match(r"admin/snippets/(?:choose/)?(\w+)/(\w+)/", route)
    model = apps.get_model(match.group(1), match.group(2))
    pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return "/" + re.sub(r"<(?:\w+:)?pk>", str(pk), route)


def _verdict(response) -> str:
    if response.status_code == 200:
        return OK
    if response.status_code in (403, 404):
        return REFUSED
    if response.status_code == 302:
        location = response["Location"]
        if "/login/" in location:
            return LOGIN
        if location == "/admin/":
            return ADMIN_HOME
    return f"{response.status_code} {response.get('Location', '')}"


@pytest.fixture
def workbench_rows(demo, settings, tmp_path):
    """A shangzhou draft nomination with a photo, for the workbench's object URLs."""
    import datetime
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from campaigns.models import Brand
    from nominations import services
    from nominations.models import LocalTitle, Nominee
    from nominations.services import nomination_files_add

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    user = User.objects.get(username="shangzhou")
    nominee = services.nominee_save(nominee=Nominee(kind="collective", name="矩阵村"), actor=user)
    title = services.title_record(
        title=LocalTitle(
            nominee=nominee,
            brand=Brand.objects.get(slug="village"),
            year=2018,
            document_number="测〔2018〕1号",
            issuing_body="测试",
            named_on=datetime.date(2018, 11, 1),
        ),
        actor=user,
    )
    nomination = services.nomination_create(campaign=demo, title=title, deeds="<p>x</p>", actor=user)
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, format="PNG")
    (photo,) = nomination_files_add(
        nomination=nomination,
        photos=[SimpleUploadedFile("a.png", png.getvalue())],
        documents=[],
        actor=user,
    )
    rows = {"nominee": nominee.pk, "nomination": nomination.pk, "file": photo.pk}
    return rows | _december_rows(demo, png.getvalue()) | _filing_rows(demo, user) | _export_rows(demo)


def _export_rows(demo) -> dict[str, int]:
    """The office's finished export of every nomination."""
    from nominations import exports

    job = exports.export_request(actor=User.objects.get(username="office"), campaign=demo)
    exports.export_job_run(job.pk)
    return {"export": job.pk}


def _filing_rows(demo, user) -> dict[str, int]:
    """A shangzhou draft summary with a file, and a county kind no demo unit has filed."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from filings import services as filing_services
    from filings.models import Filing, FilingKind

    filing = filing_services.filing_save(
        filing=Filing(kind=FilingKind.objects.get(campaign=demo, role="county", key="summary"), title="总结"),
        actor=user,
    )
    (attachment,) = filing_services.filing_files_add(
        filing=filing, files=[SimpleUploadedFile("总结.pdf", b"%PDF-1.4 test")], actor=user
    )
    kind = FilingKind.objects.get(campaign=demo, role="county", key="demo_sites")
    return {"filing": filing.pk, "filing_file": attachment.pk, "filing_kind": kind.pk}


def _december_rows(demo, png: bytes) -> dict[str, int]:
    """A notice (ended) with an objection carrying a file, and an honour conferred."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from honours import services
    from nominations.models import Nomination
    from portal.demo import december

    office = User.objects.get(username="office")
    picks = list(Nomination.objects.filter(campaign=demo, state="submitted").order_by("id")[:2])
    december.accept(picks, actor=office)
    december.verify(picks, actor=office)
    december.shortlist(picks, actor=office)
    start = datetime.date(2018, 12, 10)
    notice = services.notice_create(campaign=demo, actor=office, starts_on=start)
    services.notice_publish(notice=notice, actor=office, today=start)
    objection = services.objection_file(
        entry=notice.entries.first(),
        name="李明",
        contact="0914-2313456",
        reasons="请核实该对象的创建情况。",
        attachment=SimpleUploadedFile("证明.png", png),
        today=start,
    )
    services.objection_settle(objection=objection, finding="dismissed", reason="不属实。", actor=office)
    decision = services.commendation_create(
        notice=notice,
        actor=office,
        document_number="测〔2018〕1号",
        issued_on=datetime.date(2018, 12, 28),
        issuing_bodies="中共商洛市委、商洛市人民政府",
    )
    services.commendation_publish(page=decision, actor=office)
    return {"notice": notice.pk, "objection": objection.pk, "honour": decision.honours.first().pk}


@pytest.mark.django_db
def test_access_matrix(client, demo, workbench_rows):
    users = {u.username: u for u in User.objects.filter(username__in=ROLES)}
    failures = []
    for route, _ in own_routes():
        url = _fill(route, workbench_rows)
        for role in ROLES:
            client.logout()
            if role != "anonymous":
                client.force_login(users[role])
            response = client.get(url)
            got = _verdict(response)
            if response.streaming:
                # read it through: the test client then closes it without closing the
                # database connection (a plain close() would, on PostgreSQL)
                b"".join(response.streaming_content)
            want = EXPECTED[route][role]
            if got not in want:
                failures.append(f"{role:10} {url}: expected one of {sorted(want)}, got {got}")
    assert failures == []


@pytest.mark.django_db
def test_every_demo_account_on_another_units_records(client, workbench_rows):
    """Every demo account, not just one of each role, on shangzhou's records: only
    shangzhou and the office (read-only) reach them; every other unit gets 404."""
    from portal.demo import data

    record_urls = [
        _fill(route, workbench_rows)
        for route in EXPECTED
        if route.startswith("workbench/")
        and "<int:pk>" in route
        and "move" not in route
        and not route.endswith("submit/")
    ]
    usernames = [slug for _, slug, *_ in data.COUNTIES] + [slug for _, slug in data.LEAD_DEPARTMENTS]
    usernames += ["sifa", "office"]
    for username in usernames:
        client.force_login(User.objects.get(username=username))
        for url in record_urls:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            allowed = username in ("shangzhou", "office") and not url.endswith("/edit/")
            expected = {200} if allowed or (username == "shangzhou") else {403, 404}
            assert response.status_code in expected, (username, url, response.status_code)
        client.logout()
