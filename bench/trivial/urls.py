from django.http import HttpResponse
from django.urls import path

_LINE = "<p>Pingan trivial benchmark page: a fixed response, no database.</p>\n"
_HEAD = (
    '<!doctype html>\n<html lang="zh-hans"><head><meta charset="utf-8"><title>trivial</title></head><body>\n'
)
_TAIL = "</body></html>\n"
_LINES = _LINE * ((2048 - len(_HEAD) - len(_TAIL)) // len(_LINE))
PAGE = (_HEAD + _LINES + " " * (2048 - len(_HEAD) - len(_LINES) - len(_TAIL)) + _TAIL).encode("ascii")
assert len(PAGE) == 2048


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]
