"""Shared pieces of the office's own admin screens."""

from collections.abc import Callable
from functools import wraps

from django.template.response import TemplateResponse


def office_only(predicate: Callable, *, what: str):
    """Admin views only for users `predicate(user)` allows (a `portal.rules` predicate);
    anyone else with admin access gets a 403 page naming `what` they may not do.
    (Wagtail sends users without admin access to its login page before this runs.)"""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not predicate(request.user):
                return TemplateResponse(request, "portal/admin/forbidden.html", {"what": what}, status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
