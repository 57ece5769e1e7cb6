"""Public downloads: a certificate per honour (PDF), the commended list (xlsx)."""

from django.http import HttpResponse


def certificate_pdf(request, pk: int) -> HttpResponse:
    raise NotImplementedError


def commendation_xlsx(request, *, page) -> HttpResponse:
    raise NotImplementedError
