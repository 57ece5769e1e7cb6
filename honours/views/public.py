"""Public downloads: a certificate per honour (PDF), the commended list (xlsx).

Both read the public snapshot rows only (`honours.selectors`), so neither can leak a
nominee's ID number or phone; both exist only once the decision is published.
"""

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from honours import certificates, excel, selectors


def _disposition(kind: str, filename: str, fallback: str) -> str:
    """`kind; filename="<ascii>"; filename*=UTF-8''<name>` (RFC 6266 / RFC 5987): the
    Chinese name for every current browser, a plain one for anything older."""
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


@require_safe
def certificate_pdf(request, pk: int) -> HttpResponse:
    """The certificate of an honour of a published decision; a revoked one is gone (410)."""
    honour = get_object_or_404(selectors.honours_public().select_related("commendation", "city"), pk=pk)
    if honour.is_revoked:
        return render(request, "honours/certificate_revoked.html", {"honour": honour}, status=410)
    response = HttpResponse(certificates.certificate_pdf(honour), content_type="application/pdf")
    response["Content-Disposition"] = _disposition(
        "inline", certificates.certificate_filename(honour), f"certificate-{honour.pk}.pdf"
    )
    # revocation must reach everyone who looks again: no cache may keep serving the PDF
    response["Cache-Control"] = "no-cache"
    return response


def commendation_xlsx(request, *, page) -> HttpResponse:
    """The commended list of a published, conferred decision (the page's list.xlsx route)."""
    if request.method not in ("GET", "HEAD") or not page.live or page.conferred_at is None:
        raise Http404
    data = excel.commended_workbook(selectors.commendation_rows(page=page), page=page)
    return HttpResponse(
        data,
        content_type=excel.XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, excel.commended_filename(page))},
    )
