"""URLs of the office's 报送备案 under the Wagtail admin: /admin/filings/…"""

from django.urls import path

from filings.office import views

app_name = "filings_office"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/transition/", views.transition, name="transition"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
]
