"""The workbench's filings (报送材料): /workbench/filings/…"""

from django.urls import path

from filings import views

app_name = "filings"

urlpatterns = [
    path("filings/", views.filing_list, name="filing_list"),
    path("filings/new/<int:kind_id>/", views.filing_create, name="filing_create"),
    path("filings/<int:pk>/", views.filing_detail, name="filing_detail"),
    path("filings/<int:pk>/edit/", views.filing_edit, name="filing_edit"),
    path("filings/<int:pk>/submit/", views.filing_submit, name="filing_submit"),
    path("filings/<int:pk>/files/<int:file_id>/", views.filing_file, name="filing_file"),
]
