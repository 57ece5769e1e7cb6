"""The public objection form (异议) of a notice page."""

from django.http import HttpResponse


def objection_create(request, *, notice) -> HttpResponse:
    raise NotImplementedError


def rate_limited(request, exception) -> HttpResponse:
    raise NotImplementedError
