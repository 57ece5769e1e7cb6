"""Public URLs of the honour roll outside Wagtail's page tree: certificates."""

from django.urls import path

from honours.views import public

app_name = "honours"

urlpatterns = [
    path("certificates/<int:pk>.pdf", public.certificate_pdf, name="certificate"),
]
